import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { machineNames, servedCertificate } from './tls';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lvs-tls-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('servedCertificate', () => {
  it('generates a self-signed certificate once, for the machine\'s names and addresses, key 0600', async () => {
    const first = await servedCertificate({ mode: 'self-signed' }, dir);
    expect(first?.generated).toBe(true);
    expect(fs.statSync(path.join(dir, 'tls.key')).mode & 0o777).toBe(0o600);
    const x509 = new crypto.X509Certificate(first!.cert);
    expect(x509.fingerprint256).toBe(first!.fingerprint256);
    for (const name of machineNames().dns) expect(x509.subjectAltName).toContain(`DNS:${name}`);
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(x509.ca).toBe(false);
    expect(new Date(x509.validTo).getTime() - Date.now()).toBeGreaterThan(700 * 86400_000);
    // The next start serves the same certificate, so the fingerprint the admin checked holds.
    const second = await servedCertificate({ mode: 'self-signed' }, dir);
    expect(second?.generated).toBe(false);
    expect(second?.fingerprint256).toBe(first!.fingerprint256);
  });

  it('uses LVS_TLS_CERT/KEY as given, and refuses a key that is not the certificate\'s', async () => {
    const certFile = path.join(dir, 'tls.crt');
    const served = await servedCertificate({ mode: 'files', certFile, keyFile: path.join(dir, 'tls.key') }, '/nonexistent');
    expect(served?.generated).toBe(false);
    const other = path.join(dir, 'other.key');
    fs.writeFileSync(other, crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(servedCertificate({ mode: 'files', certFile, keyFile: other }, dir)).rejects.toThrow(/LVS_TLS_KEY: .*other\.key is not the key of/);
  });

  it('serves nothing with LVS_TLS=off', async () => {
    expect(await servedCertificate({ mode: 'off' }, dir)).toBeNull();
  });
});
