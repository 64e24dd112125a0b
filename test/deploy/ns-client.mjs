// Runs inside a network namespace: performs the HTTPS requests given as JSON on stdin, in order,
// accepting any certificate, and prints each answer with the certificate's SHA-256 fingerprint.
import https from 'node:https';

const requests = JSON.parse(await new Promise((resolve) => {
  let data = '';
  process.stdin.on('data', (c) => (data += c)).on('end', () => resolve(data));
}));

function one({ url, method = 'GET', headers = {}, body }) {
  return new Promise((resolve) => {
    const req = https.request(url, { method, headers, rejectUnauthorized: false, timeout: 60_000 }, (res) => {
      const fingerprint256 = res.socket.getPeerCertificate().fingerprint256;
      let text = '';
      res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode, fingerprint256, text }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, error: String(e) }));
    req.end(body);
  });
}

const answers = [];
for (const r of requests) answers.push(await one(r));
process.stdout.write(JSON.stringify(answers));
