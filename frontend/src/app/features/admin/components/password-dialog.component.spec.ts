import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { errorBody, storeSession, userView } from '../../../../testing/auth-fixtures';
import { polyfillDialog } from '../../../../testing/dialog-polyfill';
import { READABLE_ALPHABET } from '../data-access/readable-password';
import { PasswordDialogComponent } from './password-dialog.component';

describe('PasswordDialogComponent', () => {
  let fixture: ComponentFixture<PasswordDialogComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;
  let closed: { done: boolean }[];

  const sam = userView('student', {
    id: 's1',
    displayName: 'Sam Student',
    email: 'sam@demo.school',
  });

  beforeEach(async () => {
    polyfillDialog();
    storeSession('admin');
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PasswordDialogComponent);
    fixture.componentRef.setInput('user', sam);
    closed = [];
    fixture.componentInstance.closed.subscribe((c) => closed.push(c));
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
    el.remove();
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  const field = () => el.querySelector<HTMLInputElement>('#pw-new')!;
  const button = (text: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
  async function submit(): Promise<void> {
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
  }

  it('says beforehand that the person is signed out everywhere', () => {
    expect(el.querySelector('dialog')!.open).toBe(true);
    expect(el.querySelector('#pw-title')?.textContent).toContain('New password for Sam Student');
    expect(el.querySelector('[data-testid=password-warning]')?.textContent).toContain(
      'Sam Student will be signed out everywhere at once',
    );
    expect(button('Set password and sign them out')).toBeDefined();
    expect(document.activeElement).toBe(field());
  });

  it('generates a readable password into the field', async () => {
    button('Generate')!.click();
    await fixture.whenStable();
    expect(field().value).toHaveLength(12);
    expect([...field().value].every((c) => READABLE_ALPHABET.includes(c))).toBe(true);
  });

  it('sets the typed password, then shows it once with a copy button', async () => {
    field().value = 'Spring-2026!';
    field().dispatchEvent(new Event('input'));
    await submit();
    const req = http.expectOne('/api/v1/users/s1/reset-password');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ password: 'Spring-2026!' });
    req.flush(sam);
    await fixture.whenStable();
    const done = el.querySelector('[data-testid=password-done]')!;
    expect(done.textContent).toContain('signed out on every device');
    expect(done.textContent).toContain('sam@demo.school');
    expect(el.querySelector('[data-testid=new-password]')?.textContent).toBe('Spring-2026!');
    expect(el.querySelector('button[aria-label="Copy the new password"]')).not.toBeNull();
    expect(done.textContent).toContain('It is shown only now');
    expect(document.activeElement?.id).toBe('pw-title');

    button('Close')!.click();
    expect(closed).toEqual([{ done: true }]);
  });

  it('checks the length before sending', async () => {
    field().value = 'short';
    field().dispatchEvent(new Event('input'));
    await submit();
    http.expectNone('/api/v1/users/s1/reset-password');
    expect(el.querySelector('#pw-new-error')?.textContent).toContain('at least 8 characters');
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(field().getAttribute('aria-describedby')).toBe('pw-new-hint pw-new-error');
  });

  it("shows the server's problem beside the field", async () => {
    field().value = 'long-enough';
    field().dispatchEvent(new Event('input'));
    await submit();
    http
      .expectOne('/api/v1/users/s1/reset-password')
      .flush(
        errorBody(400, 'VALIDATION_FAILED', 'password must be 8 to 200 characters long', [
          { field: 'password', problems: ['password must be 8 to 200 characters long'] },
        ]),
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(el.querySelector('#pw-new-error')?.textContent).toContain('8 to 200 characters');
    expect(el.querySelector('[data-testid=password-done]')).toBeNull();
  });

  it('cancels without a change', () => {
    button('Cancel')!.click();
    expect(closed).toEqual([{ done: false }]);
  });
});
