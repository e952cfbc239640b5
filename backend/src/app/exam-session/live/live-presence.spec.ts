import { STUDENT_EVENTS } from '@exam/contracts';
import type { AppConfigService } from '../../config/app-config';
import type { SessionRooms } from '../../realtime/session-rooms.service';
import type { BackgroundWriter } from '../background-writer';
import type { LiveAccess } from './live-access';
import type { LiveEmitter } from './live-emitter';
import type { LiveIntegrity } from './live-integrity';
import { LivePresence } from './live-presence';
import type { LiveProgress } from './live-progress';
import type { Actor, LiveState } from './live-state';
import { liveState, student, T0 } from './live-state.spec-helper';
import { PresenceRegistry } from './presence-registry';
import type { SessionLog } from './session-log';
import type { SessionStore } from './session-store';

const GRACE = 30_000;
const actor = { user: { id: 'a', role: 'student' } } as Actor;

function setup(st: LiveState) {
  const online = new Set<string>();
  const rooms = { isStudentOnline: jest.fn((_s: string, uid: string) => online.has(uid)) };
  const registry = new PresenceRegistry(rooms as unknown as SessionRooms);
  const store = { cached: (id: string) => (id === st.id ? st : undefined) };
  const access = {
    asStudent: jest.fn(async () => ({ st, me: st.students.get('a')! })),
  };
  const progress = {
    markDirty: jest.fn(),
    markPushDirty: jest.fn(),
    persist: jest.fn(),
    progressOf: jest.fn(() => ({ connectionStatus: 'reconnecting' })),
  };
  const emitter = { emit: jest.fn((..._args: unknown[]) => 1) };
  const events = { later: jest.fn() };
  const background = { updateRow: jest.fn() };
  const cfg = { get: jest.fn(() => GRACE) };
  const integrity = { serverSignal: jest.fn() };
  const presence = new LivePresence(
    store as unknown as SessionStore,
    access as unknown as LiveAccess,
    registry,
    rooms as unknown as SessionRooms,
    progress as unknown as LiveProgress,
    emitter as unknown as LiveEmitter,
    events as unknown as SessionLog,
    background as unknown as BackgroundWriter,
    cfg as unknown as AppConfigService,
    integrity as unknown as LiveIntegrity,
  );
  const sent = () => emitter.emit.mock.calls.map((c: unknown[]) => [c[2], c[3]]);
  return { presence, registry, online, progress, emitter, events, background, sent, integrity };
}

