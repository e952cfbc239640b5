import 'reflect-metadata';
import { ConnectedSocket, MessageBody, SubscribeMessage } from '@nestjs/websockets';
import { ExamGateway } from '../exam-session/exam.gateway';
import { directHandlers } from './ws-dispatch';
import type { WsClient } from './ws-client';

class FakeGateway {
  calls: unknown[] = [];

  @SubscribeMessage('plain')
  plain(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): string {
    this.calls.push([c, data]);
    return 'done';
  }

  @SubscribeMessage('swapped')
  swapped(@MessageBody() data: unknown, @ConnectedSocket() c: WsClient): void {
    this.calls.push([data, c]);
  }

  @SubscribeMessage('property')
  property(@ConnectedSocket() c: WsClient, @MessageBody('id') id: unknown): void {
    this.calls.push([c, id]);
  }

  notAHandler(): void {
    /* no decorator */
  }
}

describe('directHandlers', () => {
  it('calls (socket, body) handlers directly on the instance and leaves other shapes to Nest', () => {
    const g = new FakeGateway();
    const map = directHandlers(g);
    expect([...map.keys()]).toEqual(['plain']);
    const client = {} as WsClient;
    expect(map.get('plain')!(client, { a: 1 })).toBe('done');
    expect(g.calls).toEqual([[client, { a: 1 }]]);
  });

  it('covers every event of the exam gateway (none falls back to the slow path)', () => {
    const gateway = Object.create(ExamGateway.prototype) as ExamGateway;
    const proto = ExamGateway.prototype as unknown as Record<string, unknown>;
    const events = Object.getOwnPropertyNames(proto)
      .map((n) => Reflect.getMetadata('message', proto[n] as object) as unknown)
      .filter((e): e is string => typeof e === 'string');
    expect(events.length).toBeGreaterThan(10);
    expect([...directHandlers(gateway).keys()].sort()).toEqual([...events].sort());
  });

  it('leaves every event to Nest when the gateway has connection hooks (they need its per-socket work)', () => {
    class Hooked {
      @SubscribeMessage('plain')
      plain(@ConnectedSocket() c: WsClient, @MessageBody() data: unknown): void {
        void [c, data];
      }

      handleDisconnect(): void {
        /* Nest calls it on close */
      }
    }
    expect(directHandlers(new Hooked()).size).toBe(0);
    // The same handler without the hook is called directly.
    delete (Hooked.prototype as { handleDisconnect?: unknown }).handleDisconnect;
    expect([...directHandlers(new Hooked()).keys()]).toEqual(['plain']);
  });
});
