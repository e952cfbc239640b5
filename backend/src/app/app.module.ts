/** The root module: configuration, database, and one module per feature. */
import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AuthModule } from './auth/auth.module';
import { ClusterModule } from './cluster/cluster.module';
import { AppConfigModule } from './config/config.module';
import type { AppConfig } from './config/env.schema';
import { DatabaseModule } from './database/database.module';
import { ExamSessionModule } from './exam-session/exam-session.module';
import { ExamsModule } from './exams/exams.module';
import { MoodleXmlModule } from './exams/moodle-xml.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { PlatformModule } from './platform/platform.module';
import { RealtimeModule } from './realtime/realtime.module';
import { ResultsModule } from './results/results.module';
import { SeedModule } from './seed/seed.module';
import { SecurityModule } from './security/security.module';
import { TestTakerModule } from './test-taker/test-taker.module';

/** Where the built Angular app is; served at / with the SPA fallback. */
export function staticDir(cfg: AppConfig): string {
  return resolve(cfg.STATIC_DIR ?? resolve(process.cwd(), 'dist/frontend/browser'));
}

@Module({})
export class AppModule {
  static forRoot(cfg: AppConfig): DynamicModule {
    const dir = staticDir(cfg);
    const spa = existsSync(resolve(dir, 'index.html'))
      ? [ServeStaticModule.forRoot({ rootPath: dir, exclude: ['/api/{*path}', '/ws', '/metrics'] })]
      : [];
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(cfg),
        DatabaseModule,
        ClusterModule,
        // Before AuthModule: its global rate-limit guard runs ahead of the JWT guard.
        SecurityModule,
        AuthModule,
        PlatformModule,
        RealtimeModule,
        SeedModule,
        ExamsModule,
        MoodleXmlModule,
        ExamSessionModule,
        ResultsModule,
        TestTakerModule,
        MonitoringModule,
        MaintenanceModule,
        ...spa,
      ],
    };
  }
}
