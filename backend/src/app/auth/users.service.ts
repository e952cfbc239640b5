/** Users of one academy: creation by admins, lookup and listing for enrolment. */
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Brackets, Repository } from 'typeorm';
import type { CreateUserRequest, Page, Role, UserView } from '@exam/contracts';
import { AppError } from '../common/app-error';
import type { AuthUser } from './auth-user';
import { hashPassword } from './domain/password';
import { AcademyEntity } from './entities/academy.entity';
import { UserEntity } from './entities/user.entity';

export function toUserView(
  u: UserEntity,
  academy?: Pick<AcademyEntity, 'name' | 'timeZone'> | null,
): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    academyId: u.academyId,
    ...(academy ? { academyName: academy.name, academyTimeZone: academy.timeZone } : {}),
    extraTimePercent: u.extraTimePercent,
    active: u.deactivatedAt === null || u.deactivatedAt === undefined,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AcademyEntity) private readonly academies: Repository<AcademyEntity>,
  ) {}

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { email: email.trim().toLowerCase() } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id } });
  }

  /** A user of the caller's academy, or 404 (never reveals other academies' users). */
  async getInAcademy(actor: Pick<AuthUser, 'academyId'>, id: string): Promise<UserEntity> {
    const u = await this.users.findOne({ where: { id, academyId: actor.academyId } });
    if (!u) throw AppError.notFound('The user');
    return u;
  }

  academy(id: string): Promise<AcademyEntity | null> {
    return this.academies.findOne({ where: { id } });
  }

  async create(
    academyId: string,
    req: CreateUserRequest | (Omit<CreateUserRequest, 'role'> & { role: Role }),
  ): Promise<UserEntity> {
    const email = req.email.trim().toLowerCase();
    if (await this.findByEmail(email)) {
      throw AppError.conflict(
        `A user with the email ${email} already exists. Use another email.`,
        'EMAIL_TAKEN',
      );
    }
    const now = Date.now();
    const user = this.users.create({
      id: randomUUID(),
      academyId,
      email,
      displayName: req.displayName.trim(),
      role: req.role,
      passwordHash: await hashPassword(req.password),
      extraTimePercent: req.extraTimePercent ?? 0,
      passwordChangedAt: now,
      createdAt: now,
    });
    await this.users.insert(user);
    return user;
  }

  async list(
    actor: AuthUser,
    q: { role?: Role; search?: string; active?: boolean; page?: number; pageSize?: number },
  ): Promise<Page<UserView>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const qb = this.users
      .createQueryBuilder('u')
      .where('u.academy_id = :a', { a: actor.academyId });
    if (q.role) qb.andWhere('u.role = :r', { r: q.role });
    if (q.active === true) qb.andWhere('u.deactivated_at IS NULL');
    if (q.active === false) qb.andWhere('u.deactivated_at IS NOT NULL');
    if (q.search) {
      const s = `%${q.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where("LOWER(u.display_name) LIKE :s ESCAPE '\\'", { s })
            .orWhere("u.email LIKE :s ESCAPE '\\'", { s }),
        ),
      );
    }
    const [rows, total] = await qb
      .orderBy('u.display_name', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map((u) => toUserView(u)), total, page, pageSize };
  }

  /**
   * Switches an account off or on (admins, for their academy's teachers and students; never
   * themselves). Off: every login ends at once and sign-in is refused; answers and results stay.
   */
  async setActive(actor: AuthUser, id: string, active: boolean): Promise<UserEntity> {
    const u = await this.getInAcademy(actor, id);
    if (u.id === actor.id) {
      throw AppError.conflict('You cannot deactivate your own account. Ask another admin.');
    }
    if (u.role === 'admin' || u.role === 'operator') {
      throw AppError.forbidden('Admins are managed by the platform operator.');
    }
    await this.users.update({ id: u.id }, { deactivatedAt: active ? null : Date.now() });
    return this.users.findOneByOrFail({ id: u.id });
  }

  async setPassword(userId: string, password: string): Promise<void> {
    await this.users.update(
      { id: userId },
      { passwordHash: await hashPassword(password), passwordChangedAt: Date.now() },
    );
  }
}
