/**
 * Copies a text (a new password) to the clipboard and says so in a live region; when the
 * browser refuses (no permission, an old browser), it says to select and copy by hand.
 */
import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

@Component({
  selector: 'exam-copy-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="btn btn-small" [attr.aria-label]="label()" (click)="copy()">
      Copy
    </button>
    <span class="said" role="status">{{ said() }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .said {
      font-size: 0.875rem;
      color: var(--text-muted);
    }
  `,
})
export class CopyButtonComponent {
  readonly text = input.required<string>();
  /** The button's accessible name, e.g. "Copy the password of Ava Brown". */
  readonly label = input('Copy');

  protected readonly said = signal('');

  protected copy(): void {
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clipboard) {
      this.said.set('Copying is not available here: select the text and copy it.');
      return;
    }
    clipboard.writeText(this.text()).then(
      () => this.said.set('Copied.'),
      () => this.said.set('Copying was refused: select the text and copy it.'),
    );
  }
}
