/**
 * Builds the Nest application exactly as production runs it; tests call this too, so they
 * exercise the same pipes, filters, adapter and OpenAPI setup.
 */
import { Logger, VersioningType, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Logger as PinoRoot } from 'pino';
import { SESSION_EVENTS } from '@exam/contracts';
import { AppModule } from './app.module';
import { TokenService } from './auth/token.service';
import { AppConfigService } from './config/app-config';
import type { AppConfig } from './config/env.schema';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { createValidationPipe } from './common/validation';
import { setupOpenApi } from './openapi';
import { ExamWsAdapter } from './realtime/exam-ws.adapter';
import { clientIp } from './realtime/handshake-request';
import { REALTIME_HOOKS, type RealtimeHooks } from './realtime/realtime-hooks';
import { WIRE_TAP, type WireTap } from './realtime/wire-tap';
import { directHandlers } from './realtime/ws-dispatch';
import { ExamGateway } from './exam-session/exam.gateway';
import { requestLogger, ROOT_LOGGER } from './monitoring/logging.module';
import { ShutdownService } from './monitoring/shutdown.service';
import { SeedService } from './seed/seed.service';
import { SetupService } from './platform/setup.service';
import { requireHttpsMiddleware } from './security/https';
import {
  contentTypeMiddleware,
  jsonDepthMiddleware,
  requestIdMiddleware,
} from './security/request-body';
import { routeOf, SecurityLogService } from './security/security-log.service';

export async function createApp(
  cfg: AppConfig,
  opts: { logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose'> } = {},
): Promise<INestApplication> {
  // Logs go through pino (JSON lines, LOG_LEVEL); `logger: false` keeps Nest silent (tests).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(cfg), {
    logger: opts.logger ?? ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'],
    bufferLogs: opts.logger !== false,
    bodyParser: false,
  });
  if (opts.logger !== false) app.useLogger(app.get(PinoNestLogger));
  const config = app.get(AppConfigService);
  if (config.get('TRUST_PROXY')) app.set('trust proxy', true);
  const security = app.get(SecurityLogService);
  // Order matters: the request id and the security headers come first, so that even a body
  // refused before any route (wrong type, malformed, too large, too deep) answers with them.
  app.use(requestIdMiddleware);
  if (config.get('REQUIRE_HTTPS')) {
    app.use(
      requireHttpsMiddleware({
        trustProxy: config.get('TRUST_PROXY'),
        onRefused: (req) =>
          security.record({
            type: 'https_required',
            ip: clientIp(req, config.get('TRUST_PROXY')),
            detail: { method: req.method, path: routeOf(req.url) },
          }),
      }),
    );
  }
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
  app.use(contentTypeMiddleware);
  app.useBodyParser('json', { limit: '1mb' });
  app.use(jsonDepthMiddleware);
  app.use(requestLogger(app.get<PinoRoot>(ROOT_LOGGER)));
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: undefined });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  const shutdown = app.get(ShutdownService);
  app.useWebSocketAdapter(
    new ExamWsAdapter(app, config, app.get(TokenService), app.get<RealtimeHooks>(REALTIME_HOOKS), {
      tap: app.get<WireTap>(WIRE_TAP),
      isAccepting: () => shutdown.accepting,
      security,
      directHandlers: () => directHandlers(app.get(ExamGateway)),
      sliced: new Set([SESSION_EVENTS.SESSION_JOIN, SESSION_EVENTS.RECONNECT]),
    }),
  );
  // Signals are handled by main.ts (installShutdownSignals): graceful drain, then exit 0.
  setupOpenApi(app);
  await app.init();
  await app.get(SeedService).seedIfEmpty();
  // Still no account (production, or SEED_DEMO=false): the one-time setup token.
  await app.get(SetupService).openIfEmpty();
  if (cfg.jwtSecretGenerated) {
    new Logger('Config').warn(
      'JWT_SECRET is not set: generated a random one for this run (tokens die on restart). Set JWT_SECRET in .env.',
    );
  }
  return app;
}
