import { timeNoticeFor } from './time-events';

describe('timeNoticeFor', () => {
  const wall = (at: number) => `t${at}`;

  it('words warnings, added time, pause and resume', () => {
    expect(
      timeNoticeFor('time_warning', { minutesRemaining: 5, urgent: false, deadline: 1 }, wall),
    ).toEqual({ kind: 'warning', text: '5 minutes left.', tone: 'warning' });
    expect(
      timeNoticeFor('time_warning', { minutesRemaining: 1, urgent: true, deadline: 1 }, wall)?.tone,
    ).toBe('danger');
    expect(timeNoticeFor('exam_add_time', { addedMs: 300_000, deadline: 42 }, wall)).toEqual({
      kind: 'added',
      text: 'Your teacher added 5 minutes. You now have until t42.',
      tone: 'success',
    });
    expect(timeNoticeFor('exam_pause', { pausedAt: 1 }, wall)?.kind).toBe('paused');
    expect(timeNoticeFor('exam_resume', { deadline: 7 }, wall)?.text).toContain('until t7.');
    expect(timeNoticeFor('exam_closing', { closingAt: 1, working: 3 }, wall, 99)).toEqual({
      kind: 'closing',
      text: 'Your teacher is closing the exam. You can still use all of your own time, until t99.',
      tone: 'info',
    });
  });

  it('ignores other events and malformed payloads', () => {
    expect(timeNoticeFor('broadcast_message', {}, wall)).toBeNull();
    expect(timeNoticeFor('exam_add_time', { addedMs: 'x' }, wall)).toBeNull();
    expect(timeNoticeFor('time_warning', null, wall)).toBeNull();
  });
});
