/**
 * The platform operator's academies: list, create (with a first admin), change settings,
 * suspend and reactivate, add admins. Suspending signs every user of the academy out at
 * once (refresh tokens revoked, sockets closed) and refuses their sign-ins and requests
 * until it is reactivated. The operator never reads exams, sessions or answers: those
 * routes are not theirs, and every academy-scoped query finds nothing of a school for them.
 */
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, Repository, type EntityManager } from 'typeorm';
import type {
  AcademyStatus,
  AcademyView,
  CreateAcademyRequest,
  NewAdminRequest,
  Page,
  UpdateAcademyRequest,
  UserView,
} from '@exam/contracts';
import { AcademyDirectory } from '../auth/academy-directory.service';
import { AuthEvents } from '../auth/auth-events';
import type { AuthUser } from '../auth/auth-user';
import { AcademyEntity } from '../auth/entities/academy.entity';
import { TokenService } from '../auth/token.service';
import { toUserView } from '../auth/users.service';
import { AppError } from '../common/app-error';
import { AppConfigService } from '../config/app-config';
import { UserEntity } from '../auth/entities/user.entity';
import { SecurityLogService, type SecurityEventType } from '../security/security-log.service';
import {
  academyView,
  checkTimeZone,
  insertAcademy,
  insertAccount,
  retentionDefaults,
} from './accounts';

export interface ListAcademiesQuery {
  search?: string;
  status?: AcademyStatus;
  page?: number;
  pageSize?: number;
}

@Injectable()
export class PlatformService {
  constructor(
    private readonly ds: DataSource,
    @InjectRepository(AcademyEntity) private readonly academies: Repository<AcademyEntity>,
    private readonly directory: AcademyDirectory,
    private readonly tokens: TokenService,
    private readonly events: AuthEvents,
    private readonly security: SecurityLogService,
    private readonly cfg: AppConfigService,
  ) {}

  private view(em: EntityManager, a: AcademyEntity): Promise<AcademyView> {
    return academyView(em, a, retentionDefaults(this.cfg));
  }

  /** A school academy (never the platform's own row), or 404. */
  private async school(id: string): Promise<AcademyEntity> {
    const a = await this.academies.findOne({ where: { id, isPlatform: false } });
    if (!a) throw new AppError(404, 'NOT_FOUND', 'This academy does not exist.');
    return a;
  }

  private audit(
    actor: AuthUser,
    type: SecurityEventType,
    academyId: string,
    detail: Record<string, unknown> = {},
  ) {
    this.security.record({ type, severity: 'info', userId: actor.id, academyId, detail });
  }

  async list(q: ListAcademiesQuery): Promise<Page<AcademyView>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.academies.createQueryBuilder('a').where('a.is_platform = :no', { no: false });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    const search = q.search?.trim().toLowerCase();
    if (search) {
      qb.andWhere(new Brackets((w) => w.where('LOWER(a.name) LIKE :s', { s: `%${search}%` })));
    }
    const [rows, total] = await qb
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const items: AcademyView[] = [];
    for (const a of rows) items.push(await this.view(this.ds.manager, a));
    return { items, total, page, pageSize };
  }

  async get(id: string): Promise<AcademyView> {
    return this.view(this.ds.manager, await this.school(id));
  }

  async create(actor: AuthUser, body: CreateAcademyRequest): Promise<AcademyView> {
    const view = await this.ds.transaction(async (em) => {
      const a = await insertAcademy(em, body);
      if (body.admin) await insertAccount(em, a.id, 'admin', body.admin);
      return this.view(em, a);
    });
    this.audit(actor, 'academy_created', view.id, { name: view.name, withAdmin: !!body.admin });
    return view;
  }

  /** Settings of one academy (the operator, or its own admins through AcademyController). */
  async update(actor: AuthUser, id: string, body: UpdateAcademyRequest): Promise<AcademyView> {
    // Admins' own academy is a school too: the platform's row is never changed here.
    const a = await this.school(id);
    if (body.timeZone !== undefined) checkTimeZone(body.timeZone);
    await this.academies.update(
      { id: a.id },
      {
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.timeZone !== undefined ? { timeZone: body.timeZone } : {}),
        ...(body.archiveAfterDays !== undefined ? { archiveAfterDays: body.archiveAfterDays } : {}),
        ...(body.securityLogDays !== undefined ? { securityLogDays: body.securityLogDays } : {}),
        updatedAt: Date.now(),
      },
    );
    this.audit(actor, 'academy_changed', a.id, { fields: Object.keys(body) });
    return this.view(this.ds.manager, await this.academies.findOneByOrFail({ id: a.id }));
  }

  async suspend(actor: AuthUser, id: string, reason?: string): Promise<AcademyView> {
    const a = await this.school(id);
    const now = Date.now();
    await this.academies.update(
      { id: a.id },
      {
        status: 'suspended',
        suspendedAt: now,
        suspendedReason: reason?.trim() || null,
        updatedAt: now,
      },
    );
    this.directory.invalidate(a.id);
    // Everyone of the academy is signed out now, not when their tokens run out.
    await this.tokens.revokeAcademy(a.id);
    this.events.emit({ type: 'academy_suspended', academyId: a.id });
    this.audit(actor, 'academy_suspended', a.id, { reason: reason ?? null });
    return this.get(a.id);
  }

  async reactivate(actor: AuthUser, id: string): Promise<AcademyView> {
    const a = await this.school(id);
    await this.academies.update(
      { id: a.id },
      { status: 'active', suspendedAt: null, suspendedReason: null, updatedAt: Date.now() },
    );
    this.directory.invalidate(a.id);
    this.audit(actor, 'academy_reactivated', a.id);
    return this.get(a.id);
  }

  /** The academy's admins (the operator manages them; no other user of a school is listed). */
  async admins(id: string): Promise<UserView[]> {
    const a = await this.school(id);
    const rows = await this.ds.manager.find(UserEntity, {
      where: { academyId: a.id, role: 'admin' },
      order: { displayName: 'ASC' },
    });
    return rows.map((u) => toUserView(u, a));
  }

  async addAdmin(actor: AuthUser, id: string, body: NewAdminRequest): Promise<UserView> {
    const a = await this.school(id);
    const user = await insertAccount(this.ds.manager, a.id, 'admin', body);
    this.audit(actor, 'admin_created', a.id, { userId: user.id, email: user.email });
    return toUserView(user, a);
  }
}
