/**
 * Entry point: validates configuration (one clear line on error), builds the app, listens.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app/bootstrap';
import { ConfigError, parseEnv } from './app/config/env.schema';
import { loadDotEnv } from './app/config/dotenv';
import { installShutdownSignals } from './app/monitoring/shutdown.service';

async function main(): Promise<void> {
  loadDotEnv();
  let cfg;
  try {
    cfg = parseEnv(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const app = await createApp(cfg);
  installShutdownSignals(app, cfg.SHUTDOWN_TIMEOUT_MS);
  await app.listen(cfg.PORT, cfg.HOST);
  const url = `http://localhost:${cfg.PORT}`;
  const ws =
    cfg.WEBSOCKET_PORT > 0
      ? `ws://localhost:${cfg.WEBSOCKET_PORT}/ws`
      : `ws://localhost:${cfg.PORT}/ws`;
  new Logger('Main').log(
    `Exam server ready: ${url} (API ${url}/api, docs ${url}/api/docs, WebSocket ${ws})`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
