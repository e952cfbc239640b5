/**
 * Builds the Nest application exactly as production runs it; tests call this too, so they
 * exercise the same pipes, filters, adapter and OpenAPI setup.
 */
import { Logger, VersioningType, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { TokenService } from './auth/token.service';
import { AppConfigService } from './config/app-config';
import type { AppConfig } from './config/env.schema';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import { setupOpenApi } from './openapi';
import { ExamWsAdapter } from './realtime/exam-ws.adapter';
import { REALTIME_HOOKS, type RealtimeHooks } from './realtime/realtime-hooks';
import { SeedService } from './seed/seed.service';

export async function createApp(
  cfg: AppConfig,
  opts: { logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose'> } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(cfg), {
    logger: opts.logger ?? (cfg.NODE_ENV === 'test' ? ['error'] : ['log', 'error', 'warn']),
    bodyParser: false,
  });
  const config = app.get(AppConfigService);
  if (config.get('TRUST_PROXY')) app.set('trust proxy', true);
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
        },
      },
    }),
  );
  app.enableCors({
    origin: (origin, cb) => cb(null, config.isOriginAllowed(origin)),
    credentials: false,
  });
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: undefined });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useWebSocketAdapter(
    new ExamWsAdapter(app, config, app.get(TokenService), app.get<RealtimeHooks>(REALTIME_HOOKS)),
  );
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.init();
  await app.get(SeedService).seedIfEmpty();
  if (cfg.jwtSecretGenerated) {
    new Logger('Config').warn(
      'JWT_SECRET is not set: generated a random one for this run (tokens die on restart). Set JWT_SECRET in .env.',
    );
  }
  return app;
}
