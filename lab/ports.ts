/** Free loopback ports, asked from the kernel rather than hard-coded, so labs can run side by side. */
import net from 'node:net';
import dgram from 'node:dgram';

export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket('udp4');
    sock.once('error', reject);
    sock.bind(0, '127.0.0.1', () => {
      const port = sock.address().port;
      sock.close(() => resolve(port));
    });
  });
}

export async function distinctFreeTcpPorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freeTcpPort());
  return [...ports];
}

/** Resolves true once something on host:port greets with an SSH banner (sshd is up, not just slirp). */
export function sshBanner(port: number, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    let buf = '';
    const done = (ok: boolean) => { sock.destroy(); resolve(ok); };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.on('data', (d) => { buf += d.toString('latin1'); if (buf.includes('SSH-2.0')) done(true); });
    sock.on('error', () => done(false));
    sock.on('close', () => done(buf.includes('SSH-2.0')));
  });
}
