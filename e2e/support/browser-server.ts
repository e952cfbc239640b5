/**
 * The built server serving the built SPA (dist/frontend/browser) on a fresh database with the
 * demo data, for browser tests. Origins are set to the server's own address, as a browser
 * opening the app there sends.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, freePort, ROOT, startServer, type ServerProcess } from './server-process';

export const SPA_DIR = join(ROOT, 'dist/frontend/browser');

export interface BrowserServer extends ServerProcess {
  dbFile: string;
  stop(): Promise<void>;
}

export async function startBrowserServer(env: Record<string, string> = {}): Promise<BrowserServer> {
  if (!existsSync(join(SPA_DIR, 'index.html'))) {
    throw new Error(
      `${SPA_DIR} has no index.html: build the frontend first (npx nx run frontend:build)`,
    );
  }
  buildServer();
  const dir = mkdtempSync(join(tmpdir(), 'exam-browser-'));
  const dbFile = join(dir, 'exam.sqlite');
  const port = await freePort();
  const server = await startServer(
    dbFile,
    {
      STATIC_DIR: SPA_DIR,
      ALLOWED_ORIGINS: `http://127.0.0.1:${port},http://localhost:${port}`,
      SEED_DEMO: 'true',
      WS_MAX_CONNECTIONS_PER_USER: '3',
      ...env,
    },
    port,
  );
  return {
    ...server,
    dbFile,
    stop: async () => {
      await server.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
