import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ExamSessionStatus } from '@exam/contracts';
import { storeSession, userView } from '../../../../testing/auth-fixtures';
import { LiveHeaderComponent } from './live-header.component';

describe('LiveHeaderComponent results link', () => {
  async function header(status: ExamSessionStatus): Promise<HTMLAnchorElement | null> {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(LiveHeaderComponent);
    fixture.componentRef.setInput('title', 'English');
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('sessionId', 's-1');
    await fixture.whenStable();
    const link = (fixture.nativeElement as HTMLElement).querySelector<HTMLAnchorElement>(
      '[data-testid="results-link"]',
    );
    TestBed.resetTestingModule();
    return link;
  }

  it('offers "See results" prominently once the session has ended', async () => {
    for (const status of ['completed', 'terminated'] as const) {
      const link = await header(status);
      expect(link?.textContent?.trim()).toBe('See results');
      expect(link?.classList.contains('btn-primary')).toBe(true);
      expect(link?.getAttribute('href')).toBe('/teacher/sessions/s-1/results');
    }
  });

  it('offers a quieter "Results so far" while it runs, and nothing before launch', async () => {
    for (const status of ['active', 'paused'] as const) {
      const link = await header(status);
      expect(link?.textContent?.trim()).toBe('Results so far');
      expect(link?.classList.contains('btn-primary')).toBe(false);
    }
    expect(await header('preparing')).toBeNull();
  });
});

describe('LiveHeaderComponent status and planned launch', () => {
  afterEach(() => sessionStorage.clear());

  it('says "Finishing" while everyone finishes their own time, and when it launches by itself', async () => {
    storeSession('teacher', { user: userView('teacher', { academyTimeZone: 'Europe/Paris' }) });
    jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 2, 10, 7, 0));
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(LiveHeaderComponent);
    fixture.componentRef.setInput('title', 'English');
    fixture.componentRef.setInput('status', 'preparing');
    fixture.componentRef.setInput('durationMinutes', 60);
    fixture.componentRef.setInput('autoLaunchAt', Date.UTC(2026, 2, 10, 8, 30)); // 09:30 Paris
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=auto-launch]')?.textContent?.trim()).toBe(
      'Launches by itself at 09:30',
    );
    fixture.componentRef.setInput('status', 'active');
    fixture.componentRef.setInput('remainingMs', 60_000);
    fixture.componentRef.setInput('closing', true);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=session-status]')?.textContent?.trim()).toBe('Finishing');
    expect(el.querySelector('[data-testid=auto-launch]')).toBeNull();
  });
});
