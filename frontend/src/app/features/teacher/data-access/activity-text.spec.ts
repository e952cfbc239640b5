import { awayText, describeActivity, namesText } from './activity-text';
import type { FeedEntry } from './feed-entry';

const names = { t1: 'Tom Teacher', a: 'Sam Student', b: 'Sol Student', c: 'Sara Student' };
const clock = (at: number) =>
  `${Math.floor(at / 3_600_000)}:${String(Math.floor(at / 60_000) % 60).padStart(2, '0')}`;

function line(
  type: string,
  over: Partial<Omit<FeedEntry, 'type'>> = {},
): { text: string; tone: string } {
  return describeActivity(
    { key: 'k', id: 1, at: 0, type, actorId: 't1', studentIds: [], data: {}, ...over },
    names,
    clock,
  );
}

describe('the activity feed in words', () => {
  it("tells a student's arrival, dropped connection, return, departure, hand-in and expiry apart", () => {
    const a = { studentIds: ['a'], actorId: 'a' };
    expect(line('student_joined', { ...a, data: { rejoin: false, offlineMs: null } }).text).toBe(
      'Sam Student joined',
    );
    expect(line('student_disconnected', a).text).toBe('Sam Student lost connection');
    expect(line('student_joined', { ...a, data: { rejoin: true, offlineMs: 125_000 } }).text).toBe(
      'Sam Student is back after 2 min',
    );
    expect(line('student_joined', { ...a, data: { rejoin: true, offlineMs: null } }).text).toBe(
      'Sam Student is back',
    );
    expect(line('student_left', { ...a, data: { reason: 'left' } }).text).toBe('Sam Student left');
    expect(line('student_left', { ...a, data: { reason: 'disconnect' } }).text).toBe(
      'Sam Student went offline',
    );
    expect(line('exam_submit', a).text).toBe('Sam Student handed in');
    expect(line('attempt_expired', { actorId: null, studentIds: ['a', 'b'] }).text).toBe(
      'Time ran out for Sam Student and Sol Student',
    );
  });

  it('names who ran the exam, and the server when nobody did', () => {
    expect(line('exam_launch').text).toBe('Tom Teacher launched the exam: the clock is running');
    expect(line('exam_launch', { actorId: null }).text).toBe(
      'The exam launched by itself at the planned start: the clock is running',
    );
    expect(line('exam_launch', { actorId: undefined }).text).toBe(
      'Exam launched: the clock is running',
    );
    expect(line('exam_pause').text).toBe('Tom Teacher paused the exam');
    expect(line('exam_resume', { actorId: undefined }).text).toBe('Exam resumed');
    expect(line('exam_complete', { data: { reason: null } }).text).toBe(
      'Tom Teacher ended the exam: every attempt still open ended now',
    );
    expect(
      line('exam_complete', { actorId: null, data: { reason: 'everyone finished their own time' } })
        .text,
    ).toBe('Everyone has finished their own time: the exam is complete');
    expect(line('exam_expire', { actorId: null }).text).toBe(
      'Time is up: the exam completed by itself',
    );
    expect(line('exam_terminate')).toEqual({
      text: 'Tom Teacher terminated the exam',
      tone: 'error',
    });
    expect(line('exam_closing', { data: { reason: null } }).text).toBe(
      'Tom Teacher let everyone finish their own time: nobody new can start',
    );
    expect(
      line('exam_closing', {
        actorId: undefined,
        data: { working: 1, lastUntil: 11 * 3_600_000 + 42 * 60_000 },
      }).text,
    ).toBe(
      'Everyone may finish their own time: nobody new can start (1 student still working, the last until 11:42)',
    );
  });

  it('tells time added, messages and warnings with plurals', () => {
    expect(line('exam_add_time', { data: { minutes: 5, studentId: null } }).text).toBe(
      'Tom Teacher added 5 minutes for everyone',
    );
    expect(
      line('exam_add_time', {
        actorId: undefined,
        studentIds: ['b'],
        data: { minutes: 1, studentId: 'b' },
      }).text,
    ).toBe('1 minute added for Sol Student');
    expect(line('broadcast_message', { data: { message: 'Hi', level: 'warning' } })).toEqual({
      text: 'Tom Teacher to everyone: “Hi”',
      tone: 'warning',
    });
    expect(
      line('broadcast_message', {
        actorId: undefined,
        studentIds: ['a', 'b'],
        data: { message: 'Go' },
      }).text,
    ).toBe('Message to Sam Student and Sol Student: “Go”');
    expect(
      line('time_warning', { actorId: null, studentIds: ['a', 'b', 'c'], data: { minutes: 1 } })
        .text,
    ).toBe('Time warning sent to Sam Student, Sol Student and Sara Student: 1 minute left');
  });

  it('shows a kind it does not know in plain words, never a raw field', () => {
    expect(line('seat_changed', { studentIds: ['a'] }).text).toBe('Seat changed: Sam Student');
    expect(line('student_joined', { studentIds: ['zz'], data: {} }).text).toBe('A student joined');
  });

  it('writes lists of names and times away briefly', () => {
    expect(namesText(['A', 'B', 'C', 'D', 'E'])).toBe('A, B and 3 others');
    expect(namesText([])).toBe('');
    expect([
      awayText(40_000),
      awayText(90_000),
      awayText(65 * 60_000),
      awayText(120 * 60_000),
    ]).toEqual(['40 s', '2 min', '1 h 5 min', '2 h']);
  });
});
