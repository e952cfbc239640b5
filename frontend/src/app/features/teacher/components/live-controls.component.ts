/**
 * The dashboard's controls, fitting the session's status: launch while preparing; pause or
 * resume; end (or, while everyone finishes their own time, end now); terminate after a
 * confirmation; add time for everyone or one student; broadcast a message to everyone or
 * chosen students. Launch and end only ask: the page projects its question (who is in the
 * lobby, who is still working) below the buttons.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FORM_FIELD } from '../../../shared/forms/form-field.component';
import { BROADCAST_LEVELS, type BroadcastLevel, type ExamSessionStatus } from '@exam/contracts';
import type { SessionCommandName } from '../../../core/api/live-session-api.service';

export interface StudentOption {
  id: string;
  name: string;
}

@Component({
  selector: 'exam-live-controls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, FORM_FIELD],
  template: `
    <section class="card controls" aria-labelledby="controls-title">
      <h2 id="controls-title">Controls</h2>
      <div class="row">
        @switch (status()) {
          @case ('preparing') {
            <button
              type="button"
              class="btn btn-primary"
              [disabled]="busy()"
              (click)="control.emit('launch')"
            >
              Launch exam…
            </button>
          }
          @case ('active') {
            <button type="button" class="btn" [disabled]="busy()" (click)="control.emit('pause')">
              Pause
            </button>
          }
          @case ('paused') {
            <button
              type="button"
              class="btn btn-primary"
              [disabled]="busy()"
              (click)="control.emit('resume')"
            >
              Resume
            </button>
          }
        }
        @if (live()) {
          <button type="button" class="btn" [disabled]="busy()" (click)="control.emit('complete')">
            {{ closing() ? 'End now…' : 'Complete exam…' }}
          </button>
          <button type="button" class="btn btn-danger" [disabled]="busy()" (click)="askTerminate()">
            Terminate…
          </button>
        }
        @if (!live() && status() !== 'preparing') {
          <p class="muted">This session has ended; nothing more can change.</p>
        }
      </div>
      <ng-content />
      @if (confirming()) {
        <div
          class="confirm"
          role="alertdialog"
          aria-labelledby="confirm-title"
          aria-describedby="confirm-text"
        >
          <h3 id="confirm-title">Terminate this exam?</h3>
          <p id="confirm-text">
            Every student's attempt ends now with the answers saved so far. This cannot be undone.
          </p>
          <div class="row">
            <button #confirmBtn type="button" class="btn btn-danger" (click)="terminate()">
              Yes, terminate
            </button>
            <button type="button" class="btn" (click)="confirming.set(false)">Cancel</button>
          </div>
        </div>
      }

      @if (live()) {
        <form class="sub" (ngSubmit)="submitTime()" aria-labelledby="time-title">
          <h3 id="time-title">Add time</h3>
          <div class="row fields">
            <exam-form-field label="Minutes" controlId="add-minutes" [errors]="minutesErrors()">
              <input
                examFieldControl
                class="input narrow"
                type="number"
                min="1"
                max="600"
                name="minutes"
                [ngModel]="minutes()"
                (ngModelChange)="minutes.set($event)"
                required
              />
            </exam-form-field>
            <exam-form-field label="For" controlId="add-who">
              <select
                examFieldControl
                class="select"
                name="who"
                [ngModel]="timeFor()"
                (ngModelChange)="timeFor.set($event)"
              >
                <option value="">Everyone</option>
                @for (s of students(); track s.id) {
                  <option [value]="s.id">{{ s.name }}</option>
                }
              </select>
            </exam-form-field>
            <button type="submit" class="btn" [disabled]="busy() || !validMinutes()">
              Add time
            </button>
          </div>
        </form>
      }

      <form class="sub" (ngSubmit)="submitMessage()" aria-labelledby="msg-title">
        <h3 id="msg-title">Message to students</h3>
        <exam-form-field label="Message" controlId="msg-text" hint="Up to 500 characters.">
          <textarea
            examFieldControl
            class="input"
            rows="2"
            name="message"
            maxlength="500"
            [ngModel]="message()"
            (ngModelChange)="message.set($event)"
          ></textarea>
        </exam-form-field>
        <div class="row fields">
          <exam-form-field label="Type" controlId="msg-level">
            <select
              examFieldControl
              class="select"
              name="level"
              [ngModel]="level()"
              (ngModelChange)="level.set($event)"
            >
              @for (l of levels; track l) {
                <option [value]="l">{{ levelLabel(l) }}</option>
              }
            </select>
          </exam-form-field>
          <exam-form-fieldset label="Send to" controlId="msg-to" compact>
            <div class="choices">
              @for (r of recipients; track r.value) {
                <label class="choice">
                  <input
                    type="radio"
                    name="to"
                    [value]="r.value"
                    [ngModel]="to()"
                    (ngModelChange)="to.set($event)"
                  />
                  {{ r.label }}
                </label>
              }
            </div>
          </exam-form-fieldset>
        </div>
        @if (to() === 'some') {
          <exam-form-fieldset
            label="Students"
            controlId="msg-students"
            [errors]="recipientErrors()"
          >
            <div class="choices">
              @for (s of students(); track s.id) {
                <label class="choice">
                  <input type="checkbox" [checked]="chosen().has(s.id)" (change)="toggle(s.id)" />
                  {{ s.name }}
                </label>
              }
            </div>
          </exam-form-fieldset>
        }
        <button type="submit" class="btn" [disabled]="busy() || !canSend()">Send message</button>
      </form>
    </section>
  `,
  styles: `
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
      align-items: flex-end;
    }
    .fields .field {
      margin: 0;
    }
    .sub {
      margin-block-start: 1.25rem;
      padding-block-start: 1rem;
      border-block-start: 1px solid var(--border);
    }
    .btn-danger {
      border-color: var(--danger);
      color: var(--danger);
    }
    .confirm .btn-danger {
      background: var(--danger);
      color: #fff;
    }
    .confirm {
      margin-block-start: 1rem;
      padding: 1rem;
      border: 2px solid var(--danger);
      border-radius: var(--radius);
      background: var(--danger-soft);
    }
    textarea.input {
      resize: vertical;
    }
  `,
})
export class LiveControlsComponent {
  readonly status = input.required<ExamSessionStatus>();
  readonly busy = input(false);
  readonly students = input<readonly StudentOption[]>([]);
  /** Everyone finishes their own time: "Complete" becomes "End now". */
  readonly closing = input(false);

  readonly control = output<SessionCommandName>();
  readonly addTime = output<{ minutes: number; studentId?: string }>();
  readonly broadcast = output<{ message: string; level: BroadcastLevel; studentIds?: string[] }>();

  protected readonly levels = BROADCAST_LEVELS;
  protected readonly live = computed(() => ['active', 'paused'].includes(this.status()));
  protected readonly confirming = signal(false);
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  private readonly confirmBtn = viewChild<ElementRef<HTMLButtonElement>>('confirmBtn');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Focus back on the first control (after a question was answered or cancelled). */
  focusControls(): void {
    this.host.nativeElement.querySelector<HTMLButtonElement>('.row .btn')?.focus();
  }

  protected readonly minutes = signal(5);
  protected readonly timeFor = signal('');
  protected readonly message = signal('');
  protected readonly level = signal<BroadcastLevel>('info');
  protected readonly to = signal<'all' | 'some'>('all');
  protected readonly recipients = [
    { value: 'all', label: 'All students' },
    { value: 'some', label: 'Chosen students' },
  ] as const;

  protected levelLabel(l: BroadcastLevel): string {
    return { info: 'Information', warning: 'Warning', error: 'Problem', success: 'Good news' }[l];
  }

  protected askTerminate(): void {
    this.confirming.set(true);
    setTimeout(() => this.confirmBtn()?.nativeElement.focus());
  }

  protected terminate(): void {
    this.confirming.set(false);
    this.control.emit('terminate');
  }

  protected submitTime(): void {
    if (!this.validMinutes()) return;
    const minutes = Math.floor(Number(this.minutes()));
    const studentId = this.timeFor();
    this.addTime.emit(studentId ? { minutes, studentId } : { minutes });
  }

  protected toggle(id: string): void {
    this.chosen.update((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  protected readonly validMinutes = computed(() => {
    const m = Number(this.minutes());
    return Number.isFinite(m) && m >= 1 && m <= 600;
  });
  protected readonly minutesErrors = computed(() =>
    this.validMinutes() ? [] : ['Give the minutes to add, from 1 to 600.'],
  );
  /** Said once "Chosen students" is picked and nobody is chosen yet. */
  protected readonly recipientErrors = computed(() =>
    this.to() === 'some' && this.chosen().size === 0 && this.students().length > 0
      ? ['Choose at least one student, or send to all students.']
      : [],
  );

  protected readonly canSend = computed(
    () => this.message().trim().length > 0 && (this.to() === 'all' || this.chosen().size > 0),
  );

  protected submitMessage(): void {
    if (!this.canSend()) return;
    const message = this.message().trim();
    const level = this.level();
    this.broadcast.emit(
      this.to() === 'some'
        ? { message, level, studentIds: [...this.chosen()] }
        : { message, level },
    );
    this.message.set('');
  }
}
