import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { FakeWebSocketFactory } from '../../../testing/fake-web-socket';
import { storeSession } from '../../../testing/auth-fixtures';
import { SocketService } from '../socket/socket.service';
import { WEB_SOCKET_FACTORY } from '../socket/socket.tokens';
import { ShellComponent } from './shell.component';
import { SignOutCheck } from './sign-out-check';

describe('ShellComponent', () => {
  let factory: FakeWebSocketFactory;

  async function render() {
    storeSession('admin');
    factory = new FakeWebSocketFactory();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: WEB_SOCKET_FACTORY, useValue: factory.create },
      ],
    });
    const fixture = TestBed.createComponent(ShellComponent);
    fixture.componentRef.setInput('nav', [{ label: 'Users', path: '/admin/users' }]);
    // Route data without `live` binds undefined: the area is live.
    fixture.componentRef.setInput('live', undefined);
    await fixture.whenStable();
    return fixture;
  }

  afterEach(() => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  it('shows the app name, the area links, who is signed in and the live status, around a main landmark', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('header')?.textContent).toContain('Exam Room');
    expect(el.querySelector('nav[aria-label=Main] a')?.textContent?.trim()).toBe('Users');
    expect(el.querySelector('.who')?.textContent).toContain('Admin One');
    expect(el.querySelector('.who')?.textContent).toContain('Administrator');
    const account = el.querySelector<HTMLAnchorElement>('[data-testid=account-link]');
    expect(account?.getAttribute('href')).toBe('/account');
    expect(account?.textContent).toBe('Admin One: your account');
    expect(el.querySelector('main#main')).not.toBeNull();
    expect(el.querySelector('[role=status]')?.textContent).toContain('Connecting…');

    factory.last.open();
    factory.last.receive({
      event: 'auth_success',
      data: { serverNow: Date.now(), tokenExpiresAt: 0, user: {} },
    });
    await fixture.whenStable();
    expect(el.querySelector('[role=status]')?.textContent).toContain('Live');
  });

  it('signs out: logout request, socket closed, back to /login', async () => {
    const fixture = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const el = fixture.nativeElement as HTMLElement;
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Sign out')!
      .click();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/auth/logout')
      .flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/login');
    expect(TestBed.inject(SocketService).status()).toBe('idle');
    expect(factory.last.closedByClient).toBe(true);
  });
  it("the operator's area has nothing live: no connection, no status, the role in words", async () => {
    storeSession('operator');
    factory = new FakeWebSocketFactory();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: WEB_SOCKET_FACTORY, useValue: factory.create },
      ],
    });
    const fixture = TestBed.createComponent(ShellComponent);
    fixture.componentRef.setInput('nav', [{ label: 'Academies', path: '/operator/academies' }]);
    fixture.componentRef.setInput('live', false);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.who')?.textContent).toContain('Platform operator');
    expect(el.querySelector('[role=status]')).toBeNull();
    expect(factory.sockets).toHaveLength(0);
    expect(el.querySelector('a.brand')?.getAttribute('href')).toBe('/operator');
  });

  it("on a live exam page, asks before signing out in that page's words", async () => {
    const fixture = await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const http = TestBed.inject(HttpTestingController);
    const owner = Symbol('page');
    TestBed.inject(SignOutCheck).set(owner, 'The exam keeps running for your students.');
    const el = fixture.nativeElement as HTMLElement;
    const button = (label: string) =>
      Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === label)!;

    button('Sign out').click();
    await fixture.whenStable();
    http.expectNone('/api/v1/auth/logout');
    const ask = el.querySelector('[role=alertdialog]')!;
    expect(ask.querySelector('h2')?.textContent).toBe('Sign out during a live exam?');
    expect(ask.textContent).toContain('The exam keeps running for your students.');
    expect(button('Sign out').getAttribute('aria-expanded')).toBe('true');

    // Staying keeps everything as it was.
    button('Stay signed in').click();
    await fixture.whenStable();
    expect(el.querySelector('[role=alertdialog]')).toBeNull();
    http.expectNone('/api/v1/auth/logout');

    button('Sign out').click();
    await fixture.whenStable();
    button('Sign out anyway').click();
    http.expectOne('/api/v1/auth/logout').flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('once the page is no longer live, signs out at once again', async () => {
    const fixture = await render();
    const check = TestBed.inject(SignOutCheck);
    const owner = Symbol('page');
    check.set(owner, 'Live.');
    check.set(owner, null);
    expect(check.reason()).toBeNull();
    Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Sign out')!
      .click();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/logout');
  });
});
