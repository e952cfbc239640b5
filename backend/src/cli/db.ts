/**
 * `node dist/backend/backend/src/cli/db.js <command>` (or `npm run db:<command>`):
 *   migrate            apply pending migrations
 *   rollback           revert the last applied migration (run again to go further back)
 *   status             list applied and pending migrations
 *   backup [file]      online backup of the SQLite database (default db/backups/exam-<time>.sqlite)
 * Reads DATABASE_URL (and BACKUP_DIR) from the environment or `.env`, like the server.
 */
import 'reflect-metadata';
import { loadDotEnv } from '../app/config/dotenv';
import { backup, migrate, rollback, status } from '../app/maintenance/db-commands';

const say = (line: string) => process.stdout.write(line + '\n');
const USAGE = 'usage: db <migrate|rollback|status|backup [file]>';

async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  const url = process.env.DATABASE_URL || 'sqlite:db/exam.sqlite';
  const [cmd, arg] = argv;
  switch (cmd) {
    case 'migrate': {
      const done = await migrate(url);
      say(
        done.length
          ? `Applied: ${done.join(', ')}`
          : 'Nothing to migrate: the schema is up to date.',
      );
      return 0;
    }
    case 'rollback': {
      const undone = await rollback(url);
      say(undone ? `Reverted: ${undone}` : 'Nothing to revert: no migration is applied.');
      return 0;
    }
    case 'status': {
      const s = await status(url);
      say(
        `applied: ${s.applied.join(', ') || '(none)'}\npending: ${s.pending.join(', ') || '(none)'}`,
      );
      return 0;
    }
    case 'backup': {
      const file = await backup(url, { dest: arg, dir: process.env.BACKUP_DIR || 'db/backups' });
      say(file);
      return 0;
    }
    default:
      console.error(USAGE);
      return 64; // EX_USAGE
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
