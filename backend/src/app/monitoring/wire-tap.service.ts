/**
 * The socket layer's observation points (see realtime/wire-tap.ts): message counters and
 * processing time into MetricsService, and with `DEBUG=websocket:*` one debug log line per
 * inbound (`websocket:in`) and outbound (`websocket:out`) frame: connection id, user,
 * event and size, never the payload (answers and tokens stay out of logs).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Logger as PinoRoot } from 'pino';
import { AppConfigService } from '../config/app-config';
import type { WireTap } from '../realtime/wire-tap';
import type { WsClient } from '../realtime/ws-client';
import { debugEnabled } from './debug-namespaces';
import { ROOT_LOGGER } from './logging.module';
import { MetricsService } from './metrics.service';

@Injectable()
export class WireTapService implements WireTap {
  private readonly debugIn?: PinoRoot;
  private readonly debugOut?: PinoRoot;

  constructor(
    private readonly metrics: MetricsService,
    cfg: AppConfigService,
    @Inject(ROOT_LOGGER) root: PinoRoot,
  ) {
    const debug = cfg.get('DEBUG');
    // A child with its own level: DEBUG turns these on whatever LOG_LEVEL says.
    if (debugEnabled(debug, 'websocket:in'))
      this.debugIn = root.child({ ns: 'websocket:in' }, { level: 'debug' });
    if (debugEnabled(debug, 'websocket:out'))
      this.debugOut = root.child({ ns: 'websocket:out' }, { level: 'debug' });
  }

  inbound(client: WsClient, event: string, bytes: number): void {
    this.metrics.messageReceived(event);
    this.debugIn?.debug(
      { conn: client.ctx.id, user: client.ctx.user?.id, event, bytes },
      'ws message in',
    );
  }

  outbound(client: WsClient, event: string, frame: unknown, errorCode?: string): void {
    this.metrics.messageSent(event, errorCode);
    this.debugOut?.debug(
      {
        conn: client.ctx.id,
        user: client.ctx.user?.id,
        event,
        bytes: typeof frame === 'string' ? Buffer.byteLength(frame) : 0,
        code: errorCode,
      },
      'ws message out',
    );
  }

  handled(event: string, ms: number): void {
    this.metrics.messageHandled(event, ms);
  }
}
