/**
 * Opens the database, applies SQLite pragmas and runs pending migrations on start.
 */
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfigService } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { applySqlitePragmas } from './sqlite-pragmas';

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
        await ds.runMigrations({ transaction: 'each' });
        return ds;
      },
    }),
  ],
})
export class DatabaseModule {}
