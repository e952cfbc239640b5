/**
 * Asks before the exam ends, naming who is still working and how long each has left (a
 * student with extra time may have an hour to go), and offers the two ways to end: let
 * everyone finish their own time (nobody new starts; it completes by itself when the last is
 * done) or end every attempt now. While everyone already finishes their own time, only
 * "End now" is left. A refusal (e.g. while paused) shows the server's sentence here.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  type AfterViewInit,
  computed,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { formatClock } from '../../../core/live/server-clock';
import { AcademyTimeZone } from '../../../core/time/academy-time-zone';
import { ZonedDatePipe } from '../../../core/time/zoned-date.pipe';
import { formatZoned } from '../../../core/time/zoned-format';
import { lastDeadline, type WorkingStudent } from '../data-access/still-working';

@Component({
  selector: 'exam-complete-confirm',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ZonedDatePipe],
  template: `
    <section
      class="confirm"
      role="alertdialog"
      aria-labelledby="complete-title"
      aria-describedby="complete-text"
      data-testid="complete-confirm"
      (keydown.escape)="dismiss.emit()"
    >
      <h3 id="complete-title" #title tabindex="-1">
        {{ closing() ? 'End the exam now?' : 'End the exam?' }}
      </h3>
      <div id="complete-text">
        @if (working().length === 0) {
          <p>Nobody is still working: ending now takes nothing from anyone.</p>
        } @else {
          <p>
            {working().length, plural,
              =1 {1 student is still working}
              other {{{ working().length }} students are still working}

            }{{ closing() ? ' in their own time' : '' }}:
          </p>
          <ul class="working" data-testid="still-working">
            @for (w of working(); track w.studentId) {
              <li>
                <span class="name">{{ w.name }}</span>
                @if (w.remainingMs !== null) {
                  –
                  <span class="left">{{ clock(w.remainingMs) }}</span> left, until
                  {{ w.deadline | zonedDate: 'HH:mm' }}
                }
                @if (w.extraTimePercent > 0) {
                  <span class="badge">+{{ w.extraTimePercent }} % time</span>
                }
              </li>
            }
          </ul>
        }
        @if (notJoined() > 0 && !closing()) {
          <p class="muted">
            {notJoined(), plural,
              =1 {1 student never joined and}
              other {{{ notJoined() }} students never joined and}
            }
            can no longer start either way.
          </p>
        }
      </div>
      @if (error(); as e) {
        <p class="alert" role="alert" data-testid="complete-error">{{ e }}</p>
      }
      <div class="choices">
        @if (!closing() && working().length > 0) {
          <div class="choice-block">
            <button
              type="button"
              class="btn btn-primary"
              [disabled]="busy()"
              (click)="ownTime.emit()"
            >
              Let everyone finish their own time
            </button>
            <p class="hint">{{ ownTimeHint() }}</p>
          </div>
        }
        <div class="choice-block">
          <button type="button" class="btn btn-danger" [disabled]="busy()" (click)="endNow.emit()">
            End now
          </button>
          <p class="hint">
            {{
              working().length
                ? 'Every attempt ends now with the answers saved so far.'
                : 'The session is completed and its results are ready to grade.'
            }}
          </p>
        </div>
      </div>
      <button type="button" class="btn" (click)="dismiss.emit()">Cancel</button>
    </section>
  `,
  styles: `
    .confirm {
      margin-block-start: 1rem;
      padding: 1rem;
      border: 2px solid var(--warning);
      border-radius: var(--radius);
      background: var(--surface);
    }
    h3 {
      margin-block-start: 0;
    }
    .working {
      margin: 0 0 0.75rem;
      padding-inline-start: 1.25rem;
    }
    .working li {
      margin-block-end: 0.25rem;
    }
    .badge {
      margin-inline-start: 0.5rem;
    }
    .name {
      font-weight: 600;
    }
    .left {
      font-family: var(--mono);
      font-weight: 600;
    }
    .choices {
      display: grid;
      gap: 0.75rem;
      margin-block: 0.75rem;
    }
    .choice-block .hint {
      margin: 0.25rem 0 0;
    }
    .btn-danger {
      background: var(--danger);
      border-color: var(--danger);
      color: #fff;
    }
  `,
})
export class CompleteConfirmComponent implements AfterViewInit {
  /** Students still working, most time left first. */
  readonly working = input.required<readonly WorkingStudent[]>();
  /** Enrolled students who never joined. */
  readonly notJoined = input(0);
  /** Everyone already finishes their own time: only "End now" is left. */
  readonly closing = input(false);
  readonly busy = input(false);
  readonly error = input<string | null>(null);

  readonly ownTime = output<void>();
  readonly endNow = output<void>();
  readonly dismiss = output<void>();

  private readonly title = viewChild<ElementRef<HTMLElement>>('title');
  private readonly zone = inject(AcademyTimeZone).zone;
  protected readonly ownTimeHint = computed(() => {
    const last = lastDeadline(this.working());
    const by = last === null ? '' : `, by ${formatZoned(last, 'HH:mm', this.zone())} at the latest`;
    return `Nobody new can start. Each student keeps their own time; the exam completes by itself when the last one is done${by}.`;
  });
  protected readonly clock = formatClock;

  ngAfterViewInit(): void {
    this.title()?.nativeElement.focus();
  }
}
