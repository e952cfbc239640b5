/**
 * /student/join: a student types the code the teacher shows (or arrives with ?code= from
 * the QR code) and goes to the exam's lobby. A wrong code, or too many, is said in the
 * server's words; the field keeps what was typed.
 */
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { normaliseJoinCode } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { LiveSessionApiService } from '../../../core/api/live-session-api.service';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';

@Component({
  selector: 'exam-join-by-code-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FORM_FIELD],
  template: `
    <p class="back"><a routerLink="/student">← My exams</a></p>
    <h1>Join an exam with a code</h1>
    <form class="card join" (submit)="join($event)" novalidate>
      <exam-form-field
        label="Exam code"
        controlId="join-code"
        hint="The 6 letters and digits your teacher shows, for example K7PQ3M."
        [errors]="error() ? [error()!] : []"
      >
        <input
          examFieldControl
          class="input code"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck="false"
          maxlength="32"
          data-testid="join-code"
          [value]="typed()"
          (input)="typed.set($any($event.target).value)"
        />
      </exam-form-field>
      <button type="submit" class="btn btn-primary" [disabled]="busy()">
        {{ busy() ? 'Joining…' : 'Join the exam' }}
      </button>
    </form>
  `,
  styles: `
    .join {
      max-inline-size: 28rem;
      display: grid;
      gap: 0.75rem;
    }
    .code {
      font-family: var(--mono);
      font-size: 1.5rem;
      letter-spacing: 0.2em;
      text-transform: uppercase;
    }
  `,
})
export class JoinByCodePage implements OnInit {
  private readonly api = inject(LiveSessionApiService);
  private readonly router = inject(Router);
  /** From the QR code's link (?code=). */
  readonly code = input<string | undefined>(undefined);

  protected readonly typed = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    const fromLink = this.code();
    if (fromLink) this.typed.set(normaliseJoinCode(fromLink));
  }

  protected join(event: Event): void {
    event.preventDefault();
    const code = normaliseJoinCode(this.typed());
    if (!code) {
      this.error.set('Type the code your teacher shows.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.joinByCode(code).subscribe({
      next: (r) => void this.router.navigate(['/student/sessions', r.sessionId]),
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(e).message);
      },
    });
  }
}
