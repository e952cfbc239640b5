/**
 * The one way live-session code writes: `transaction(fn)`, serialised.
 *
 * Why not `DataSource.transaction`: TypeORM's sqlite driver runs every query of the app on
 * ONE connection and turns a transaction started while another is open into a SAVEPOINT
 * inside it. An answer "committed" that way is only released into someone else's open
 * transaction, and an ack sent then would break R1. So on SQLite the live writes get a
 * connection of their own (same file, WAL, synchronous=FULL, busy_timeout): its COMMIT is a
 * real commit whatever the rest of the app is doing, and SQLite's file lock orders it with
 * the other connection's writes. Transactions on it are serialised in-process by a queue.
 * PostgreSQL pools connections, so there the main DataSource is used as is.
 */
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { applySqlitePragmas } from '../database/sqlite-pragmas';

@Injectable()
export class LiveWriteDb implements OnModuleInit, OnModuleDestroy {
  private own?: DataSource;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly main: DataSource) {}

  private ready?: Promise<void>;

  onModuleInit(): Promise<void> {
    return this.init();
  }

  /** Opens the own connection once; other providers' init hooks may call in first. */
  private init(): Promise<void> {
    this.ready ??= (async () => {
      const o = this.main.options;
      if (o.type !== 'sqlite' || o.database === ':memory:') return;
      const own = new DataSource({
        type: 'sqlite',
        database: o.database,
        entities: this.main.entityMetadatas.map((m) => m.target),
        synchronize: false,
        migrationsRun: false,
        busyErrorRetry: 50,
      });
      await own.initialize();
      await applySqlitePragmas(own);
      this.own = own;
    })();
    return this.ready;
  }

  async onModuleDestroy(): Promise<void> {
    await this.tail.catch(() => undefined);
    if (this.own?.isInitialized) await this.own.destroy();
  }

  /** Reads (committed data, any connection). */
  get reader(): EntityManager {
    return this.main.manager;
  }

  /** Runs fn in one transaction; resolves only after COMMIT. Serialised with other live writes. */
  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const queued = Date.now();
    const go = async () => {
      await this.init();
      const t0 = Date.now();
      try {
        return await (this.own ?? this.main).transaction(fn);
      } finally {
        if (process.env.TRACE_ANSWER_WRITER)
          console.error(`tx waited ${t0 - queued} ran ${Date.now() - t0}`);
      }
    };
    const run = this.tail.then(go, go);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
