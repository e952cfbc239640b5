/** The exam page's small components: notices, navigator panel, lobby, end screen, review, clock. */
import type { Type } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { StudentQuestionView } from '@exam/contracts';
import { AuthService } from '../../../core/auth/auth.service';
import { ExamCountdownComponent } from './exam-countdown.component';
import { ExamEndComponent } from './exam-end.component';
import { ExamLobbyComponent } from './exam-lobby.component';
import { ExamNavPanelComponent } from './exam-nav-panel.component';
import { ExamReviewComponent } from './exam-review.component';
import { ExamTimeNoticesComponent } from './exam-time-notices.component';

async function render<T>(
  type: Type<T>,
  inputs: Record<string, unknown>,
): Promise<{ fixture: ComponentFixture<T>; el: HTMLElement; text: () => string }> {
  const fixture = TestBed.createComponent(type);
  for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  return { fixture, el, text: () => (el.textContent ?? '').replace(/\s+/g, ' ').trim() };
}

const Q = (n: number): StudentQuestionView[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `q${i + 1}`,
    type: 'short_text' as const,
    position: i,
    prompt: 'P',
    points: 1,
  }));

describe('exam page components', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: AuthService, useValue: { user: () => ({ academyTimeZone: 'UTC' }) } },
      ],
    });
  });

  it('time notices: each event in words with a dismiss button; the grace period stays', async () => {
    const { fixture, el, text } = await render(ExamTimeNoticesComponent, {
      notices: [{ id: 1, kind: 'added', text: 'Your teacher added 5 minutes.', tone: 'success' }],
      phase: { kind: 'running' },
    });
    expect(text()).toContain('Your teacher added 5 minutes.');
    const dismissed: number[] = [];
    fixture.componentInstance.dismiss.subscribe((id) => dismissed.push(id));
    const btn = el.querySelector('button');
    expect(btn?.textContent).toContain('Dismiss: Your teacher added 5 minutes.');
    btn?.click();
    expect(dismissed).toEqual([1]);
    expect(el.querySelector('[data-testid=grace-notice]')).toBeNull();
    fixture.componentRef.setInput('phase', { kind: 'grace', secondsLeft: 12 });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=grace-notice]')?.textContent).toContain(
      'Your answers are still being saved for 12 seconds',
    );
    expect(el.querySelector('[data-testid=grace-notice] button')).toBeNull();
  });

  it('navigator panel: a toggle with the count that folds the buttons away', async () => {
    const { fixture, el } = await render(ExamNavPanelComponent, {
      questions: Q(25),
      answered: new Set(['q1', 'q2']),
      flagged: new Set<string>(),
      current: 0,
      open: false,
    });
    const toggle = el.querySelector<HTMLButtonElement>('[data-testid=navigator-toggle]')!;
    expect(toggle.textContent).toContain('Questions (2 of 25 answered)');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(el.querySelector<HTMLElement>('#question-navigator')?.hidden).toBe(true);
    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(el.querySelector<HTMLElement>('#question-navigator')?.hidden).toBe(false);
    const jumps: number[] = [];
    fixture.componentInstance.jump.subscribe((i) => jumps.push(i));
    el.querySelectorAll<HTMLButtonElement>('#question-navigator button')[4].click();
    expect(jumps).toEqual([4]);
    expect([...el.querySelectorAll('button')].at(-1)?.textContent).toContain('Review and submit');
  });

  it("lobby: the student's own time, in the facts and in the instructions", async () => {
    const { el, text } = await render(ExamLobbyComponent, {
      title: 'English',
      durationMinutes: 60,
      allowanceMs: 75 * 60_000,
      questionCount: 1,
      instructions: 'You have 60 minutes.',
    });
    expect(el.querySelector('[data-testid=lobby-time]')?.textContent).toContain(
      '75 minutes (includes your extra time)',
    );
    expect(el.querySelector('[data-testid=instructions]')?.textContent).toBe(
      'You have 75 minutes (includes your extra time).',
    );
    expect(text()).not.toContain('60 minutes');
  });

  it('end screen: how the attempt ended, with plurals', async () => {
    const { fixture, el, text } = await render(ExamEndComponent, {
      sessionId: 's1',
      reason: 'teacher',
      status: 'completed',
      answered: 1,
      total: 1,
    });
    expect(el.querySelector('h1')?.textContent).toContain(
      'Your teacher ended the exam: your saved answers were submitted',
    );
    expect(text()).toContain('You answered 1 of 1 question.');
    fixture.componentRef.setInput('reason', 'terminated');
    fixture.componentRef.setInput('total', 25);
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toContain('The exam was stopped by your teacher');
    expect(text()).toContain('of 25 questions.');
    fixture.componentRef.setInput('reason', 'submitted');
    fixture.componentRef.setInput('resultsRelease', 'score');
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toContain('You submitted your exam');
    expect(el.querySelector('a')?.getAttribute('href')).toBe('/student/results/s1');
  });

  it('review: plural counts, links without bullets, and the submit', async () => {
    const { fixture, el, text } = await render(ExamReviewComponent, {
      unanswered: [{ id: 'q3', n: 3 }],
      flagged: [],
      pending: 2,
    });
    expect(text()).toContain('You have 1 unanswered question:');
    expect(text()).toContain('2 answers are still waiting to be saved.');
    fixture.componentRef.setInput('unanswered', [
      { id: 'q3', n: 3 },
      { id: 'q4', n: 4 },
    ]);
    fixture.componentRef.setInput('pending', 0);
    await fixture.whenStable();
    expect(text()).toContain('2 unanswered questions');
    expect(text()).toContain('All answers saved.');
    const go: number[] = [];
    fixture.componentInstance.go.subscribe((i) => go.push(i));
    el.querySelector<HTMLButtonElement>('.jump-list button')?.click();
    expect(go).toEqual([2]);
  });

  it('countdown: says the same minutes as its digits, and "Time is up" after the deadline', async () => {
    const { fixture, el } = await render(ExamCountdownComponent, {
      remainingMs: 57 * 60_000 + 22_000,
    });
    const clock = el.querySelector('[data-testid=countdown]');
    expect(clock?.textContent?.trim()).toBe('57:22');
    expect(clock?.getAttribute('aria-label')).toBe('57 minutes left');
    fixture.componentRef.setInput('remainingMs', 0);
    fixture.componentRef.setInput('timeUp', true);
    await fixture.whenStable();
    expect(el.textContent).toContain('Time is up');
    expect(clock?.getAttribute('aria-label')).toBe('Time is up');
  });
});
