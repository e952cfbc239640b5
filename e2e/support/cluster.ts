/**
 * Several instances of the built server as child processes, on a fresh PostgreSQL database
 * and the Redis TEST_REDIS_URL names (keys and channels under a prefix of their own), as
 * `npm run start:cluster` runs them. The first instance starts alone (migrations, demo
 * data), then the others.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, REDIS_URL, type TestDatabase } from './postgres';
import { buildServer, startServer, type ServerProcess } from './server-process';

export interface Cluster {
  db: TestDatabase;
  instances: ServerProcess[];
  /** INSTANCE_NAME of instance i (app1, app2...). */
  name(i: number): string;
  /** Starts instance i again (same name, same port) after it was stopped or killed. */
  restart(i: number): Promise<ServerProcess>;
  stop(): Promise<void>;
}

export async function startCluster(
  size: number,
  env: Record<string, string> = {},
): Promise<Cluster> {
  buildServer();
  const db = await createTestDatabase('exam_cluster');
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), 'exam-cluster-'));
  const envOf = (i: number) => ({
    DATABASE_URL: db.url,
    REDIS_URL: REDIS_URL ?? '',
    REDIS_PREFIX: prefix,
    INSTANCE_NAME: `app${i + 1}`,
    ...env,
  });
  const dbFile = join(dir, 'unused.sqlite');
  const first = await startServer(dbFile, envOf(0));
  const rest = await Promise.all(
    Array.from({ length: size - 1 }, (_, i) => startServer(dbFile, envOf(i + 1))),
  );
  const instances = [first, ...rest];
  return {
    db,
    instances,
    name: (i) => `app${i + 1}`,
    async restart(i) {
      const s = await startServer(dbFile, envOf(i), instances[i].port);
      instances[i] = s;
      return s;
    },
    async stop() {
      await Promise.all(instances.map((s) => s.kill('SIGTERM')));
      await db.drop();
    },
  };
}
