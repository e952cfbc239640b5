import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SwUpdate, type VersionEvent } from '@angular/service-worker';
import { Subject } from 'rxjs';
import { AppUpdate } from './app-update';
import { AppUpdateBannerComponent } from './app-update-banner.component';
import { swBypassInterceptor } from './sw-bypass.interceptor';

describe('offline support', () => {
  afterEach(() => TestBed.resetTestingModule());

  it('API calls bypass the service worker; other requests do not carry the header', () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([swBypassInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    const http = TestBed.inject(HttpClient);
    const ctl = TestBed.inject(HttpTestingController);
    http.get('/api/v1/exam-sessions').subscribe();
    http.get('/ngsw.json').subscribe();
    expect(ctl.expectOne('/api/v1/exam-sessions').request.headers.get('ngsw-bypass')).toBe('1');
    expect(ctl.expectOne('/ngsw.json').request.headers.has('ngsw-bypass')).toBe(false);
    ctl.verify();
  });

  it('offers a reload when a new version is ready, and reloads a broken one', async () => {
    const versionUpdates = new Subject<VersionEvent>();
    const unrecoverable = new Subject<{ type: 'UNRECOVERABLE_STATE'; reason: string }>();
    TestBed.configureTestingModule({
      providers: [
        { provide: SwUpdate, useValue: { isEnabled: true, versionUpdates, unrecoverable } },
      ],
    });
    const update = TestBed.inject(AppUpdate);
    const fixture = TestBed.createComponent(AppUpdateBannerComponent);
    const el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    expect(el.textContent).toBe('');
    versionUpdates.next({
      type: 'VERSION_READY',
      currentVersion: { hash: 'a' },
      latestVersion: { hash: 'b' },
    });
    await fixture.whenStable();
    expect(el.textContent).toContain('A new version of Exam Room is ready.');
    const reload = jest.spyOn(update, 'reload').mockImplementation(() => undefined);
    el.querySelector<HTMLButtonElement>('.btn-primary')?.click();
    expect(reload).toHaveBeenCalled();
    [...el.querySelectorAll('button')].find((b) => b.textContent?.includes('Later'))?.click();
    await fixture.whenStable();
    expect(update.ready()).toBe(false);
    expect(el.textContent).toBe('');
  });

  it('does nothing where the service worker is off (dev server, tests)', () => {
    TestBed.configureTestingModule({
      providers: [
        {
          provide: SwUpdate,
          useValue: {
            isEnabled: false,
            versionUpdates: new Subject(),
            unrecoverable: new Subject(),
          },
        },
      ],
    });
    expect(TestBed.inject(AppUpdate).ready()).toBe(false);
  });
});
