import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ExamSessionStatus } from '@exam/contracts';
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
