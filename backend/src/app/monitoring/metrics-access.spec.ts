import { buildAllowList, checkMetricsAccess } from './metrics-access';

const PRIVATE = buildAllowList([
  '127.0.0.0/8',
  '::1/128',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  'fc00::/7',
]);

describe('checkMetricsAccess', () => {
  it('without a token, allows loopback and private networks only', () => {
    const ok = (ip: string) => checkMetricsAccess({ allow: PRIVATE }, { ip });
    expect(ok('127.0.0.1')).toBe('ok');
    expect(ok('::1')).toBe('ok');
    expect(ok('::ffff:127.0.0.1')).toBe('ok');
    expect(ok('10.20.30.40')).toBe('ok');
    expect(ok('172.31.255.1')).toBe('ok');
    expect(ok('192.168.1.9')).toBe('ok');
    expect(ok('fd12::1')).toBe('ok');
    expect(ok('172.32.0.1')).toBe('network_refused');
    expect(ok('8.8.8.8')).toBe('network_refused');
    expect(ok('2001:db8::1')).toBe('network_refused');
    expect(ok('')).toBe('network_refused');
  });

  it('with a token, requires the exact bearer token from any network', () => {
    const check = (authorization?: string, ip = '8.8.8.8') =>
      checkMetricsAccess({ token: 's3cret-token', allow: PRIVATE }, { authorization, ip });
    expect(check('Bearer s3cret-token')).toBe('ok');
    expect(check('Bearer s3cret-tokeX')).toBe('token_required');
    expect(check('Bearer s3cret')).toBe('token_required');
    expect(check(undefined, '127.0.0.1')).toBe('token_required');
  });

  it('"none" (an empty list) refuses every network', () => {
    expect(checkMetricsAccess({ allow: buildAllowList([]) }, { ip: '127.0.0.1' })).toBe(
      'network_refused',
    );
  });
});
