/**
 * A test WebSocket client over the `ws` package: records every frame, and lets a test wait
 * for the next frame of a given event (with a timeout that names what was awaited).
 */
import WebSocket from 'ws';
import type { ServerFrame } from '@exam/contracts';
import { TEST_ORIGIN } from './test-app';

export class TestSocket {
  readonly frames: ServerFrame[] = [];
  private waiters: Array<{ pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }> =
    [];
  closed?: { code: number; reason: string };
  private closeWaiters: Array<(c: { code: number; reason: string }) => void> = [];
  private cursor = 0;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString()) as ServerFrame;
      this.frames.push(f);
      const i = this.waiters.findIndex((w) => w.pred(f));
      if (i >= 0) {
        const [w] = this.waiters.splice(i, 1);
        w.resolve(f);
      }
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const w of this.closeWaiters) w(this.closed);
      this.closeWaiters = [];
    });
  }

  static async open(
    url: string,
    opts: { token?: string; origin?: string; headers?: Record<string, string> } = {},
  ): Promise<TestSocket> {
    const full = opts.token ? `${url}?access_token=${encodeURIComponent(opts.token)}` : url;
    const ws = new WebSocket(full, { origin: opts.origin ?? TEST_ORIGIN, headers: opts.headers });
    const sock = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`handshake refused: ${res.statusCode} ${res.statusMessage}`)),
      );
    });
    return sock;
  }

  /** Opens and waits for auth_success (handshake token). */
  static async authed(url: string, token: string): Promise<TestSocket> {
    const s = await TestSocket.open(url, { token });
    await s.next('auth_success');
    return s;
  }

  send(event: string, data: unknown): void {
    this.ws.send(JSON.stringify({ event, data }));
  }

  sendRaw(raw: string | Buffer, binary = false): void {
    this.ws.send(raw, { binary });
  }

  /** Resolves with the first frame (already received or future) after the cursor matching the event/predicate. */
  next<D = unknown>(
    event: string,
    pred: (f: ServerFrame<string, D>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ServerFrame<string, D>> {
    const match = (f: ServerFrame) => f.event === event && pred(f as ServerFrame<string, D>);
    for (let i = this.cursor; i < this.frames.length; i++) {
      if (match(this.frames[i])) {
        this.cursor = i + 1;
        return Promise.resolve(this.frames[i] as ServerFrame<string, D>);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for "${event}"; got: ${this.frames
              .slice(-5)
              .map((f) => f.event)
              .join(', ')}`,
          ),
        );
      }, timeoutMs);
      const done = (f: ServerFrame) => {
        clearTimeout(timer);
        this.cursor = this.frames.indexOf(f) + 1;
        resolve(f as ServerFrame<string, D>);
      };
      this.waiters.push({ pred: match, resolve: done });
    });
  }

  waitClose(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('timed out waiting for close')), timeoutMs);
      this.closeWaiters.push((c) => {
        clearTimeout(t);
        resolve(c);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** Opens a socket and resolves with the HTTP status of a refused handshake (or 101). */
export function handshakeStatus(
  url: string,
  opts: { origin?: string; token?: string } = {},
): Promise<number> {
  const full = opts.token ? `${url}?access_token=${encodeURIComponent(opts.token)}` : url;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(full, { origin: opts.origin ?? TEST_ORIGIN });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (e) => reject(e));
  });
}
