/**
 * Which academies are active: every request and WebSocket handshake of a suspended
 * academy's user is refused. Read through a short cache (a suspension here takes effect at
 * once; one made by another instance within CACHE_MS).
 */
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppError } from '../common/app-error';
import { AcademyEntity } from './entities/academy.entity';

const CACHE_MS = 5_000;

export function suspendedError(): AppError {
  return new AppError(
    403,
    'ACADEMY_SUSPENDED',
    "Your school's account is suspended, so nobody of it can sign in. Ask your school's administrator or the platform operator.",
  );
}

@Injectable()
export class AcademyDirectory {
  private readonly cache = new Map<string, { active: boolean; at: number }>();
  private readonly reading = new Map<string, Promise<boolean>>();
  /** Bumped by every change made here, so a read begun before it is not cached. */
  private generation = 0;

  constructor(
    @InjectRepository(AcademyEntity) private readonly academies: Repository<AcademyEntity>,
  ) {}

  async isActive(academyId: string): Promise<boolean> {
    const hit = this.cache.get(academyId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.active;
    // One read per academy at a time: when the entry expires in a join storm, hundreds of
    // handshakes would each read the same row (632 reads in one bench:joins run).
    let reading = this.reading.get(academyId);
    if (!reading) {
      const generation = this.generation;
      reading = this.academies
        .findOne({ where: { id: academyId }, select: { status: true } })
        .then((a) => {
          const active = !!a && a.status === 'active';
          // Changed here while reading: the next call reads again.
          if (generation === this.generation) this.cache.set(academyId, { active, at: Date.now() });
          return active;
        })
        .finally(() => this.reading.delete(academyId));
      this.reading.set(academyId, reading);
    }
    return reading;
  }

  async assertActive(academyId: string): Promise<void> {
    if (!(await this.isActive(academyId))) throw suspendedError();
  }

  /** The academy changed here: read it again on next use. */
  invalidate(academyId: string): void {
    this.generation++;
    this.cache.delete(academyId);
    this.reading.delete(academyId);
  }

  find(academyId: string): Promise<AcademyEntity | null> {
    return this.academies.findOne({ where: { id: academyId } });
  }
}
