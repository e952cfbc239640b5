/**
 * Sign-in: email and password, the server's own error sentence in a live region, and (in
 * development builds) the demo accounts. On success each role lands in its own area.
 */
import {
  ChangeDetectionStrategy,
  Component,
  InjectionToken,
  inject,
  input,
  isDevMode,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { toApiError } from '../../../core/api/api-error';
import { AuthService } from '../../../core/auth/auth.service';
import { safeReturnUrl } from '../../../core/auth/home-for';

export interface DemoLogin {
  email: string;
  role: string;
}

/** Demo accounts to show on the login page; empty in production builds. */
export const DEMO_LOGINS = new InjectionToken<{
  password: string;
  accounts: readonly DemoLogin[];
} | null>('DEMO_LOGINS', {
  providedIn: 'root',
  factory: () =>
    isDevMode()
      ? {
          password: 'demo1234',
          accounts: [
            { email: 'teacher@demo.school', role: 'Teacher' },
            { email: 'student1@demo.school', role: 'Student' },
            { email: 'admin@demo.school', role: 'Administrator' },
          ],
        }
      : null,
});

@Component({
  selector: 'exam-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './login.page.html',
  styleUrl: './login.page.css',
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly demo = inject(DEMO_LOGINS);

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly showFieldErrors = signal(false);

  protected submit(): void {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.showFieldErrors.set(true);
      this.error.set('Enter your email and password.');
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set(null);
    this.auth.login(email, password).subscribe({
      next: (user) => {
        this.submitting.set(false);
        void this.router.navigateByUrl(safeReturnUrl(user.role, this.returnUrl()));
      },
      error: (err: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(err).message);
        this.form.controls.password.reset();
      },
    });
  }

  protected useDemo(email: string): void {
    if (!this.demo) return;
    this.form.setValue({ email, password: this.demo.password });
  }

  protected invalid(name: 'email' | 'password'): boolean {
    return this.showFieldErrors() && this.form.controls[name].invalid;
  }
}
