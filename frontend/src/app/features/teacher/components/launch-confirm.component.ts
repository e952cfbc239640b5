/**
 * Asks before the launch starts everyone's clock: who is in the lobby, who came and went,
 * who has not joined yet (and whether they still can), and when it would otherwise launch
 * by itself.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  type AfterViewInit,
  input,
  output,
  viewChild,
} from '@angular/core';
import type { LobbyCounts } from '../data-access/still-working';
import { LaunchWhenPipe } from './launch-when.pipe';

@Component({
  selector: 'exam-launch-confirm',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LaunchWhenPipe],
  template: `
    <section
      class="confirm"
      role="alertdialog"
      aria-labelledby="launch-title"
      aria-describedby="launch-text"
      data-testid="launch-confirm"
      (keydown.escape)="dismiss.emit()"
    >
      <h3 id="launch-title" #title tabindex="-1">Launch the exam now?</h3>
      <div id="launch-text">
        <p>
          Everyone's clock starts at once: {{ durationMinutes() }} minutes, more for students with
          extra time.
        </p>
        <ul data-testid="launch-counts">
          <li>
            {counts().waiting, plural,
              =0 {Nobody is in the lobby yet.}
              =1 {1 student is in the lobby.}
              other {{{ counts().waiting }} students are in the lobby.}
            }
          </li>
          @if (counts().away > 0) {
            <li>
              {counts().away, plural,
                =1 {1 student came to the lobby and left again.}
                other {{{ counts().away }} students came to the lobby and left again.}
              }
            </li>
          }
          @if (counts().notJoined > 0) {
            <li>
              {counts().notJoined, plural,
                =1 {1 student has not joined yet}
                other {{{ counts().notJoined }} students have not joined yet}

              }{{
                lateJoin()
                  ? ': they can still join, but their time runs from the launch.'
                  : ': they cannot join once the exam runs.'
              }}
            </li>
          }
        </ul>
        @if (autoLaunchAt(); as at) {
          <p class="muted">Otherwise it launches by itself {{ at | launchWhen }}.</p>
        }
      </div>
      <div class="row">
        <button type="button" class="btn btn-primary" [disabled]="busy()" (click)="confirm.emit()">
          Launch now
        </button>
        <button type="button" class="btn" (click)="dismiss.emit()">Cancel</button>
      </div>
    </section>
  `,
  styles: `
    .confirm {
      margin-block-start: 1rem;
      padding: 1rem;
      border: 2px solid var(--primary);
      border-radius: var(--radius);
      background: var(--primary-soft);
    }
    h3 {
      margin-block-start: 0;
    }
    ul {
      margin-block: 0 0.75rem;
      padding-inline-start: 1.25rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
    }
  `,
})
export class LaunchConfirmComponent implements AfterViewInit {
  readonly counts = input.required<LobbyCounts>();
  readonly durationMinutes = input(0);
  /** Whether students may still join after the launch. */
  readonly lateJoin = input(true);
  /** When it would launch by itself (null: only the teacher launches). */
  readonly autoLaunchAt = input<number | null>(null);
  readonly busy = input(false);

  readonly confirm = output<void>();
  readonly dismiss = output<void>();

  private readonly title = viewChild<ElementRef<HTMLElement>>('title');

  ngAfterViewInit(): void {
    this.title()?.nativeElement.focus();
  }
}
