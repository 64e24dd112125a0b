/**
 * HTTPS requests to a console under test, pinned to the certificate it serves (its self-signed one,
 * read from its data directory): Node's fetch cannot take a CA of its own without another library.
 */
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

export interface HttpsAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  fingerprint256: string;
}

export interface HttpsOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** PEM to trust; without it any certificate is accepted and the caller checks `fingerprint256`. */
  ca?: string;
  timeoutMs?: number;
}

export function httpsRequest(url: string, opts: HttpsOptions = {}): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: opts.method ?? 'GET', headers: opts.headers, ca: opts.ca, rejectUnauthorized: opts.ca !== undefined, timeout: opts.timeoutMs ?? 30_000 }, (res) => {
      const fingerprint256 = (res.socket as import('node:tls').TLSSocket).getPeerCertificate().fingerprint256;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), fingerprint256 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}
