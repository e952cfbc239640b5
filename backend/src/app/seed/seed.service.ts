/**
 * Seeds demo data on first start with an empty database (never in production), then prints
 * the demo logins. Feature modules add their own steps (the English Assessment exam) with
 * `registerStep`, so the seed grows with the features without this file knowing them.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { AcademyEntity } from '../auth/entities/academy.entity';
import { UserEntity } from '../auth/entities/user.entity';
import { UsersService } from '../auth/users.service';
import { AppConfigService } from '../config/app-config';
import { PLATFORM_ACADEMY_ID } from '@exam/db';
import { DEMO_ACADEMY, DEMO_OPERATOR, DEMO_PASSWORD, DEMO_USERS } from './demo-data';

export interface DemoContext {
  academyId: string;
  users: Record<string, UserEntity>;
}

export type SeedStep = (ctx: DemoContext) => Promise<void>;

@Injectable()
export class SeedService {
  private readonly log = new Logger('Seed');
  private readonly steps: Array<{ name: string; run: SeedStep }> = [];

  constructor(
    private readonly cfg: AppConfigService,
    private readonly usersService: UsersService,
    @InjectRepository(AcademyEntity) private readonly academies: Repository<AcademyEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  registerStep(name: string, run: SeedStep): void {
    this.steps.push({ name, run });
  }

  /** Returns true when it seeded. */
  async seedIfEmpty(): Promise<boolean> {
    if (this.cfg.isProduction || !this.cfg.get('SEED_DEMO')) return false;
    if ((await this.users.count()) > 0) return false;
    const academyId = randomUUID();
    await this.academies.insert({ id: academyId, name: DEMO_ACADEMY.name, createdAt: Date.now() });
    const created: Record<string, UserEntity> = {};
    for (const u of DEMO_USERS) {
      created[u.email] = await this.usersService.create(academyId, {
        ...u,
        password: DEMO_PASSWORD,
      });
    }
    await this.usersService.create(PLATFORM_ACADEMY_ID, {
      ...DEMO_OPERATOR,
      password: DEMO_PASSWORD,
    });
    const ctx: DemoContext = { academyId, users: created };
    for (const step of this.steps) {
      await step.run(ctx);
      this.log.log(`seeded ${step.name}`);
    }
    if (this.cfg.get('NODE_ENV') !== 'test') this.printLogins();
    return true;
  }

  printLogins(): void {
    const lines = [...DEMO_USERS, DEMO_OPERATOR].map(
      (u) => `  ${u.role.padEnd(8)} ${u.email.padEnd(24)} password: ${DEMO_PASSWORD}`,
    );
    // Plain console on purpose: a newcomer reads this once in the terminal.
    // eslint-disable-next-line no-console
    console.log(`\nDemo data created. Sign in with:\n${lines.join('\n')}\n`);
  }
}
