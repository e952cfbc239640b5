import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Role } from '@exam/contracts';
import { storeSession, userView } from '../../../../testing/auth-fixtures';
import { AccountPage } from './account.page';

describe('AccountPage', () => {
  afterEach(() => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
  });

  async function render(role: Role, extraTimePercent = 0): Promise<HTMLElement> {
    storeSession(role, { user: userView(role, { extraTimePercent }) });
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(AccountPage);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it("shows who is signed in, and who changes a student's name or email", async () => {
    const el = await render('student', 25);
    expect(el.querySelector('h1')?.textContent).toBe('Your account');
    expect(el.querySelector('[data-testid=account-name]')?.textContent).toBe('Student One');
    expect(el.querySelector('[data-testid=account-email]')?.textContent).toBe(
      'student@demo.school',
    );
    expect(el.textContent).toContain('Demo Academy');
    expect(el.textContent).toContain('+25 % on every exam');
    expect(el.textContent).toContain("ask your school's administrator");
    expect(el.querySelector('exam-change-password-form')).not.toBeNull();
  });

  it('sends an admin to the platform operator, and shows no extra time', async () => {
    const el = await render('admin');
    expect(el.textContent).toContain('Administrator');
    expect(el.textContent).not.toContain('Extra time');
    expect(el.textContent).toContain('ask the platform operator');
  });
});
