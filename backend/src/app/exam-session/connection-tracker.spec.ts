import type {
  ConnectionListener,
  ConnectionRegistry,
} from '../realtime/connection-registry.service';
import type { WsClient } from '../realtime/ws-client';
import type { BackgroundWriter } from './background-writer';
import { ConnectionTracker, HOLD_MS } from './connection-tracker.service';
import type { LiveWriteDb } from './live-write-db.service';

const T0 = 1_800_000_000_000;

function setup() {
  let listener: ConnectionListener = {};
  const registry = { addListener: (l: ConnectionListener) => (listener = l) };
  const writer = { insertRow: jest.fn(), updateRow: jest.fn() };
  const db = { transaction: jest.fn(async () => undefined) };
  const tracker = new ConnectionTracker(
    registry as unknown as ConnectionRegistry,
    writer as unknown as BackgroundWriter,
    db as unknown as LiveWriteDb,
  );
  const socket = (id: string) =>
    ({
      ctx: {
        id,
        ip: '10.0.0.1',
        userAgent: 'test',
        connectedAt: Date.now(),
        lastMessageAt: Date.now(),
        user: { id: `user-${id}`, academyId: 'acad', role: 'student' },
      },
    }) as unknown as WsClient;
  return { tracker, writer, socket, listener: () => listener };
}

/** The inserted rows as objects (column -> value). */
function inserted(writer: { insertRow: jest.Mock }): Array<Record<string, unknown>> {
  return writer.insertRow.mock.calls.map(([, cols, values]: [string, string[], unknown[]]) =>
    Object.fromEntries(cols.map((c, i) => [c, values[i]])),
  );
}

describe('ConnectionTracker', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(T0);
  });
  afterEach(() => jest.useRealTimers());

  it('a socket that joins soon after connecting is written once, with its session', async () => {
    const { tracker, writer, socket, listener } = setup();
    await tracker.onModuleInit();
    const c = socket('c1');
    listener().onConnected?.(c);
    expect(writer.insertRow).not.toHaveBeenCalled();
    jest.advanceTimersByTime(200);
    tracker.joined(c, 'session-1');
    expect(inserted(writer)).toEqual([
      expect.objectContaining({ id: 'c1', user_id: 'user-c1', exam_session_id: 'session-1' }),
    ]);
    jest.advanceTimersByTime(HOLD_MS * 3);
    expect(writer.insertRow).toHaveBeenCalledTimes(1);
    expect(writer.updateRow).not.toHaveBeenCalled();
    tracker.beforeApplicationShutdown();
  });

  it('a row is written after the hold without a join; a later join updates it', async () => {
    const { tracker, writer, socket, listener } = setup();
    await tracker.onModuleInit();
    const c = socket('c2');
    listener().onConnected?.(c);
    jest.advanceTimersByTime(HOLD_MS * 2);
    expect(inserted(writer)).toEqual([
      expect.objectContaining({ id: 'c2', exam_session_id: null, disconnected_at: null }),
    ]);
    tracker.joined(c, 'session-2');
    expect(writer.updateRow).toHaveBeenCalledWith(
      'connections',
      'id',
      ['exam_session_id'],
      ['c2', 'session-2'],
    );
    tracker.beforeApplicationShutdown();
  });

  it('a socket that closes while held is written once, closed', async () => {
    const { tracker, writer, socket, listener } = setup();
    await tracker.onModuleInit();
    const c = socket('c3');
    listener().onConnected?.(c);
    jest.advanceTimersByTime(100);
    listener().onDisconnected?.(c, 1001, 'going away');
    expect(inserted(writer)).toEqual([
      expect.objectContaining({ id: 'c3', disconnected_at: T0 + 100, close_code: 1001 }),
    ]);
    jest.advanceTimersByTime(HOLD_MS * 2);
    expect(writer.insertRow).toHaveBeenCalledTimes(1);
    expect(writer.updateRow).not.toHaveBeenCalled();
    tracker.beforeApplicationShutdown();
  });

  it('shutdown queues every held row', async () => {
    const { tracker, writer, socket, listener } = setup();
    await tracker.onModuleInit();
    listener().onConnected?.(socket('a'));
    listener().onConnected?.(socket('b'));
    tracker.beforeApplicationShutdown();
    expect(inserted(writer).map((r) => r.id)).toEqual(['a', 'b']);
  });
});
