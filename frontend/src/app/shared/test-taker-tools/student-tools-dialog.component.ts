/**
 * Staff set a student's test-taker tools in a modal dialog (admins from Users, teachers from a
 * student's timeline on the live dashboard): the same choices the student sees, and whether
 * the student may change them. Loads the student's current tools first; Save sends them
 * (PUT /users/:id/test-taker-tools); Cancel or Escape keeps them.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  inject,
  input,
  output,
  signal,
  viewChild,
  type OnInit,
} from '@angular/core';
import { HttpClient } from '@angular/common/http';
import type { TestTakerTools, TestTakerToolsView } from '@exam/contracts';
import { API_BASE } from '../../core/api/api-base';
import { toApiError } from '../../core/api/api-error';
import { ToolsChoicesComponent, type ToolChange } from './tools-choices.component';

/** Who the tools are for. */
export interface ToolsStudent {
  id: string;
  displayName: string;
}

@Component({
  selector: 'exam-student-tools-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ToolsChoicesComponent],
  template: `
    <dialog
      #dialog
      aria-labelledby="tools-dialog-title"
      data-testid="student-tools-dialog"
      (cancel)="onCancel($event)"
      (close)="onClose()"
    >
      <h2 id="tools-dialog-title">Reading tools for {{ user().displayName }}</h2>
      @if (tools(); as t) {
        <exam-tools-choices idPrefix="st" [tools]="t" (changed)="change($event)" />
        <div class="switch">
          <input
            type="checkbox"
            id="st-may-change"
            [checked]="mayChange()"
            (change)="mayChange.set($any($event.target).checked)"
          />
          <label for="st-may-change">{{ user().displayName }} may change them</label>
        </div>
        <p class="muted">
          They apply to every exam {{ user().displayName }} takes, on any device. Untick to fix
          them: the student then sees them but cannot change them.
        </p>
      } @else if (!error()) {
        <p class="muted" role="status">Loading…</p>
      }
      <div aria-live="polite">
        @if (error(); as e) {
          <p class="alert" data-testid="student-tools-error">{{ e }}</p>
        }
      </div>
      <div class="actions">
        <button
          type="button"
          class="btn btn-primary"
          [disabled]="saving() || !tools()"
          (click)="save()"
        >
          {{ saving() ? 'Saving…' : 'Save tools' }}
        </button>
        <button type="button" class="btn" [disabled]="saving()" (click)="close()">Cancel</button>
      </div>
    </dialog>
  `,
  styleUrl: '../forms/modal-dialog.css',
  styles: `
    dialog {
      inline-size: min(44rem, calc(100vw - 1.5rem));
    }
    .switch {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      min-block-size: 2.75rem;
      font-weight: 600;
    }
    .switch input {
      inline-size: 1.25rem;
      block-size: 1.25rem;
      margin: 0;
    }
  `,
})
export class StudentToolsDialogComponent implements OnInit {
  private readonly http = inject(HttpClient);
  readonly user = input.required<ToolsStudent>();
  readonly saved = output<TestTakerToolsView>();
  readonly closed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  protected readonly tools = signal<TestTakerTools | null>(null);
  protected readonly mayChange = signal(true);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    afterNextRender(() => {
      const d = this.dialog().nativeElement;
      if (!d.open) d.showModal();
    });
  }

  ngOnInit(): void {
    this.http.get<TestTakerToolsView>(this.url()).subscribe({
      next: (v) => {
        this.tools.set(v.tools);
        this.mayChange.set(v.studentMayChange);
        // The choices are drawn now: the focus goes to the first of them.
        setTimeout(() =>
          this.dialog()
            .nativeElement.querySelector<HTMLInputElement>('input[type="radio"]:checked')
            ?.focus(),
        );
      },
      error: (e: unknown) => this.error.set(toApiError(e).message),
    });
  }

  protected change(c: ToolChange): void {
    const t = this.tools();
    if (t) this.tools.set({ ...t, [c.key]: c.value });
  }

  /** Escape closes the dialog, except while the change is on its way. */
  protected onCancel(event: Event): void {
    if (this.saving()) event.preventDefault();
  }

  protected onClose(): void {
    if (!this.saving()) this.closed.emit();
  }

  protected close(): void {
    this.dialog().nativeElement.close();
  }

  protected save(): void {
    const tools = this.tools();
    if (!tools || this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    this.http
      .put<TestTakerToolsView>(this.url(), { tools, studentMayChange: this.mayChange() })
      .subscribe({
        next: (v) => {
          this.saving.set(false);
          this.saved.emit(v);
          this.close();
        },
        error: (e: unknown) => {
          this.saving.set(false);
          this.error.set(toApiError(e).message);
        },
      });
  }

  private url(): string {
    return `${API_BASE}/users/${this.user().id}/test-taker-tools`;
  }
}
