import {
  addedTimeText,
  durationWords,
  endDetail,
  endTitle,
  graceText,
  notSavedYetText,
  personaliseInstructions,
  resumedText,
  warningText,
  workingTimeText,
} from './time-text';

describe('time in words', () => {
  it('says a working time in minutes (and seconds when not whole)', () => {
    expect(durationWords(75 * 60_000)).toBe('75 minutes');
    expect(durationWords(60_000)).toBe('1 minute');
    expect(durationWords(75_000)).toBe('1 minute 15 seconds');
    expect(durationWords(30_000)).toBe('30 seconds');
  });

  it("shows the student's own time, saying when it includes extra time", () => {
    expect(workingTimeText(75 * 60_000, 60)).toBe('75 minutes (includes your extra time)');
    expect(workingTimeText(60 * 60_000, 60)).toBe('60 minutes');
    // An older server without allowanceMs: the duration.
    expect(workingTimeText(undefined, 45)).toBe('45 minutes');
    expect(workingTimeText(0, 45)).toBe('45 minutes');
  });

  it("replaces the class's duration in the instructions with the student's own time", () => {
    const text = 'Answer every question. You have 60 minutes. Good luck.';
    expect(personaliseInstructions(text, 60, 75 * 60_000)).toBe(
      'Answer every question. You have 75 minutes (includes your extra time). Good luck.',
    );
    expect(personaliseInstructions('Time: 60 min, one hour in all', 60, 75 * 60_000)).toBe(
      'Time: 75 minutes (includes your extra time), 75 minutes (includes your extra time) in all',
    );
    // No extra time, or another figure: untouched.
    expect(personaliseInstructions(text, 60, 60 * 60_000)).toBe(text);
    expect(personaliseInstructions('Spend 160 minutes', 60, 75 * 60_000)).toBe('Spend 160 minutes');
  });

  it('words each time event', () => {
    expect(warningText(5, false)).toBe('5 minutes left.');
    expect(warningText(1, true)).toBe('1 minute left. Finish your answers now.');
    expect(addedTimeText(5 * 60_000, '10:42')).toBe(
      'Your teacher added 5 minutes. You now have until 10:42.',
    );
    expect(addedTimeText(60_000, '')).toBe('Your teacher added 1 minute.');
    expect(resumedText('11:02')).toBe(
      'The exam continues. The clock is running again: you have until 11:02.',
    );
    expect(resumedText('')).toBe('The exam continues. The clock is running again.');
  });

  it('describes the grace period as the server runs it', () => {
    expect(graceText(30)).toBe(
      'Time is up. Your answers are still being saved for 30 seconds; after that the exam closes and what you saved is submitted.',
    );
    expect(graceText(1)).toContain('for 1 second;');
    expect(graceText(0)).toBe(
      'Time is up. The exam is closing: the answers you saved are being submitted.',
    );
  });

  it('says how the attempt ended', () => {
    expect(endTitle('submitted', 'active')).toBe('You submitted your exam');
    expect(endTitle('deadline', 'completed')).toBe(
      'Time ran out: your saved answers were submitted',
    );
    expect(endTitle('teacher', 'completed')).toBe(
      'Your teacher ended the exam: your saved answers were submitted',
    );
    expect(endTitle('terminated', 'terminated')).toBe('The exam was stopped by your teacher');
    expect(endTitle('absent', 'completed')).toBe('You did not take part in this exam');
    expect(endTitle(null, 'terminated')).toBe('The exam was stopped by your teacher');
    expect(endTitle(null, 'completed')).toBe('The exam is over');
    expect(endDetail('terminated')).toContain('saved before then are kept');
    expect(endDetail('submitted')).toBe('Your answers are saved.');
  });

  it('counts answers still to be saved with the right plural', () => {
    expect(notSavedYetText(1)).toMatch(/^1 answer is not saved yet\./);
    expect(notSavedYetText(3)).toMatch(/^3 answers are not saved yet\./);
  });
});
