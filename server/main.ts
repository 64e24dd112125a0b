/**
 * The console's server: Next's request handler behind our own listeners, so that it listens where
 * the admin says (every address by default, never $HOSTNAME), serves HTTPS by default, and knows
 * each client's real address. Everything else is what `next start` does: compression and routing
 * come from Next's handler; SIGTERM closes gracefully.
 *
 * Run from the project directory by scripts/start.sh (`npm start`) and the systemd unit:
 * `node --import tsx server/main.ts`.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import { dataDir, listenSettings, type ListenSettings } from '../lib/config';
import { admitRequest } from './admit';
import { frontDoor } from './front-door';
import { refuseUnsupportedMethod } from './method-guard';
import { servedCertificate, type ServedCertificate } from './tls';
import { isLoopbackOnly, reachableUrls } from './urls';

(process.env as Record<string, string>).NODE_ENV = 'production';
const SHUTDOWN_GRACE_MS = 3_000;

function fail(message: string): never {
  console.error(`lvs-console: ${message}`);
  process.exit(2);
}

async function listenOne(listener: net.Server, port: number, address: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen({ port, host: address, ipv6Only: false }, () => {
      listener.off('error', reject);
      resolve();
    });
  });
}

/** Each address gets a listener that hands its connections to the one HTTP(S) server. */
async function listenAll(settings: ListenSettings, makeListener: () => net.Server): Promise<{ listeners: net.Server[]; bound: string[] }> {
  const listeners: net.Server[] = [];
  const bound: string[] = [];
  for (const address of settings.addresses ?? ['::']) {
    const listener = makeListener();
    try {
      await listenOne(listener, settings.port, address);
      bound.push(address);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // A host without IPv6: every address means every IPv4 address.
      if (settings.addresses === null && (err.code === 'EAFNOSUPPORT' || err.code === 'EADDRNOTAVAIL')) {
        await listenOne(listener, settings.port, '0.0.0.0');
        bound.push('0.0.0.0');
      } else {
        const hint = err.code === 'EACCES' && settings.port < 1024 ? ' (ports below 1024 need root or CAP_NET_BIND_SERVICE)' : '';
        fail(`cannot listen on ${address} port ${settings.port}: ${err.code ?? err.message}${hint}`);
      }
    }
    listeners.push(listener);
  }
  return { listeners, bound };
}

function announce(settings: ListenSettings, bound: string[], cert: ServedCertificate | null): void {
  console.log(`LVS Console is listening on port ${settings.port} (${cert ? 'HTTPS' : 'plain HTTP'}). Open:`);
  for (const url of reachableUrls(bound, settings.port, cert !== null, os.networkInterfaces())) console.log(`  ${url}`);
  if (cert) {
    console.log(`TLS certificate: ${cert.certFile}${cert.generated ? ' (self-signed, generated now)' : ''}`);
    console.log(`  SHA-256 fingerprint: ${cert.fingerprint256}`);
  } else if (!isLoopbackOnly(bound)) {
    console.warn('WARNING: LVS_TLS=off on a non-loopback address: passwords and node credentials cross the network in clear text. Use it only behind a TLS reverse proxy on this host (LVS_CONSOLE_LISTEN=127.0.0.1).');
  }
}

/**
 * After a server action redirects (sign-in does), Next fetches the target page from its own origin
 * to answer in one round trip. Our certificate is one Node's fetch does not trust, so that fetch goes
 * to a plain listener on loopback only, with the same handler.
 */
async function selfFetchOrigin(onRequest: http.RequestListener): Promise<void> {
  const internal = http.createServer(onRequest);
  await listenOne(internal, 0, '127.0.0.1');
  internal.unref();
  process.env.__NEXT_PRIVATE_ORIGIN = `http://127.0.0.1:${(internal.address() as net.AddressInfo).port}`;
}

async function main(): Promise<void> {
  let settings: ListenSettings;
  let cert: ServedCertificate | null;
  try {
    settings = listenSettings();
    cert = await servedCertificate(settings.tls, dataDir());
  } catch (e) {
    fail((e as Error).message);
  }
  if (cert) {
    process.env.LVS_TLS_FINGERPRINT = cert.fingerprint256;
    process.env.LVS_TLS_ACTIVE = '1';
  }
  const { default: next } = await import('next');
  let handle: http.RequestListener = () => undefined;
  const onRequest: http.RequestListener = (req, res) => {
    if (refuseUnsupportedMethod(req, res)) return;
    admitRequest(req, res, settings.trustedProxies, cert !== null);
    void handle(req, res);
  };
  if (cert) await selfFetchOrigin(onRequest);
  const app = next({ dev: false, dir: process.cwd(), hostname: 'localhost', port: settings.port });
  await app.prepare();
  handle = app.getRequestHandler();
  const server = cert ? https.createServer({ cert: cert.cert, key: cert.key }, onRequest) : http.createServer(onRequest);
  const plain = server as http.Server;
  const { listeners, bound } = await listenAll(settings, () =>
    cert ? frontDoor(server as https.Server, settings.port) : net.createServer((socket) => plain.emit('connection', socket)),
  );
  announce(settings, bound, cert);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing (open requests get ${SHUTDOWN_GRACE_MS / 1000} s)`);
    // A listener's close callback runs once every connection it accepted has ended.
    const drained = Promise.all(listeners.map((l) => new Promise((resolve) => l.close(resolve))));
    const idle = setInterval(() => plain.closeIdleConnections(), 200);
    plain.closeIdleConnections();
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS))]);
    clearInterval(idle);
    plain.closeAllConnections();
    await app.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
