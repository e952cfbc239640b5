/**
 * Test double for RxJS webSocket(): records what the app sends and lets a test play the server
 * (open, frames, close codes, connection failures). Provide `factory.create` as
 * WEB_SOCKET_FACTORY.
 */
import { Subject, type Observer, type Subscription } from 'rxjs';
import type { WebSocketSubject, WebSocketSubjectConfig } from 'rxjs/webSocket';

export interface SentFrame {
  event: string;
  data: Record<string, unknown>;
}

export class FakeWebSocket {
  /** Frames the app sent, as the server would parse them. */
  readonly sent: SentFrame[] = [];
  private readonly incoming = new Subject<unknown>();
  closedByClient = false;

  constructor(readonly config: WebSocketSubjectConfig<unknown>) {}

  // --- the WebSocketSubject surface the app uses ---
  next(value: unknown): void {
    const text = this.config.serializer ? this.config.serializer(value) : JSON.stringify(value);
    this.sent.push(JSON.parse(String(text)) as SentFrame);
  }

  complete(): void {
    this.closedByClient = true;
  }

  subscribe(observer: Partial<Observer<unknown>>): Subscription {
    const sub = this.incoming.subscribe(observer);
    sub.add(() => (this.closedByClient = true));
    return sub;
  }

  // --- the server's side ---
  open(): void {
    this.config.openObserver?.next(new Event('open'));
  }

  receive(frame: Record<string, unknown>): void {
    const event = new MessageEvent('message', {
      data: JSON.stringify({ id: 'x', ts: 0, ...frame }),
    });
    this.incoming.next(this.config.deserializer ? this.config.deserializer(event) : event.data);
  }

  /** The server closes the connection (clean close handshake unless `wasClean` is false). */
  close(code: number, wasClean = true): void {
    const ev = new CloseEvent('close', { code, wasClean });
    this.config.closeObserver?.next(ev);
    if (wasClean) this.incoming.complete();
    else this.incoming.error(ev);
  }

  /** The connection could not be made (the browser fires `error` before `close`). */
  failToConnect(): void {
    this.incoming.error(new Event('error'));
  }

  events(): string[] {
    return this.sent.map((f) => f.event);
  }
}

export class FakeWebSocketFactory {
  readonly sockets: FakeWebSocket[] = [];

  readonly create = (config: WebSocketSubjectConfig<unknown>): WebSocketSubject<unknown> => {
    const socket = new FakeWebSocket(config);
    this.sockets.push(socket);
    return socket as unknown as WebSocketSubject<unknown>;
  };

  get last(): FakeWebSocket {
    const s = this.sockets.at(-1);
    if (!s) throw new Error('no socket was created');
    return s;
  }
}
