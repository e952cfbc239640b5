/**
 * `npm run admin:create -- --academy "Northside High" --email head@school.org --name "Ada Admin"`
 * (in a container: `node dist/backend/backend/src/cli/admin.js create …`): the first academy
 * and its admin on a new server, without the server running. `--operator` creates the
 * platform operator instead (no academy). Refuses once an admin (or an operator) exists,
 * unless `--add` asks for another one.
 *
 * The password is read from ADMIN_PASSWORD, or from the file named by --password-file, or
 * asked for in the terminal (twice, not shown). Never from the command line: it would stay
 * in the shell history and in the process list.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadDotEnv } from '../app/config/dotenv';
import { AcademyEntity } from '../app/auth/entities/academy.entity';
import { UserEntity } from '../app/auth/entities/user.entity';
import { AppError } from '../app/common/app-error';
import { buildDataSourceOptions } from '../app/database/data-source-options';
import { applySqlitePragmas } from '../app/database/sqlite-pragmas';
import {
  countAccounts,
  insertAcademy,
  insertAccount,
  PLATFORM_ACADEMY_ID,
} from '../app/platform/accounts';
import { askHidden } from './prompt';

const USAGE = `usage:
  admin create --academy "<name>" --email <email> --name "<full name>" [--time-zone <IANA zone>] [--password-file <file>] [--add]
  admin create --operator --email <email> --name "<full name>" [--password-file <file>] [--add]
The password comes from ADMIN_PASSWORD, --password-file, or a prompt in the terminal.`;

const say = (line: string) => process.stdout.write(line + '\n');

class Refused extends Error {}

function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Refused(`unexpected "${a}"\n${USAGE}`);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out.set(a.slice(2), true);
    else {
      out.set(a.slice(2), next);
      i++;
    }
  }
  return out;
}

async function password(args: Map<string, string | true>): Promise<string> {
  if (args.has('password')) {
    throw new Refused(
      'Never give a password on the command line (it stays in the shell history and the process list). Use ADMIN_PASSWORD, --password-file or the prompt.',
    );
  }
  const file = args.get('password-file');
  let pw: string | undefined;
  if (typeof file === 'string') pw = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  else if (process.env.ADMIN_PASSWORD) pw = process.env.ADMIN_PASSWORD;
  else if (process.stdin.isTTY) {
    pw = await askHidden('Password for the new account: ');
    if ((await askHidden('The same password again: ')) !== pw) {
      throw new Refused('The two passwords differ. Nothing was created.');
    }
  } else {
    throw new Refused(
      'No password: set ADMIN_PASSWORD, use --password-file <file>, or run this in a terminal to be asked.',
    );
  }
  if (pw.length < 8 || pw.length > 200) {
    throw new Refused('The password must be 8 to 200 characters long. Nothing was created.');
  }
  return pw;
}

function text(args: Map<string, string | true>, name: string): string {
  const v = args.get(name);
  if (typeof v !== 'string' || !v.trim()) throw new Refused(`--${name} is required.\n${USAGE}`);
  return v.trim();
}

async function create(ds: DataSource, args: Map<string, string | true>): Promise<string> {
  const operator = args.has('operator');
  const add = args.has('add');
  const email = text(args, 'email');
  const displayName = text(args, 'name');
  const academyName = operator ? null : text(args, 'academy');
  const timeZone = args.get('time-zone');
  if (!add && (await countAccounts(ds.manager, operator ? 'operator' : 'admin')) > 0) {
    throw new Refused(
      operator
        ? 'A platform operator already exists. Add --add to create another one.'
        : 'This server already has an admin: sign in with it, or add --add to create another admin.',
    );
  }
  const pw = await password(args);
  return ds.transaction(async (em) => {
    if (operator) {
      const u = await insertAccount(em, PLATFORM_ACADEMY_ID, 'operator', {
        email,
        displayName,
        password: pw,
      });
      return `Created the platform operator ${u.email}. Sign in to manage academies.`;
    }
    const existing = await em.findOne(AcademyEntity, {
      where: { name: academyName!, isPlatform: false },
    });
    const academy =
      existing ??
      (await insertAcademy(em, {
        name: academyName!,
        timeZone: typeof timeZone === 'string' ? timeZone : undefined,
      }));
    const u = await insertAccount(em, academy.id, 'admin', { email, displayName, password: pw });
    return existing
      ? `Added the admin ${u.email} to the academy "${academy.name}". Sign in with this email.`
      : `Created the academy "${academy.name}" and its admin ${u.email}. Sign in with this email.`;
  });
}

async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  const [cmd, ...rest] = argv;
  if (cmd !== 'create') {
    console.error(USAGE);
    return 64; // EX_USAGE
  }
  const args = parseArgs(rest);
  const ds = new DataSource(
    buildDataSourceOptions(process.env.DATABASE_URL || 'sqlite:db/exam.sqlite', {
      entities: [AcademyEntity, UserEntity],
    }),
  );
  await ds.initialize();
  try {
    await applySqlitePragmas(ds);
    // A brand-new server may not have its schema yet.
    await ds.runMigrations({ transaction: 'each' });
    say(await create(ds, args));
    return 0;
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    const m = e instanceof AppError ? String(e.message) : e instanceof Error ? e.message : e;
    console.error(m);
    process.exit(e instanceof Refused || e instanceof AppError ? 1 : 2);
  },
);
