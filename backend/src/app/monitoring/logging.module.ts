/**
 * Structured logging: one pino logger per app (JSON lines on stdout), used by Nest's Logger
 * (through nestjs-pino) and by pino-http for one line per request. Every request gets an
 * id: a sane incoming `X-Request-Id` is kept, otherwise a UUID is generated; it is echoed
 * in the `X-Request-Id` response header, carried on the request's log line, and copied into
 * error bodies (`requestId`) by the HttpExceptionFilter.
 * Level: LOG_LEVEL (default info; error under NODE_ENV=test).
 */
import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type Logger as PinoRoot } from 'pino';
import { pinoHttp, type HttpLogger, type Options as PinoHttpOptions } from 'pino-http';
import { AppConfigService } from '../config/app-config';
import type { AppConfig } from '../config/env.schema';

export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id to use: the caller's if it is a plain token, else a fresh UUID. */
export function requestIdFor(header: string | string[] | undefined): string {
  const v = Array.isArray(header) ? header[0] : header;
  return v && REQUEST_ID.test(v) ? v : randomUUID();
}

export function createRootLogger(
  cfg: Pick<AppConfig, 'LOG_LEVEL'>,
  destination?: pino.DestinationStream,
): PinoRoot {
  const opts: pino.LoggerOptions = {
    level: cfg.LOG_LEVEL,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(opts, destination) : pino(opts);
}

const QUIET_PATHS = /^\/(api\/health(\/|$)|metrics$)/;

export function pinoHttpOptions(root: PinoRoot): PinoHttpOptions {
  return {
    logger: root,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdFor(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Probes and scrapes every few seconds would drown the useful lines.
    autoLogging: { ignore: (req) => QUIET_PATHS.test((req.url ?? '').split('?')[0]) },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: String(req.url).replace(/(access_token|token)=[^&]*/gi, '$1=[redacted]'),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** One JSON line per HTTP request (pino-http), with its request id. */
export function requestLogger(root: PinoRoot): HttpLogger {
  return pinoHttp(pinoHttpOptions(root));
}

@Global()
@Module({
  providers: [
    {
      provide: ROOT_LOGGER,
      inject: [AppConfigService],
      useFactory: (cfg: AppConfigService) => createRootLogger(cfg.all),
    },
  ],
  exports: [ROOT_LOGGER],
})
class RootLoggerModule {}

@Module({
  imports: [
    RootLoggerModule,
    LoggerModule.forRootAsync({
      imports: [RootLoggerModule],
      inject: [ROOT_LOGGER],
      // Nest's Logger only: the request lines come from createApp (requestLogger), not
      // from this module's middleware, which also runs each request inside an
      // AsyncLocalStorage. On Node 20 one such run turns on promise hooks for the whole
      // process: a hook on every promise of every answer (~2.5 % of the CPU at 2,000
      // answers/s in a profile) for the sake of a request context nothing here reads.
      useFactory: (root: PinoRoot) => ({ pinoHttp: pinoHttpOptions(root), forRoutes: [] }),
    }),
  ],
  exports: [RootLoggerModule, LoggerModule],
})
export class LoggingModule {}