describe('LivePresence', () => {
  beforeEach(() => jest.useFakeTimers({ now: T0 }));
  afterEach(() => jest.useRealTimers());

  describe('studentArrives', () => {
    it('turns a newcomer away once the teacher lets everyone finish', async () => {
      const st = liveState([student('a', { joinedAt: null, status: 'enrolled' })], {
        closingAt: T0,
      });
      await expect(setup(st).presence.studentArrives(actor, st.id)).rejects.toMatchObject({
        code: 'SESSION_NOT_LIVE',
      });
    });

    it('turns a late newcomer away when late joining is off, but lets a returning one in', async () => {
      const st = liveState([student('a', { joinedAt: null, status: 'enrolled' })]);
      st.config.allowLateJoin = false;
      const { presence } = setup(st);
      await expect(presence.studentArrives(actor, st.id)).rejects.toMatchObject({
        code: 'SESSION_NOT_LIVE',
      });
      st.students.get('a')!.joinedAt = T0 - 1000;
      await expect(presence.studentArrives(actor, st.id)).resolves.toMatchObject({ st });
    });
  });

  it('a first arrival is stored and told to the teachers once', () => {
    const me = student('a', { joinedAt: null, status: 'enrolled' });
    const st = liveState([me]);
    const { presence, background, events, sent, online, progress } = setup(st);
    online.add('a'); // the socket is in the room before studentJoined
    presence.studentJoined(actor, st, me, true);
    expect(me).toMatchObject({ joinedAt: T0, status: 'joined', lastActivityAt: T0 });
    // One row with the presence columns: no progress row to persist after it.
    expect(background.updateRow).toHaveBeenCalledWith(
      'student_sessions',
      'id',
      ['joined_at', 'status', 'connection_status', 'last_activity_at', 'updated_at'],
      [me.id, T0, 'joined', 'connected', T0, T0],
    );
    expect(progress.markPushDirty).toHaveBeenCalledWith(st, me);
    expect(progress.markDirty).not.toHaveBeenCalled();
    expect(events.later).toHaveBeenCalledWith(st, 'student_joined', actor, {
      rejoin: false,
      offlineMs: null,
    });
    expect(sent()).toEqual([
      [STUDENT_EVENTS.STUDENT_JOINED, expect.objectContaining({ rejoin: false, offlineMs: null })],
    ]);
    // A second socket of the same student: nothing new for the teachers.
    presence.studentJoined(actor, st, me, false);
    expect(sent()).toHaveLength(1);
  });

  it('a dropped connection is "reconnecting" for the grace, then the student has left', () => {
    const me = student('a');
    const st = liveState([me]);
    const { presence, registry, events, sent } = setup(st);
    presence.studentDisconnected(st.id, 'a', null, true);
    expect(registry.connectionStatus(st, me)).toBe('reconnecting');
    expect(sent()).toEqual([
      [STUDENT_EVENTS.STUDENT_PROGRESS, { connectionStatus: 'reconnecting' }],
    ]);
    expect(events.later).toHaveBeenCalledWith(st, 'student_disconnected', null, {
      studentIds: ['a'],
    });
    expect(st.dirtyPersist.has('a')).toBe(true);

    jest.advanceTimersByTime(GRACE);
    expect(registry.connectionStatus(st, me)).toBe('disconnected');
    expect(sent()[1]).toEqual([
      STUDENT_EVENTS.STUDENT_LEFT,
      { sessionId: st.id, studentId: 'a', reason: 'disconnect', at: T0 + GRACE },
    ]);
    expect(events.later).toHaveBeenLastCalledWith(st, 'student_left', null, {
      reason: 'disconnect',
      studentIds: ['a'],
    });
  });

  it('a return within the grace is a rejoin with the time away, and nobody left', () => {
    const me = student('a');
    const st = liveState([me]);
    const { presence, online, sent, integrity, progress } = setup(st);
    presence.studentDisconnected(st.id, 'a', null, true);
    jest.advanceTimersByTime(5_000);
    presence.studentJoined(actor, st, me, true);
    // A return: its presence goes with the progress row (nothing else writes it).
    expect(progress.markDirty).toHaveBeenCalledWith(st, me);
    online.add('a');
    jest.advanceTimersByTime(GRACE);
    expect(sent().map(([e]) => e)).toEqual([
      STUDENT_EVENTS.STUDENT_PROGRESS,
      STUDENT_EVENTS.STUDENT_JOINED,
    ]);
    expect(sent()[1][1]).toMatchObject({ rejoin: true, offlineMs: 5_000 });
    // A reconnect is an integrity signal (context), with the time the connection was down.
    expect(integrity.serverSignal).toHaveBeenCalledWith(st, me, 'reconnect', { durationMs: 5_000 });
  });

  it('session_leave: the student has left at once', () => {
    const me = student('a');
    const st = liveState([me]);
    const { presence, registry, sent } = setup(st);
    presence.studentDisconnected(st.id, 'a', actor, false);
    expect(registry.connectionStatus(st, me)).toBe('disconnected');
    expect(sent()).toEqual([
      [STUDENT_EVENTS.STUDENT_LEFT, { sessionId: st.id, studentId: 'a', reason: 'left', at: T0 }],
    ]);
  });

  it('on shutdown every grace ends and presence is written at once, without events', () => {
    const a = student('a');
    const b = student('b');
    const st = liveState([a, b]);
    const { presence, registry, progress, sent } = setup(st);
    presence.studentDisconnected(st.id, 'a', null, true);
    st.dirtyPersist.clear();
    presence.shutDown();
    expect(registry.connectionStatus(st, a)).toBe('disconnected');
    expect(st.dirtyPersist).toEqual(new Set(['a']));
    presence.studentDisconnected(st.id, 'b', null, true);
    expect(st.dirtyPersist).toEqual(new Set(['a', 'b']));
    expect(progress.persist).toHaveBeenCalledTimes(1);
    expect(sent()).toHaveLength(1);
    jest.advanceTimersByTime(GRACE);
    expect(sent()).toHaveLength(1);
  });
});
