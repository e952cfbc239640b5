/**
 * The live dashboard's "Join with a code" card, for the staff who plan the session: open
 * joining (a short code is drawn the first time and kept), show the code big enough to read
 * out, open the projector view (code and QR code) in a new tab, and close joining again.
 * The code only admits students of this academy, and only before launch or while late
 * joining is allowed; the card says so in those words.
 */
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { codeAdmitsNow, type ExamSessionStatus, type ExamSessionView } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { ExamSessionsApiService } from '../data-access/exam-sessions-api.service';
import { shownCode } from '../data-access/join-code-view';

@Component({
  selector: 'exam-join-code-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <section class="card join" aria-labelledby="join-title" data-testid="join-panel">
      <h2 id="join-title">Join with a code</h2>
      @if (session().joinOpen && session().joinCode; as code) {
        <p class="muted">Students of your school type this code on their "My exams" page:</p>
        <p class="code" data-testid="join-panel-code">{{ shown(code) }}</p>
        @if (!codeWorks()) {
          <p class="alert alert-warning" role="status">
            The exam has started and late joining is off, so the code admits nobody now.
          </p>
        }
        <div class="actions">
          <a
            class="btn btn-primary"
            [routerLink]="['/teacher/sessions', session().id, 'projector']"
            target="_blank"
            >Show on the projector<span class="visually-hidden"> (opens a new tab)</span></a
          >
          <button type="button" class="btn" [disabled]="busy()" (click)="set(false)">
            Stop joining
          </button>
        </div>
      } @else {
        <p class="muted">
          Let students of your school join this exam themselves: they type a short code you show on
          the board, or scan its QR code.
          @if (session().joinCode) {
            Joining is closed now.
          }
        </p>
        <button
          type="button"
          class="btn"
          [disabled]="busy() || ended()"
          (click)="set(true)"
          data-testid="join-open"
        >
          {{ session().joinCode ? 'Open joining again' : 'Let students join with a code' }}
        </button>
      }
      <div aria-live="polite">
        @if (error(); as e) {
          <p class="alert" role="alert">{{ e }}</p>
        }
      </div>
    </section>
  `,
  styles: `
    .join {
      display: grid;
      gap: 0.6rem;
    }
    .join h2 {
      font-size: 1.1rem;
      margin: 0;
    }
    .join p {
      margin: 0;
    }
    .code {
      font-family: var(--mono);
      font-size: 2.25rem;
      font-weight: 700;
      letter-spacing: 0.15em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .alert-warning {
      border-inline-start-color: var(--warning);
      background: #fff4e5;
      color: #7a2e0b;
    }
  `,
})
export class JoinCodePanelComponent {
  private readonly api = inject(ExamSessionsApiService);
  readonly session = input.required<ExamSessionView>();
  /** The live status (the REST view may be older). */
  readonly status = input.required<ExamSessionStatus>();
  readonly changed = output<ExamSessionView>();

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly ended = computed(
    () => this.status() === 'completed' || this.status() === 'terminated',
  );
  /** Before launch, or running with late joining allowed and not closing. */
  protected readonly codeWorks = computed(() =>
    codeAdmitsNow({
      status: this.status(),
      allowLateJoin: this.session().config.allowLateJoin,
      closingAt: this.session().closingAt,
    }),
  );
  protected readonly shown = shownCode;

  protected set(open: boolean): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.setJoinCode(this.session().id, open).subscribe({
      next: (r) => {
        this.busy.set(false);
        this.changed.emit({ ...this.session(), joinCode: r.code, joinOpen: r.open });
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(e).message);
      },
    });
  }
}
