/** The dashboard's questions before launching and ending, and the "Finishing" banner. */
import type { Type } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { storeSession, userView } from '../../../../testing/auth-fixtures';
import type { WorkingStudent } from '../data-access/still-working';
import { ClosingBannerComponent } from './closing-banner.component';
import { CompleteConfirmComponent } from './complete-confirm.component';
import { LaunchConfirmComponent } from './launch-confirm.component';

// 2026-03-10 09:00 UTC = 10:00 in Paris.
const NINE_UTC = Date.UTC(2026, 2, 10, 9, 0);

const sol: WorkingStudent = {
  studentId: 'sol',
  name: 'Sol Student',
  deadline: NINE_UTC + 42 * 60_000 + 3_600_000, // 11:42 Paris
  remainingMs: 70 * 60_000,
  extraTimePercent: 25,
};
const sam: WorkingStudent = {
  studentId: 'sam',
  name: 'Sam Student',
  deadline: NINE_UTC + 3_600_000,
  remainingMs: 25 * 60_000 + 5_000,
  extraTimePercent: 0,
};

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function buttons(el: HTMLElement): Record<string, HTMLButtonElement> {
  return Object.fromEntries(
    Array.from(el.querySelectorAll('button')).map((b) => [text(b), b as HTMLButtonElement]),
  );
}

describe('the questions of the live dashboard', () => {
  beforeEach(() => {
    storeSession('teacher', { user: userView('teacher', { academyTimeZone: 'Europe/Paris' }) });
  });
  afterEach(() => sessionStorage.clear());

  async function render<T>(
    type: Type<T>,
    inputs: Record<string, unknown>,
  ): Promise<[ComponentFixture<T>, HTMLElement]> {
    const fixture = TestBed.createComponent(type);
    for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
    await fixture.whenStable();
    return [fixture, fixture.nativeElement as HTMLElement];
  }

  it('before ending, names who is still working with their time left, and offers both ways', async () => {
    const [fixture, el] = await render(CompleteConfirmComponent, {
      working: [sol, sam],
      notJoined: 1,
    });
    const dialog = el.querySelector('[role=alertdialog]')!;
    expect(text(dialog.querySelector('h3'))).toBe('End the exam?');
    expect(document.activeElement).toBe(dialog.querySelector('h3'));
    expect(text(dialog)).toContain('2 students are still working:');
    const items = Array.from(el.querySelectorAll('[data-testid=still-working] li')).map(text);
    expect(items).toEqual([
      'Sol Student – 1:10:00 left, until 11:42 +25 % time',
      'Sam Student – 25:05 left, until 11:00',
    ]);
    expect(text(dialog)).toContain('1 student never joined and can no longer start either way.');
    expect(text(dialog)).toContain(
      'the exam completes by itself when the last one is done, by 11:42 at the latest.',
    );
    const own = jest.fn();
    const now = jest.fn();
    const cancel = jest.fn();
    fixture.componentInstance.ownTime.subscribe(own);
    fixture.componentInstance.endNow.subscribe(now);
    fixture.componentInstance.dismiss.subscribe(cancel);
    const b = buttons(el);
    b['Let everyone finish their own time'].click();
    b['End now'].click();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect([own, now, cancel].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
  });

  it('one student, a refusal in the server words; while finishing only "End now" is left', async () => {
    const [fixture, el] = await render(CompleteConfirmComponent, {
      working: [sol],
      error: 'Resume the exam first.',
    });
    expect(text(el)).toContain('1 student is still working:');
    expect(text(el.querySelector('[role=alert]'))).toBe('Resume the exam first.');
    fixture.componentRef.setInput('closing', true);
    fixture.componentRef.setInput('error', null);
    await fixture.whenStable();
    expect(text(el.querySelector('h3'))).toBe('End the exam now?');
    expect(text(el)).toContain('1 student is still working in their own time:');
    expect(Object.keys(buttons(el))).toEqual(['End now', 'Cancel']);
    fixture.componentRef.setInput('working', []);
    await fixture.whenStable();
    expect(text(el)).toContain('Nobody is still working');
  });

  it('before launching, says who is in the lobby and who has not joined', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(NINE_UTC);
    const [fixture, el] = await render(LaunchConfirmComponent, {
      counts: { waiting: 2, away: 1, notJoined: 1 },
      durationMinutes: 60,
      autoLaunchAt: NINE_UTC + 30 * 60_000,
    });
    const items = Array.from(el.querySelectorAll('[data-testid=launch-counts] li')).map(text);
    expect(items).toEqual([
      '2 students are in the lobby.',
      '1 student came to the lobby and left again.',
      '1 student has not joined yet: they can still join, but their time runs from the launch.',
    ]);
    expect(text(el)).toContain("Everyone's clock starts at once: 60 minutes");
    expect(text(el)).toContain('Otherwise it launches by itself at 10:30.');
    fixture.componentRef.setInput('counts', { waiting: 1, away: 0, notJoined: 3 });
    fixture.componentRef.setInput('lateJoin', false);
    await fixture.whenStable();
    expect(Array.from(el.querySelectorAll('[data-testid=launch-counts] li')).map(text)).toEqual([
      '1 student is in the lobby.',
      '3 students have not joined yet: they cannot join once the exam runs.',
    ]);
    const go = jest.fn();
    fixture.componentInstance.confirm.subscribe(go);
    buttons(el)['Launch now'].click();
    expect(go).toHaveBeenCalled();
  });

  it('while everyone finishes their own time, says how many and until when, with "End now"', async () => {
    const [fixture, el] = await render(ClosingBannerComponent, { working: [sol, sam] });
    expect(text(el.querySelector('[data-testid=closing-summary]'))).toBe(
      'Finishing: 2 students still working, the last until 11:42',
    );
    expect(text(el)).toContain('Sol Student – 1:10:00 left');
    fixture.componentRef.setInput('working', [sam]);
    await fixture.whenStable();
    expect(text(el.querySelector('[data-testid=closing-summary]'))).toBe(
      'Finishing: 1 student still working, the last until 11:00',
    );
    const end = jest.fn();
    fixture.componentInstance.endNow.subscribe(end);
    buttons(el)['End now…'].click();
    expect(end).toHaveBeenCalled();
  });
});
