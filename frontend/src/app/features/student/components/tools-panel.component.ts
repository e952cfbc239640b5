/**
 * "Reading tools": the student's own test-taker tools (shared choices component). Each change
 * applies at once and is kept for the student's account. When staff fixed the tools, they are
 * shown but cannot be changed, and the panel says so. Escape or Close hands focus back to the
 * button that opened it.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  output,
  viewChild,
  type AfterViewInit,
} from '@angular/core';
import {
  ToolsChoicesComponent,
  type ToolChange,
} from '../../../shared/test-taker-tools/tools-choices.component';
import { TestTakerToolsState } from '../data-access/test-taker-tools.service';

@Component({
  selector: 'exam-tools-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ToolsChoicesComponent],
  host: { '(keydown.escape)': 'closed.emit()' },
  template: `
    <section
      class="card tools"
      id="tools-panel"
      aria-labelledby="tools-title"
      data-testid="tools-panel"
    >
      <div class="head">
        <h2 id="tools-title" #title tabindex="-1">Reading tools</h2>
        <button type="button" class="btn btn-small" (click)="closed.emit()">
          Close<span class="visually-hidden"> reading tools</span>
        </button>
      </div>
      @if (!state.mayChange()) {
        <p class="note" data-testid="tools-fixed">
          Your teacher set these tools for you, so they cannot be changed here.
        </p>
      }
      <exam-tools-choices
        idPrefix="tt"
        [tools]="state.tools()"
        [disabled]="!state.mayChange()"
        (changed)="change($event)"
      />
      <p class="muted saved">Kept for your account: they follow you to other devices.</p>
      <div aria-live="polite">
        @if (state.problem(); as p) {
          <p class="alert" data-testid="tools-problem">{{ p }}</p>
        }
      </div>
    </section>
  `,
  styles: `
    .tools {
      margin-block-end: 1rem;
    }
    .head {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 1rem;
    }
    .head h2 {
      margin: 0;
    }
    .note {
      padding: 0.5rem 0.75rem;
      border-inline-start: 4px solid var(--primary);
      background: var(--primary-soft);
    }
    .saved {
      margin: 0;
    }
  `,
})
export class ToolsPanelComponent implements AfterViewInit {
  protected readonly state = inject(TestTakerToolsState);
  readonly closed = output<void>();
  private readonly title = viewChild<ElementRef<HTMLElement>>('title');

  ngAfterViewInit(): void {
    this.title()?.nativeElement.focus();
  }

  protected change(c: ToolChange): void {
    this.state.set(c.key, c.value as never);
  }
}
