/** Test data beyond the demo seed: a second academy with its own users, for isolation tests. */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';
import { UsersService } from '../../backend/src/app/auth/users.service';
import { PLATFORM_ACADEMY_ID } from '@exam/db';
import { DEMO_PASSWORD } from './http';

export interface AcademyFixture {
  academyId: string;
  admin: string;
  teacher: string;
  /** More teachers of the academy (colleagues, co-teachers, invigilators). */
  otherTeachers: string[];
  students: string[];
}

export async function createAcademy(
  t: TestApp,
  name: string,
  studentCount = 2,
  otherTeacherCount = 0,
): Promise<AcademyFixture> {
  const ds = t.app.get(DataSource);
  const users = t.app.get(UsersService);
  const academyId = randomUUID();
  await ds.query('INSERT INTO academies (id, name, created_at) VALUES (?, ?, ?)', [
    academyId,
    name,
    Date.now(),
  ]);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const mk = async (role: 'admin' | 'teacher' | 'student', n: string) =>
    (
      await users.create(academyId, {
        email: `${n}@${slug}.test`,
        displayName: `${name} ${n}`,
        password: DEMO_PASSWORD,
        role,
      })
    ).email;
  const students: string[] = [];
  for (let i = 1; i <= studentCount; i++) students.push(await mk('student', `student${i}`));
  const otherTeachers: string[] = [];
  for (let i = 2; i <= otherTeacherCount + 1; i++)
    otherTeachers.push(await mk('teacher', `teacher${i}`));
  return {
    academyId,
    admin: await mk('admin', 'admin'),
    teacher: await mk('teacher', 'teacher'),
    otherTeachers,
    students,
  };
}

/** Row counts of every table: a refusal must leave them unchanged. */
/** A platform operator (no academy of their own); returns the email. */
export async function createOperator(t: TestApp, email: string): Promise<string> {
  await t.app.get(UsersService).create(PLATFORM_ACADEMY_ID, {
    email,
    displayName: 'Pat Operator',
    password: DEMO_PASSWORD,
    role: 'operator',
  });
  return email;
}

export async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const ds = t.app.get(DataSource);
  const tables = (await ds.query(
    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations' ORDER BY name",
  )) as Array<{ name: string }>;
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = (await ds.query(`SELECT COUNT(*) AS n FROM "${name}"`)) as Array<{ n: number }>;
    out[name] = Number(n);
  }
  return out;
}
