/**
 * REQUIRE_HTTPS (default on in production): plain-HTTP requests are refused with
 * 403 HTTPS_REQUIRED, unless TLS terminated here or TRUST_PROXY is set and the proxy says
 * `X-Forwarded-Proto: https`. The WebSocket handshake applies the same rule (ExamWsAdapter).
 * Health probes and /metrics are exempt: load balancers and Prometheus reach them from
 * inside the network over plain HTTP (and /metrics has its own access rule).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';

export const HTTPS_EXEMPT = /^\/(api\/health(\/|$|\?)|metrics($|\?))/;

export function isHttpsRequest(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  if (!trustProxy) return false;
  const h = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https' || first === 'wss';
}

export const HTTPS_REQUIRED_MESSAGE =
  'This server only accepts HTTPS. Use the https:// address (behind a proxy: the proxy must send X-Forwarded-Proto: https and the server needs TRUST_PROXY=true).';

export function requireHttpsMiddleware(opts: {
  trustProxy: boolean;
  onRefused?: (req: IncomingMessage) => void;
}) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (isHttpsRequest(req, opts.trustProxy) || HTTPS_EXEMPT.test(req.url ?? '/')) return next();
    opts.onRefused?.(req);
    res.statusCode = 403;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(
      JSON.stringify({ statusCode: 403, code: 'HTTPS_REQUIRED', message: HTTPS_REQUIRED_MESSAGE }),
    );
  };
}
