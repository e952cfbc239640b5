/**
 * What a WebSocket handshake (or an HTTP request) says about its client: the address,
 * through a trusted proxy's X-Forwarded-For, and the access token from the query string or
 * the Authorization header.
 */
import type { IncomingMessage } from 'node:http';

export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = req.headers['x-forwarded-for'];
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export function tokenFromRequest(req: IncomingMessage): string | undefined {
  try {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams.get('access_token');
    if (q) return q;
  } catch {
    /* fall through */
  }
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}
