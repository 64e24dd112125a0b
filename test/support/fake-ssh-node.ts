/**
 * A fake node: an in-process SSH server (ssh2's Server) that accepts one password and answers
 * every command with whatever `respond` returns, for tests of what the console does with node output.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Server, utils } from 'ssh2';
import { fingerprintOf } from '@/lib/ssh/hostkey';

export type FakeAnswer = { stdout: string; stderr: string; code: number };

export async function startFakeNode(password: string, respond: (command: string) => FakeAnswer) {
  const hostKey = utils.generateKeyPairSync('ed25519');
  const blob = Buffer.from(hostKey.public.trim().split(/\s+/)[1]!, 'base64');
  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.password === password) return ctx.accept();
      if (ctx.method === 'keyboard-interactive') return ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers) => (answers[0] === password ? ctx.accept() : ctx.reject()));
      ctx.reject(['password', 'keyboard-interactive']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('exec', (acceptExec, _reject, info) => {
          const stream = acceptExec();
          stream.on('data', () => {}); // the script arrives on stdin; it is not run
          const answer = respond(info.command);
          stream.write(answer.stdout);
          stream.stderr.write(answer.stderr);
          stream.exit(answer.code);
          stream.end();
        });
        session.on('sftp', (_accept, reject) => reject());
      });
    });
    client.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    fingerprint: fingerprintOf(blob),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
