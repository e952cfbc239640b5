import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { ResultsRelease } from '@exam/contracts';
import { ReleaseControlComponent } from './release-control.component';

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('ReleaseControlComponent', () => {
  let fixture: ComponentFixture<ReleaseControlComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;
  let released: ResultsRelease[];
  const submit = () => el.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const select = () => el.querySelector<HTMLSelectElement>('#release-mode')!;

  async function render(status: 'completed' | 'paused', release: ResultsRelease) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ReleaseControlComponent);
    released = [];
    fixture.componentInstance.released.subscribe((r) => released.push(r));
    fixture.componentRef.setInput('sessionId', 's1');
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('release', release);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }
  afterEach(() => {
    http.verify();
    TestBed.resetTestingModule();
  });

  it('says what students see now, and offers to update or withdraw', async () => {
    await render('completed', {
      mode: 'score',
      releasedAt: Date.UTC(2026, 0, 8, 12, 5),
      releasedBy: 't1',
    });
    expect(squash(el.querySelector('[data-testid=release-current]')?.textContent)).toMatch(
      /^Now: Score only. Released 8 Jan 2026, \d\d:05$/,
    );
    expect(select().value).toBe('score');
    expect(squash(el.querySelector('#release-explain')?.textContent)).toBe(
      'Students see their total score, their percentage and whether they passed.',
    );
    expect(squash(submit().textContent)).toBe('Update');
    expect(submit().disabled).toBe(true);

    select().value = 'none';
    select().dispatchEvent(new Event('change'));
    await fixture.whenStable();
    submit().click();
    await fixture.whenStable();
    expect(squash(submit().textContent)).toBe('Saving…');
    const req = http.expectOne('/api/v1/exam-sessions/s1/release');
    expect(req.request.body).toEqual({ mode: 'none' });
    req.flush({ mode: 'none', releasedAt: null, releasedBy: null });
    await fixture.whenStable();
    expect(el.querySelector('[role=status]')?.textContent).toContain(
      'Results withdrawn: students no longer see them.',
    );
    expect(released).toEqual([{ mode: 'none', releasedAt: null, releasedBy: null }]);
  });

  it('is disabled with a reason while the exam is not over', async () => {
    await render('paused', { mode: 'none', releasedAt: null, releasedBy: null });
    expect(select().disabled).toBe(true);
    expect(submit().disabled).toBe(true);
    expect(squash(submit().textContent)).toBe('Release');
    expect(squash(el.querySelector('#release-why')?.textContent)).toBe(
      'You can release results once the exam has ended.',
    );
  });
});
