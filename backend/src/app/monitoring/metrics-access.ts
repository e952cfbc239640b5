/**
 * Who may scrape /metrics: with METRICS_TOKEN set, only requests carrying
 * `Authorization: Bearer <token>`; without it, only clients whose address is inside
 * METRICS_ALLOW_CIDRS (loopback and private networks by default: the "admin network").
 */
import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export type MetricsVerdict = 'ok' | 'token_required' | 'network_refused';

export function buildAllowList(cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const c of cidrs) {
    const [net, prefix] = c.split('/');
    list.addSubnet(net, Number(prefix), net.includes(':') ? 'ipv6' : 'ipv4');
  }
  return list;
}

export function checkMetricsAccess(
  opts: { token?: string; allow: BlockList },
  req: { authorization?: string; ip?: string },
): MetricsVerdict {
  if (opts.token) {
    const m = /^Bearer\s+(\S+)$/i.exec(req.authorization ?? '');
    if (!m) return 'token_required';
    const given = Buffer.from(m[1]);
    const want = Buffer.from(opts.token);
    return given.length === want.length && timingSafeEqual(given, want) ? 'ok' : 'token_required';
  }
  const ip = normaliseIp(req.ip ?? '');
  if (isIPv4(ip)) return opts.allow.check(ip, 'ipv4') ? 'ok' : 'network_refused';
  if (isIPv6(ip)) return opts.allow.check(ip, 'ipv6') ? 'ok' : 'network_refused';
  return 'network_refused';
}

/** `::ffff:10.1.2.3` (IPv4 on a dual-stack socket) is checked as IPv4. */
function normaliseIp(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1] : ip;
}
