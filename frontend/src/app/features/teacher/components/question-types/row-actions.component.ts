/**
 * Move up, move down and remove, for a row of a list or a whole question: each button says
 * what it moves ("Move answer A up"), and the ends cannot move further.
 */
import { ChangeDetectionStrategy, Component, booleanAttribute, input, output } from '@angular/core';

@Component({
  selector: 'exam-row-actions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="btn btn-small"
      [class.icon]="icons()"
      [disabled]="disabled() || first()"
      [attr.aria-label]="'Move ' + name() + ' up'"
      (click)="up.emit()"
    >
      {{ icons() ? '↑' : '↑ Up' }}
    </button>
    <button
      type="button"
      class="btn btn-small"
      [class.icon]="icons()"
      [disabled]="disabled() || last()"
      [attr.aria-label]="'Move ' + name() + ' down'"
      (click)="down.emit()"
    >
      {{ icons() ? '↓' : '↓ Down' }}
    </button>
    <button
      type="button"
      class="btn btn-small"
      [class.icon]="icons()"
      [class.danger]="!icons()"
      [disabled]="disabled()"
      [attr.aria-label]="(icons() ? 'Remove ' : 'Delete ') + name()"
      (click)="remove.emit()"
    >
      {{ icons() ? '✕' : 'Delete' }}
    </button>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 0.25rem;
    }
    .icon {
      min-inline-size: 2rem;
      padding-inline: 0.5rem;
    }
    .danger {
      color: var(--danger);
    }
  `,
})
export class RowActionsComponent {
  /** What the buttons move, as read in their names: "answer A", "Question 2". */
  readonly name = input.required<string>();
  readonly first = input(false);
  readonly last = input(false);
  readonly disabled = input(false);
  /** Arrows and ✕ (rows of a list) instead of words (a whole question). */
  readonly icons = input(false, { transform: booleanAttribute });

  readonly up = output<void>();
  readonly down = output<void>();
  readonly remove = output<void>();
}
