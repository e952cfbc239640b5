/**
 * Boots the real Nest application in-process on a temporary SQLite file and a random port,
 * exactly as production builds it (createApp). Each test file gets its own database.
 */
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../backend/src/app/bootstrap';
import { parseEnv } from '../../backend/src/app/config/env.schema';

export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  wsUrl: string;
  dbFile: string;
  close(): Promise<void>;
}

export const TEST_ORIGIN = 'http://localhost:4200';

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'exam-it-'));
  const dbFile = join(dir, 'test.sqlite');
  const cfg = parseEnv({
    NODE_ENV: 'test',
    JWT_SECRET: 'integration-test-secret-0123456789abcdef',
    DATABASE_URL: `sqlite:${dbFile}`,
    ALLOWED_ORIGINS: TEST_ORIGIN,
    STATIC_DIR: join(dir, 'no-spa'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOGIN_MAX_ATTEMPTS: '1000',
    WS_MESSAGES_PER_MINUTE: '100000',
    WS_ANSWERS_PER_10S: '100000',
    REST_RATE_LIMIT: '100000',
    REST_USER_RATE_LIMIT: '100000',
    ...env,
  });
  const app = await createApp(cfg, { logger: false });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const wsPort = cfg.WEBSOCKET_PORT > 0 ? cfg.WEBSOCKET_PORT : port;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${wsPort}/ws`,
    dbFile,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
