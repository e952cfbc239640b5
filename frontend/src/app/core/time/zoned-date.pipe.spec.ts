import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { storeSession, userView } from '../../../testing/auth-fixtures';
import { AuthService } from '../auth/auth.service';
import { AcademyTimeZone } from './academy-time-zone';
import { ZonedDatePipe } from './zoned-date.pipe';
import { browserTimeZone } from './zoned-time';

const T = Date.UTC(2026, 0, 8, 9, 5);

@Component({
  imports: [ZonedDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p>{{ at() | zonedDate: 'd MMM y, HH:mm' }}</p>
    <p>{{ at() | zonedDate }}</p>
    <p>{{ at() | zonedDate: 'shortTime' : 'Asia/Tokyo' }}</p>
    <p>{{ null | zonedDate: 'short' }}</p>`,
})
class Host {
  readonly at = signal<number | string>(T);
}

function setup(academyTimeZone?: string) {
  storeSession('teacher', { user: userView('teacher', { academyTimeZone }) });
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  const fixture = TestBed.createComponent(Host);
  const texts = () =>
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('p')).map(
      (p) => p.textContent?.trim() ?? '',
    );
  return { fixture, texts };
}

describe('zonedDate pipe', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  it("writes times in the signed-in user's academy zone", async () => {
    const { fixture, texts } = setup('Europe/Paris');
    await fixture.whenStable();
    expect(texts()).toEqual(['8 Jan 2026, 10:05', '8 Jan 2026', '18:05', '']);
    fixture.componentInstance.at.set('2026-07-01T22:30:00Z');
    await fixture.whenStable();
    expect(texts()[0]).toBe('2 Jul 2026, 00:30');
  });

  it('follows a change of the academy zone at once', async () => {
    const { fixture, texts } = setup('Europe/Paris');
    await fixture.whenStable();
    TestBed.inject(AuthService).updateUser({ academyTimeZone: 'America/New_York' });
    await fixture.whenStable();
    expect(texts()[0]).toBe('8 Jan 2026, 04:05');
  });

  it("falls back to the browser's zone without an academy zone or with an unknown one", async () => {
    const { fixture } = setup('Mars/Olympus');
    await fixture.whenStable();
    expect(TestBed.inject(AcademyTimeZone).zone()).toBe(browserTimeZone());
  });
});
