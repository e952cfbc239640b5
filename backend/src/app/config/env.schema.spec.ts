import { ConfigError, parseEnv } from './env.schema';

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const c = parseEnv({});
    expect(c.PORT).toBe(3000);
    expect(c.NODE_ENV).toBe('development');
    expect(c.DATABASE_URL).toBe('sqlite:db/exam.sqlite');
    expect(c.WS_MAX_CONNECTIONS_PER_USER).toBe(3);
    expect(c.WS_MAX_MESSAGE_BYTES).toBe(51200);
    expect(c.WS_MAX_ANSWER_BYTES).toBe(10240);
    expect(c.LOGIN_MAX_ATTEMPTS).toBe(5);
    expect(c.LOGIN_WINDOW_MS).toBe(300000);
    expect(c.TIME_WARNING_MINUTES).toEqual([10, 5, 1]);
    expect(c.WS_INACTIVITY_TIMEOUT_MS).toBe(30 * 60 * 1000);
    expect(c.WS_SESSION_TIMEOUT_MS).toBe(4 * 3600 * 1000);
  });

  it('generates a JWT secret in development and says so', () => {
    const c = parseEnv({ NODE_ENV: 'development' });
    expect(c.jwtSecretGenerated).toBe(true);
    expect(c.JWT_SECRET).toHaveLength(64);
  });

  it('refuses to start in production without JWT_SECRET', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET is required in production/,
    );
  });

  it('allows access tokens under 30 s only under NODE_ENV=test', () => {
    expect(() => parseEnv({ JWT_ACCESS_TTL_SECONDS: '5' })).toThrow(
      /JWT_ACCESS_TTL_SECONDS=5 - expected a whole number from 30 to 86400/,
    );
    expect(parseEnv({ NODE_ENV: 'test', JWT_ACCESS_TTL_SECONDS: '5' }).JWT_ACCESS_TTL_SECONDS).toBe(
      5,
    );
    expect(() => parseEnv({ NODE_ENV: 'test', JWT_ACCESS_TTL_SECONDS: '1' })).toThrow(
      /JWT_ACCESS_TTL_SECONDS/,
    );
    expect(parseEnv({ JWT_ACCESS_TTL_SECONDS: '30' }).JWT_ACCESS_TTL_SECONDS).toBe(30);
  });

  it('refuses Redis beside SQLite: several instances need PostgreSQL', () => {
    expect(() => parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /REDIS_URL is set but DATABASE_URL="sqlite:db\/exam.sqlite" is SQLite - several instances need PostgreSQL/,
    );
    const c = parseEnv({
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABASE_URL: 'postgres://exam@db:5432/exam',
    });
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('names the variable and what it expects when a value is malformed', () => {
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: 'abc' })).toThrow(
      /PORT="abc" - expected a whole number from 0 to 65535/,
    );
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL=.*expected sqlite:/,
    );
    expect(() => parseEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET=.*at least 32 characters/);
    expect(() => parseEnv({ ALLOWED_ORIGINS: 'http://ok.org,not an origin' })).toThrow(
      /ALLOWED_ORIGINS/,
    );
    expect(() => parseEnv({ TIME_WARNING_MINUTES: '10,x' })).toThrow(/TIME_WARNING_MINUTES/);
    expect(() => parseEnv({ NODE_ENV: 'staging' })).toThrow(
      /NODE_ENV=.*development, production or test/,
    );
  });

  it('parses lists and booleans', () => {
    const c = parseEnv({
      ALLOWED_ORIGINS: 'https://a.org, b.org:3000',
      SEED_DEMO: 'false',
      TIME_WARNING_MINUTES: '15,2',
    });
    expect(c.ALLOWED_ORIGINS).toEqual(['https://a.org', 'b.org:3000']);
    expect(c.SEED_DEMO).toBe(false);
    expect(c.TIME_WARNING_MINUTES).toEqual([15, 2]);
  });

  it('requires HTTPS in production by default', () => {
    expect(parseEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).REQUIRE_HTTPS).toBe(
      true,
    );
    expect(parseEnv({}).REQUIRE_HTTPS).toBe(false);
  });
});
