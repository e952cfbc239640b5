/**
 * Sign-in: email and password, the server's own error sentence in a live region, and (in
 * development builds) the demo accounts. On success each role lands in its own area. A new
 * server with no account yet says so and links to first-run setup.
 */
import {
  ChangeDetectionStrategy,
  Component,
  InjectionToken,
  type OnInit,
  inject,
  input,
  isDevMode,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { toApiError } from '../../../core/api/api-error';
import { SetupApiService } from '../../../core/api/setup-api.service';
import { AuthService } from '../../../core/auth/auth.service';
import { safeReturnUrl } from '../../../core/auth/home-for';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';

/** What each field says when it is empty at submit. */
const FIELD_ERRORS = {
  email: ['Enter your email address.'],
  password: ['Enter your password.'],
} as const satisfies Record<string, readonly string[]>;
const NO_ERRORS: readonly string[] = [];

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
            { email: 'operator@demo.school', role: 'Platform operator' },
          ],
        }
      : null,
});

@Component({
  selector: 'exam-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, FORM_FIELD],
  templateUrl: './login.page.html',
  styleUrl: './login.page.css',
})
export class LoginPage implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly setupApi = inject(SetupApiService);
  protected readonly demo = inject(DEMO_LOGINS);

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();
  /** Pre-fills the email (e.g. after first-run setup). */
  readonly email = input<string>();

  /** The server has no account yet: sign-in cannot work before setup. */
  protected readonly setupNeeded = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required]],
    password: ['', [Validators.required]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly showFieldErrors = signal(false);

  ngOnInit(): void {
    const email = this.email()?.trim();
    if (email) this.form.controls.email.setValue(email);
    // Only a definite "needed" shows the notice; a failed check changes nothing.
    this.setupApi.status().subscribe({
      next: (s) => this.setupNeeded.set(s.needed),
      error: () => undefined,
    });
  }

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

  /** The sentences under a field: shown once the user tried to sign in with it empty. */
  protected errors(name: 'email' | 'password'): readonly string[] {
    return this.showFieldErrors() && this.form.controls[name].invalid
      ? FIELD_ERRORS[name]
      : NO_ERRORS;
  }
}
