/**
 * Test-taker tools, kept per student: the student reads theirs and changes them unless staff
 * fixed them; the academy's teachers and admins read and set any student's, and say whether
 * the student may change them. A student of another academy, or someone who is not a
 * student, reads as not found.
 */
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  DEFAULT_TEST_TAKER_TOOLS,
  TOOLS_EVENTS,
  readTestTakerTools,
  type SetStudentTestTakerToolsRequest,
  type TestTakerTools,
  type TestTakerToolsView,
} from '@exam/contracts';
import type { AuthUser } from '../auth/auth-user';
import { UserEntity } from '../auth/entities/user.entity';
import { AppError } from '../common/app-error';
import { ConnectionRegistry } from '../realtime/connection-registry.service';
import { sendFrame } from '../realtime/ws-client';
import { TestTakerToolsEntity } from './entities/test-taker-tools.entity';

export const TOOLS_FIXED_MESSAGE =
  'Your teacher set these tools for you, so they cannot be changed here. Ask your teacher if you need something different.';

@Injectable()
export class TestTakerToolsService {
  constructor(
    @InjectRepository(TestTakerToolsEntity) private readonly rows: Repository<TestTakerToolsEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly sockets: ConnectionRegistry,
  ) {}

  async mine(actor: AuthUser): Promise<TestTakerToolsView> {
    return toView(await this.rows.findOne({ where: { userId: actor.id } }));
  }

  /** The student's own change; refused while staff have fixed them. */
  async setMine(actor: AuthUser, tools: TestTakerTools): Promise<TestTakerToolsView> {
    if (actor.role !== 'student') {
      throw AppError.forbidden('Test-taker tools are for students; staff set them per student.');
    }
    const row = await this.rows.findOne({ where: { userId: actor.id } });
    if (row && !row.studentMayChange) throw new AppError(403, 'TOOLS_FIXED', TOOLS_FIXED_MESSAGE);
    return this.save(actor, actor.id, actor.academyId, readTestTakerTools(tools), true, 'student');
  }

  async forStudent(actor: AuthUser, studentId: string): Promise<TestTakerToolsView> {
    await this.student(actor, studentId);
    return toView(await this.rows.findOne({ where: { userId: studentId } }));
  }

  async setForStudent(
    actor: AuthUser,
    studentId: string,
    body: SetStudentTestTakerToolsRequest,
  ): Promise<TestTakerToolsView> {
    const s = await this.student(actor, studentId);
    return this.save(
      actor,
      s.id,
      s.academyId,
      readTestTakerTools(body.tools),
      body.studentMayChange,
      'staff',
    );
  }

  private async save(
    actor: AuthUser,
    userId: string,
    academyId: string,
    tools: TestTakerTools,
    studentMayChange: boolean,
    setBy: 'student' | 'staff',
  ): Promise<TestTakerToolsView> {
    const row: TestTakerToolsEntity = {
      userId,
      academyId,
      tools,
      studentMayChange,
      setBy,
      updatedBy: actor.id,
      updatedAt: Date.now(),
    };
    await this.rows.upsert(row, ['userId']);
    const view = toView(row);
    // The student's open pages (this instance) apply them at once.
    for (const c of this.sockets.socketsOf(userId)) sendFrame(c, TOOLS_EVENTS.TOOLS_CHANGED, view);
    return view;
  }

  /** A student of the caller's academy, or 404 as if nobody had that id. */
  private async student(actor: AuthUser, id: string): Promise<UserEntity> {
    const u = await this.users.findOne({ where: { id, academyId: actor.academyId } });
    if (!u || u.role !== 'student') throw AppError.notFound('That student');
    return u;
  }
}

function toView(row: TestTakerToolsEntity | null): TestTakerToolsView {
  if (!row) {
    return {
      tools: { ...DEFAULT_TEST_TAKER_TOOLS },
      studentMayChange: true,
      setBy: null,
      updatedAt: null,
    };
  }
  return {
    tools: readTestTakerTools(row.tools),
    studentMayChange: !!row.studentMayChange,
    setBy: row.setBy,
    updatedAt: new Date(Number(row.updatedAt)).toISOString(),
  };
}
