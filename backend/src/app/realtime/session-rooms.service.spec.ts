import { AUDIENCE_ALL, AUDIENCE_GRADERS, AUDIENCE_TEACHERS, InProcessBus } from './realtime-bus';
import { DELIVERY_CHUNK, SessionRooms } from './session-rooms.service';
import type { WsClient } from './ws-client';

/** A socket that writes what it is sent into one shared log: "<name> <event>". */
function socket(name: string, log: string[]): WsClient {
  return {
    readyState: 1,
    ctx: { sessions: new Set<string>(), user: { id: name } },
    send: (frame: string) => log.push(`${name} ${(JSON.parse(frame) as { event: string }).event}`),
  } as unknown as WsClient;
}

describe('SessionRooms delivery', () => {
  let seq = 0;
  const publish = (bus: InProcessBus, audience: typeof AUDIENCE_ALL, event: string) =>
    bus.publish({ sessionId: 's', seq: ++seq, id: `m${seq}`, ts: 0, audience, event, data: {} });

  it("sends the staff's events to teachers, and to invigilators unless only graders may see them", () => {
    const bus = new InProcessBus();
    const rooms = new SessionRooms(bus);
    rooms.onModuleInit();
    const log: string[] = [];
    rooms.join(socket('teacher', log), 's', 'teacher');
    rooms.join(socket('invigilator', log), 's', 'invigilator');
    rooms.join(socket('student', log), 's', 'student');
    publish(bus, AUDIENCE_TEACHERS, 'progress');
    publish(bus, AUDIENCE_GRADERS, 'scores');
    expect(log).toEqual(['teacher progress', 'invigilator progress', 'teacher scores']);
    expect(rooms.buffer.size('s')).toBe(2);
  });

  it('keeps the order of events when a large delivery is still under way', async () => {
    const bus = new InProcessBus();
    const rooms = new SessionRooms(bus);
    rooms.onModuleInit();
    const log: string[] = [];
    for (let i = 0; i < DELIVERY_CHUNK * 2; i++) rooms.join(socket(`s${i}`, log), 's', 'student');
    rooms.join(socket('teacher', log), 's', 'teacher');
    publish(bus, AUDIENCE_ALL, 'launch');
    publish(bus, AUDIENCE_TEACHERS, 'progress');
    expect(log).not.toContain('teacher progress'); // the launch is not out yet
    for (let turn = 0; turn < 50 && log.length < DELIVERY_CHUNK * 2 + 2; turn++)
      await new Promise((r) => setImmediate(r));
    expect(log).toHaveLength(DELIVERY_CHUNK * 2 + 2);
    expect(log[log.length - 1]).toBe('teacher progress');
    expect(log.indexOf('teacher launch')).toBeLessThan(log.indexOf('teacher progress'));
  });
});
