/**
 * Real receivers on loopback for alert tests: an HTTP webhook endpoint that records each request
 * (and can be told to fail first), and an SMTP server with STARTTLS and AUTH that keeps each mail.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { SMTPServer, type SMTPSession } from 'smtp-server';

export interface WebhookHit { headers: http.IncomingHttpHeaders; body: string }

export async function startWebhookReceiver(): Promise<{ url: string; hits: WebhookHit[]; failNext: (n: number) => void; close: () => Promise<void> }> {
  const hits: WebhookHit[] = [];
  let failing = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failing > 0) { failing--; res.writeHead(503).end('try later'); return; }
      hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, hits, failNext: (n) => { failing = n; }, close: () => new Promise((r) => server.close(() => r())) };
}

export interface ReceivedMail { raw: string; secure: boolean; user?: string; from: string; to: string[] }

export async function startSmtpSink(creds: { user: string; password: string }): Promise<{ port: number; ca: string; mails: ReceivedMail[]; close: () => Promise<void> }> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256',
    extensions: [{ name: 'basicConstraints', cA: true }, { name: 'subjectAltName', altNames: [{ type: 7 as const, ip: '127.0.0.1' }] }],
  });
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    key: pems.private, cert: pems.cert, logger: false, authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, session: SMTPSession, cb) {
      if (!session.secure) return cb(new Error('STARTTLS first'));
      cb(auth.username === creds.user && auth.password === creds.password ? null : new Error('bad credentials'), { user: auth.username });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const env = session.envelope;
        mails.push({ raw: Buffer.concat(chunks).toString('utf8'), secure: session.secure, user: session.user, from: env.mailFrom ? env.mailFrom.address : '', to: env.rcptTo.map((r) => r.address) });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.server.address() as AddressInfo;
  return { port, ca: pems.cert, mails, close: () => new Promise((r) => server.close(() => r())) };
}

/** The Subject header of a raw mail, RFC 2047 encoded-words decoded. */
export function mailSubject(raw: string): string {
  const m = /^Subject: ((?:.*)(?:\r\n[ \t].*)*)/m.exec(raw);
  if (!m) return '';
  return m[1].replace(/\r\n[ \t]/g, ' ').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}
