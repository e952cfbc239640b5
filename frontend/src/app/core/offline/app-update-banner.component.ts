/** A quiet line at the top of every page when a new version of the app is ready. */
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AppUpdate } from './app-update';

@Component({
  selector: 'exam-app-update-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (update.ready()) {
      <div class="update" role="status" data-testid="app-update">
        <span>A new version of Exam Room is ready. Reload the page to use it.</span>
        <span class="actions">
          <button type="button" class="btn btn-small btn-primary" (click)="update.reload()">
            Reload
          </button>
          <button type="button" class="btn btn-small" (click)="update.later()">Later</button>
        </span>
      </div>
    }
  `,
  styles: `
    .update {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: center;
      gap: 0.5rem 1rem;
      padding: 0.5rem 1rem;
      background: var(--primary-soft);
      border-block-end: 1px solid var(--border);
      font-weight: 500;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
    }
  `,
})
export class AppUpdateBannerComponent {
  protected readonly update = inject(AppUpdate);
}
