import {
  CONNECTION_EVENTS,
  ERROR_CODES,
  EXAM_SESSION_STATUSES,
  LIVE_PROTOCOL_EVENT_NAMES,
  QUESTION_TYPES,
  ROLES,
  WS_CLOSE,
} from '../index';

/** The wire vocabulary must stay unambiguous: clients switch on these strings and numbers. */
describe('contracts', () => {
  const unique = (xs: readonly (string | number)[]) => new Set(xs).size === xs.length;

  it('has unique error codes in UPPER_SNAKE_CASE', () => {
    expect(unique(ERROR_CODES)).toBe(true);
    for (const c of ERROR_CODES) expect(c).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it('has unique snake_case event names across connection and live-session events', () => {
    const all = [...Object.values(CONNECTION_EVENTS), ...LIVE_PROTOCOL_EVENT_NAMES];
    expect(unique(all)).toBe(true);
    for (const e of all) expect(e).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('keeps the seed event vocabulary', () => {
    const names = new Set<string>([
      ...Object.values(CONNECTION_EVENTS),
      ...LIVE_PROTOCOL_EVENT_NAMES,
    ]);
    for (const seed of [
      'auth_request',
      'auth_success',
      'auth_failed',
      'exam_prepare',
      'exam_launch',
      'exam_pause',
      'exam_resume',
      'exam_complete',
      'exam_terminate',
      'student_joined',
      'student_left',
      'student_progress',
      'answer_submitted',
      'answer_autosaved',
      'live_update',
      'broadcast_message',
      'time_warning',
      'heartbeat',
      'reconnect',
      'error',
    ]) {
      expect(names.has(seed)).toBe(true);
    }
  });

  it('uses distinct close codes, application ones in 4000-4999', () => {
    const codes = Object.values(WS_CLOSE);
    expect(unique(codes)).toBe(true);
    for (const [name, code] of Object.entries(WS_CLOSE)) {
      if (code >= 4000) expect(code).toBeLessThan(5000);
      else expect([1000, 1001, 1008, 1009, 1012, 1013]).toContain(code);
      expect(name).toMatch(/^[A-Z_]+$/);
    }
  });

  it('lists the roles, session statuses and question types the product promises', () => {
    expect([...ROLES].sort()).toEqual(['admin', 'operator', 'student', 'teacher']);
    expect([...EXAM_SESSION_STATUSES]).toEqual([
      'preparing',
      'active',
      'paused',
      'completed',
      'terminated',
    ]);
    expect([...QUESTION_TYPES].sort()).toEqual([
      'essay',
      'matching',
      'multiple_response',
      'numeric',
      'ordering',
      'short_text',
      'single_choice',
      'true_false',
    ]);
  });
});
