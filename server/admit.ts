/**
 * What every request goes through before Next sees it: forwarded headers survive only from a trusted
 * proxy, the client address is resolved once (lib/net/client-address.ts) and handed on in one header
 * that a client cannot set, and HTTPS answers carry HSTS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CLIENT_ADDRESS_HEADER, FORWARDED_HEADERS, clientAddress, isTrustedProxy, normalizeAddress, type TrustedProxies } from '../lib/net/client-address';

const HSTS = 'max-age=31536000';

export function admitRequest(req: IncomingMessage, res: ServerResponse, proxies: TrustedProxies, tls: boolean): void {
  const peer = req.socket.remoteAddress;
  const forwardedFor = req.headers['x-forwarded-for'];
  if (!isTrustedProxy(normalizeAddress(peer ?? ''), proxies)) for (const h of FORWARDED_HEADERS) delete req.headers[h];
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(peer, Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor, proxies);
  if (tls) res.setHeader('Strict-Transport-Security', HSTS);
}
