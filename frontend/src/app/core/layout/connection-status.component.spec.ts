import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SocketService, type SocketStatus } from '../socket/socket.service';
import { ConnectionStatusComponent } from './connection-status.component';

describe('ConnectionStatusComponent', () => {
  const status = signal<SocketStatus>('connecting');
  const attempt = signal(0);
  const retry = jest.fn();

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        { provide: SocketService, useValue: { status, attempt, maxAttempts: 10, retry } },
      ],
    });
    const fixture = TestBed.createComponent(ConnectionStatusComponent);
    await fixture.whenStable();
    return fixture;
  }

  afterEach(() => TestBed.resetTestingModule());

  it('says the connection state in words, in a polite live region', async () => {
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    const region = el.querySelector('[role=status]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toContain('Connecting…');

    status.set('open');
    await fixture.whenStable();
    expect(region.textContent).toContain('Live');

    status.set('reconnecting');
    attempt.set(3);
    await fixture.whenStable();
    expect(region.textContent).toContain('Reconnecting (3/10)…');
    expect(el.querySelector('button')).toBeNull();
  });

  it('offers Retry once the service gave up', async () => {
    status.set('failed');
    const fixture = await render();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('Disconnected');
    el.querySelector('button')!.click();
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
