import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { UserView } from '@exam/contracts';
import { errorBody, storeSession, userView } from '../../../../testing/auth-fixtures';
import { polyfillDialog, pressEscape } from '../../../../testing/dialog-polyfill';
import { EditUserDialogComponent, type UserSaved } from './edit-user-dialog.component';

describe('EditUserDialogComponent', () => {
  let fixture: ComponentFixture<EditUserDialogComponent>;
  let el: HTMLElement;
  let http: HttpTestingController;
  let saved: UserSaved[];
  let closed: number;

  const sam = userView('student', {
    id: 's1',
    displayName: 'Sam Student',
    email: 'sam@demo.school',
    extraTimePercent: 0,
  });

  async function open(user: UserView): Promise<void> {
    polyfillDialog();
    storeSession('admin');
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(EditUserDialogComponent);
    fixture.componentRef.setInput('user', user);
    saved = [];
    closed = 0;
    fixture.componentInstance.saved.subscribe((s) => saved.push(s));
    fixture.componentInstance.closed.subscribe(() => closed++);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
    await fixture.whenStable();
  }

  afterEach(() => {
    http.verify();
    el.remove();
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  const input = (id: string) => el.querySelector<HTMLInputElement>(`#${id}`)!;
  const dialog = () => el.querySelector<HTMLDialogElement>('dialog')!;
  async function type(id: string, value: string): Promise<void> {
    input(id).value = value;
    input(id).dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  async function submit(): Promise<void> {
    el.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await fixture.whenStable();
  }

  it('opens as a modal with the current values and the first field focused', async () => {
    await open(sam);
    expect(dialog().open).toBe(true);
    expect(dialog().getAttribute('aria-labelledby')).toBe('edit-user-title');
    expect(el.querySelector('#edit-user-title')?.textContent).toContain('Edit Sam Student');
    expect(input('eu-name').value).toBe('Sam Student');
    expect(input('eu-email').value).toBe('sam@demo.school');
    expect(input('eu-extra').value).toBe('0');
    expect(document.activeElement).toBe(input('eu-name'));
  });

  it('says that planned sessions take a new extra time and launched ones keep theirs', async () => {
    await open(sam);
    const note = el.querySelector('[data-testid=extra-time-note]')?.textContent ?? '';
    expect(note).toContain('still being planned');
    expect(note).toContain('already launched or finished keep the time they started with');
    expect(input('eu-extra').getAttribute('aria-describedby')).toContain('eu-extra-note');
  });

  it('sends only what changed and reports the saved user', async () => {
    await open(sam);
    await type('eu-name', '  Samuel Student ');
    await type('eu-extra', '25');
    await submit();
    const req = http.expectOne('/api/v1/users/s1');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ displayName: 'Samuel Student', extraTimePercent: 25 });
    const updated = { ...sam, displayName: 'Samuel Student', extraTimePercent: 25 };
    req.flush(updated);
    await fixture.whenStable();
    expect(saved).toEqual([{ user: updated, changed: ['displayName', 'extraTimePercent'] }]);
  });

  it('has no extra time for a teacher', async () => {
    await open(userView('teacher', { id: 't1', displayName: 'Tom Teacher' }));
    expect(input('eu-extra')).toBeNull();
    expect(el.querySelector('[data-testid=extra-time-note]')).toBeNull();
    await type('eu-email', 'tom@demo.school');
    await submit();
    const req = http.expectOne('/api/v1/users/t1');
    expect(req.request.body).toEqual({ email: 'tom@demo.school' });
    req.flush({ ...userView('teacher'), email: 'tom@demo.school' });
  });

  it('checks the fields first and focuses the first one with a problem', async () => {
    await open(sam);
    await type('eu-name', ' ');
    await type('eu-extra', '400');
    await submit();
    http.expectNone('/api/v1/users/s1');
    expect(input('eu-name').getAttribute('aria-invalid')).toBe('true');
    expect(el.querySelector('#eu-name-error')?.textContent).toContain('Enter the name');
    expect(el.querySelector('#eu-extra-error')?.textContent).toContain('at most 300');
    expect(input('eu-name').getAttribute('aria-describedby')).toBe('eu-name-error');
    await fixture.whenStable();
    expect(document.activeElement).toBe(input('eu-name'));
    expect(el.querySelector('[data-testid=edit-user-error]')?.textContent).toContain(
      'Some fields need attention',
    );
  });

  it('shows a taken email beside the email field, and forgets it once edited', async () => {
    await open(sam);
    await type('eu-email', 'ava@demo.school');
    await submit();
    http
      .expectOne('/api/v1/users/s1')
      .flush(
        errorBody(
          409,
          'EMAIL_TAKEN',
          'A user with the email ava@demo.school already exists. Use another email.',
        ),
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=edit-email-errors]')?.textContent).toContain(
      'already exists. Use another email.',
    );
    expect(document.activeElement).toBe(input('eu-email'));
    expect(saved).toEqual([]);
    await type('eu-email', 'ava2@demo.school');
    expect(el.querySelector('[data-testid=edit-email-errors]')).toBeNull();
  });

  it("puts the server's field problems beside their fields", async () => {
    await open(sam);
    await type('eu-extra', '15');
    await submit();
    http
      .expectOne('/api/v1/users/s1')
      .flush(
        errorBody(400, 'VALIDATION_FAILED', 'extraTimePercent must be an integer', [
          { field: 'extraTimePercent', problems: ['extraTimePercent must be an integer number'] },
        ]),
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(el.querySelector('#eu-extra-error')?.textContent).toContain('must be an integer');
  });

  it("shows the server's sentence when it refuses for another reason", async () => {
    await open(sam);
    await type('eu-name', 'Sam S');
    await submit();
    http
      .expectOne('/api/v1/users/s1')
      .flush(errorBody(403, 'FORBIDDEN', 'Admins are managed by the platform operator.'), {
        status: 403,
        statusText: 'Forbidden',
      });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid=edit-user-error]')?.textContent).toContain(
      'Admins are managed by the platform operator.',
    );
  });

  it('closes without a request when nothing changed, on Cancel and on Escape', async () => {
    await open(sam);
    await submit();
    http.expectNone('/api/v1/users/s1');
    expect(closed).toBe(1);
    dialog().showModal();
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Cancel')!
      .click();
    expect(closed).toBe(2);
    dialog().showModal();
    pressEscape(dialog());
    expect(closed).toBe(3);
  });
});
