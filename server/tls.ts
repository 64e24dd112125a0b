/**
 * The certificate the console serves. With no LVS_TLS_CERT/KEY it generates a self-signed one on
 * first start (as Cockpit does) for this machine's names and addresses, keeps it in the data
 * directory (key 0600) and reuses it, so its fingerprint stays what the admin checked; it is made
 * anew only when missing, unreadable or within 30 days of expiry.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import selfsigned from 'selfsigned';
import type { TlsSetting } from '../lib/config';

export interface ServedCertificate {
  cert: string;
  key: string;
  fingerprint256: string;
  certFile: string;
  generated: boolean;
  subjectAltName: string;
}

const RENEW_BEFORE_MS = 30 * 24 * 3600_000;
const VALID_DAYS = 825;

/** The machine's names and every address of its interfaces: what an admin may type in the browser. */
export function machineNames(): { dns: string[]; ips: string[] } {
  const host = os.hostname();
  const dns = [...new Set([host, host.split('.')[0], 'localhost'].filter(Boolean))];
  const ips = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address.replace(/%.*$/, '')));
  return { dns, ips: [...new Set(['127.0.0.1', '::1', ...ips])] };
}

function load(certFile: string, keyFile: string): ServedCertificate {
  const cert = fs.readFileSync(certFile, 'utf8');
  const key = fs.readFileSync(keyFile, 'utf8');
  const x509 = new crypto.X509Certificate(cert);
  if (!x509.checkPrivateKey(crypto.createPrivateKey(key))) throw new Error(`LVS_TLS_KEY: ${keyFile} is not the key of ${certFile}`);
  return { cert, key, fingerprint256: x509.fingerprint256, certFile, generated: false, subjectAltName: x509.subjectAltName ?? '' };
}

function usable(certFile: string, keyFile: string): ServedCertificate | null {
  try {
    const served = load(certFile, keyFile);
    return new Date(new crypto.X509Certificate(served.cert).validTo).getTime() - Date.now() > RENEW_BEFORE_MS ? served : null;
  } catch {
    return null;
  }
}

async function generate(certFile: string, keyFile: string): Promise<ServedCertificate> {
  const { dns, ips } = machineNames();
  const now = new Date();
  const pems = await selfsigned.generate([{ name: 'commonName', value: dns[0] }, { name: 'organizationName', value: 'LVS Console' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + VALID_DAYS * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...dns.map((value) => ({ type: 2 as const, value })), ...ips.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  // Key first, owner-only, then the certificate: a crash between the two leaves no pair to trust.
  fs.writeFileSync(`${keyFile}.tmp`, pems.private, { mode: 0o600 });
  fs.renameSync(`${keyFile}.tmp`, keyFile);
  fs.writeFileSync(`${certFile}.tmp`, pems.cert, { mode: 0o644 });
  fs.renameSync(`${certFile}.tmp`, certFile);
  return { ...load(certFile, keyFile), generated: true };
}

/** The certificate for this start, per LVS_TLS / LVS_TLS_CERT / LVS_TLS_KEY; null when TLS is off. */
export async function servedCertificate(setting: TlsSetting, dataDir: string): Promise<ServedCertificate | null> {
  if (setting.mode === 'off') return null;
  if (setting.mode === 'files') return load(setting.certFile, setting.keyFile);
  const certFile = path.join(dataDir, 'tls.crt');
  const keyFile = path.join(dataDir, 'tls.key');
  return usable(certFile, keyFile) ?? generate(certFile, keyFile);
}
