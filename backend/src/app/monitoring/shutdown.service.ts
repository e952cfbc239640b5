/**
 * Graceful shutdown (R19). On SIGTERM/SIGINT (see installShutdownSignals) or app.close():
 *   1. stop accepting: the HTTP listener closes (in-flight requests finish), new WebSocket
 *      handshakes get 503 on either port, /api/health/ready answers 503;
 *   2. drain: every provider with a `drain(): Promise<void>` method (the answer writer's
 *      group commit, the background writer) is awaited, so each answer already received is
 *      committed and acked;
 *   3. tell clients to reconnect: close code 1012 (WS_CLOSE.SERVICE_RESTART), wait for the
 *      close handshakes (at most 2 s); the close handlers queue the connection rows;
 *   4. final states: every provider with `finalizeForShutdown()` stops its timers and queues
 *      what must be true after the stop (progress; presence: nobody left `connected`);
 *   5. drain again, so all of it is written while the database is still open;
 *   6. the caller closes the app (database last) and exits 0; past SHUTDOWN_TIMEOUT_MS it
 *      exits 1 instead of hanging.
 */
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type INestApplication,
} from '@nestjs/common';
import { DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import type { Logger as PinoRoot } from 'pino';
import { WS_CLOSE } from '@exam/contracts';
import { ConnectionRegistry } from '../realtime/connection-registry.service';
import { ROOT_LOGGER } from './logging.module';

interface Drainable {
  drain(): Promise<void>;
}

interface Finalizable {
  finalizeForShutdown(): void | Promise<void>;
}

@Injectable()
export class ShutdownService implements BeforeApplicationShutdown {
  private running?: Promise<void>;
  private _accepting = true;
  private readonly log: PinoRoot;

  constructor(
    private readonly registry: ConnectionRegistry,
    private readonly discovery: DiscoveryService,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ROOT_LOGGER) root: PinoRoot,
  ) {
    this.log = root.child({ context: 'Shutdown' });
  }

  get accepting(): boolean {
    return this._accepting;
  }

  /** Idempotent: later calls wait for the first one. */
  shutdown(reason = 'shutdown'): Promise<void> {
    this.running ??= this.run(reason);
    return this.running;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    await this.shutdown(signal ?? 'app.close');
  }

  private async run(reason: string): Promise<void> {
    const started = Date.now();
    this._accepting = false;
    const connections = this.registry.count;
    this.log.info({ reason, connections }, 'shutting down: no longer accepting connections');
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server?.listening) server.close();
    // How long each step took, in the final log line (a slow shutdown says where).
    const steps: Record<string, number> = {};
    let last = started;
    const step = (name: string) => {
      const now = Date.now();
      steps[name] = now - last;
      last = now;
    };
    const drained = await this.drain();
    step('drainMs');
    this.registry.closeAll(WS_CLOSE.SERVICE_RESTART, 'Server restarting; reconnect in a moment');
    step('closeMs');
    await this.waitForSockets(2000);
    step('socketsMs');
    await this.finalize();
    step('finalizeMs');
    await this.drain();
    step('finalDrainMs');
    this.log.info(
      { reason, connections, drained, ms: Date.now() - started, ...steps },
      'shutdown: writes flushed, clients told to reconnect (1012)',
    );
  }

  private async drain(): Promise<string[]> {
    const names: string[] = [];
    for (const { name, inst } of this.providers()) {
      if (!isDrainable(inst)) continue;
      try {
        const t0 = Date.now();
        await inst.drain();
        const ms = Date.now() - t0;
        names.push(ms >= 100 ? `${name} (${ms} ms)` : name);
      } catch (e) {
        this.log.error({ err: e, provider: name }, 'drain failed during shutdown');
      }
    }
    return names;
  }

  private async finalize(): Promise<void> {
    for (const { name, inst } of this.providers()) {
      if (!isFinalizable(inst)) continue;
      try {
        await inst.finalizeForShutdown();
      } catch (e) {
        this.log.error({ err: e, provider: name }, 'final state failed during shutdown');
      }
    }
  }

  private *providers(): Generator<{ name: string; inst: unknown }> {
    for (const wrapper of this.discovery.getProviders()) {
      const inst = wrapper.isDependencyTreeStatic() ? (wrapper.instance as unknown) : undefined;
      if (inst && inst !== (this as unknown)) yield { name: String(wrapper.name), inst };
    }
  }

  private async waitForSockets(maxMs: number): Promise<void> {
    const until = Date.now() + maxMs;
    while (this.registry.count > 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
  }
}

function isFinalizable(x: unknown): x is Finalizable {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { finalizeForShutdown?: unknown }).finalizeForShutdown === 'function'
  );
}

function isDrainable(x: unknown): x is Drainable {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { drain?: unknown }).drain === 'function' &&
    typeof (x as { pipe?: unknown }).pipe !== 'function'
  );
}

/**
 * Production signal handling (main.ts): SIGTERM/SIGINT run the graceful shutdown, close the
 * app and exit 0. Nest's own enableShutdownHooks is not used because it re-raises the
 * signal after closing, so the process would end "killed by SIGTERM" instead of exit 0.
 */
export function installShutdownSignals(
  app: INestApplication,
  timeoutMs: number,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    const force = setTimeout(() => {
      console.error(`Shutdown did not finish within ${timeoutMs} ms; exiting with code 1`);
      exit(1);
    }, timeoutMs);
    force.unref();
    void (async () => {
      try {
        await app.get(ShutdownService).shutdown(signal);
        await app.close();
        clearTimeout(force);
        exit(0);
      } catch (e) {
        console.error(e instanceof Error ? (e.stack ?? e.message) : e);
        exit(1);
      }
    })();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
