/**
 * Opens the database, applies SQLite pragmas and runs pending migrations on start (one
 * instance at a time on PostgreSQL).
 */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfigService } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { applySqlitePragmas } from './sqlite-pragmas';

/** Any fixed number: the advisory lock that makes instances starting together migrate in turn. */
const MIGRATION_LOCK = 7_426_015;

/**
 * Pending migrations, once: on PostgreSQL several instances may start at the same moment
 * (docker compose, a rolling restart), so they take an advisory lock in turn; the first
 * migrates, the others find nothing pending.
 */
async function migrateOnce(ds: DataSource): Promise<void> {
  if (ds.options.type !== 'postgres') {
    await ds.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = ds.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (cfg: AppConfigService) => ({
        ...buildDataSourceOptions(cfg.get('DATABASE_URL')),
        autoLoadEntities: true,
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        if (!options) throw new Error('database options missing');
        const ds = new DataSource(options);
        await ds.initialize();
        await applySqlitePragmas(ds);
        await migrateOnce(ds);
        return ds;
      },
    }),
  ],
})
export class DatabaseModule {}
