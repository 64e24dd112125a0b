/**
 * One port for both: a connection whose first byte starts a TLS handshake goes to the HTTPS server;
 * anything else is an admin who typed http://HOST:777/ and gets a redirect to https:// on the same
 * host and port, then the connection closes. Nothing but that redirect is ever served in clear text.
 */
import net from 'node:net';
import type tls from 'node:tls';

const TLS_HANDSHAKE = 0x16;
const MAX_HEAD = 8192;

/** The 308 answer for a plain-HTTP request head, or null while the head is incomplete. */
export function redirectForPlainRequest(head: string, port: number): string | null {
  const end = head.indexOf('\r\n\r\n');
  if (end < 0 && head.length < MAX_HEAD) return null;
  const [requestLine = '', ...lines] = head.slice(0, end < 0 ? head.length : end).split('\r\n');
  const target = /^[A-Z]+ (\/[\x21-\x7e]*) HTTP\/1\.[01]$/.exec(requestLine)?.[1];
  const hostLine = lines.find((l) => /^host:/i.test(l))?.slice(5).trim() ?? '';
  // Only a plain host name, IPv4 or [IPv6] literal is echoed into the Location header.
  const host = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d+)?$/.exec(hostLine)?.[1];
  if (!target || !host) return 'HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n';
  const location = `https://${host}${port === 443 ? '' : `:${port}`}${target}`;
  const body = `This console is served over HTTPS: ${location}\n`;
  return `HTTP/1.1 308 Permanent Redirect\r\nlocation: ${location}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

export function frontDoor(tlsServer: tls.Server, port: number): net.Server {
  return net.createServer((socket) => {
    socket.setTimeout(15_000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    let head = '';
    const onData = (chunk: Buffer) => {
      if (head === '' && chunk[0] === TLS_HANDSHAKE) {
        socket.off('data', onData);
        socket.setTimeout(0);
        socket.pause();
        socket.unshift(chunk); // TLSSocket reads what is buffered before it reads the handle
        tlsServer.emit('connection', socket);
        return;
      }
      head += chunk.toString('latin1');
      const answer = redirectForPlainRequest(head, port);
      if (answer) {
        socket.off('data', onData);
        socket.end(answer);
      }
    };
    socket.on('data', onData);
  });
}
