/**
 * Asks before a student is taken off a session that has not started: who, what their page
 * will say, and how they can come back. Focus moves to the question; Escape keeps them.
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

@Component({
  selector: 'exam-remove-student-confirm',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section
      class="card confirm"
      role="alertdialog"
      aria-labelledby="remove-title"
      aria-describedby="remove-text"
      data-testid="remove-confirm"
      (keydown.escape)="dismiss.emit()"
    >
      <h2 id="remove-title" #title tabindex="-1">Take {{ name() }} off this exam?</h2>
      <p id="remove-text">
        Their page says at once that you took them off.
        {{
          joinOpen()
            ? 'While joining with a code is open, they can join again with the code.'
            : 'To bring them back, open joining with a code and give them the code.'
        }}
      </p>
      @if (error(); as e) {
        <p class="alert" role="alert">{{ e }}</p>
      }
      <div class="row">
        <button type="button" class="btn btn-danger" [disabled]="busy()" (click)="confirm.emit()">
          Take off the exam
        </button>
        <button type="button" class="btn" (click)="dismiss.emit()">Keep them</button>
      </div>
    </section>
  `,
  styles: `
    .confirm {
      border: 2px solid var(--danger, #b42318);
    }
    .btn-danger {
      background: var(--danger);
      border-color: var(--danger);
      color: #fff;
    }
    h2 {
      font-size: 1.1rem;
      margin-block-start: 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
    }
  `,
})
export class RemoveStudentConfirmComponent implements AfterViewInit {
  readonly name = input.required<string>();
  readonly joinOpen = input(false);
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly confirm = output<void>();
  readonly dismiss = output<void>();

  private readonly title = viewChild<ElementRef<HTMLElement>>('title');

  ngAfterViewInit(): void {
    this.title()?.nativeElement.focus();
  }
}
