import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SignOutCheck, confirmSignOutWhile } from './sign-out-check';

/** A page that is live while `live` is true. */
@Component({
  selector: 'exam-live-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '',
})
class LivePage {
  readonly live = signal(false);
  constructor() {
    confirmSignOutWhile(() => (this.live() ? 'Your exam is still running.' : null));
  }
}

describe('SignOutCheck', () => {
  it("holds a page's sentence while it is live, and lets go when it ends or closes", async () => {
    const check = TestBed.inject(SignOutCheck);
    const fixture = TestBed.createComponent(LivePage);
    await fixture.whenStable();
    expect(check.reason()).toBeNull();
    fixture.componentInstance.live.set(true);
    await fixture.whenStable();
    expect(check.reason()).toBe('Your exam is still running.');
    fixture.componentInstance.live.set(false);
    await fixture.whenStable();
    expect(check.reason()).toBeNull();
    fixture.componentInstance.live.set(true);
    await fixture.whenStable();
    fixture.destroy();
    expect(check.reason()).toBeNull();
  });

  it('the latest page wins while two hold it', () => {
    const check = TestBed.inject(SignOutCheck);
    const a = Symbol('a');
    const b = Symbol('b');
    check.set(a, 'A');
    check.set(b, 'B');
    expect(check.reason()).toBe('B');
    check.set(b, null);
    expect(check.reason()).toBe('A');
  });
});
