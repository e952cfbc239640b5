/**
 * How a new version of the app reaches an open tab. The service worker checks for a new
 * build on every page load; once it has downloaded one, this tells the user, who reloads
 * when it suits them (never forced: a student may be in the middle of an exam). A tab whose
 * cached files were lost (unrecoverable) is reloaded at once.
 */
import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { SwUpdate } from '@angular/service-worker';

@Injectable({ providedIn: 'root' })
export class AppUpdate {
  private readonly sw = inject(SwUpdate);
  private readonly win = inject(DOCUMENT).defaultView;
  /** A newer version is downloaded and used after a reload. */
  readonly ready = signal(false);

  constructor() {
    if (!this.sw.isEnabled) return;
    this.sw.versionUpdates.pipe(takeUntilDestroyed()).subscribe((e) => {
      if (e.type === 'VERSION_READY') this.ready.set(true);
    });
    this.sw.unrecoverable.pipe(takeUntilDestroyed()).subscribe(() => this.win?.location.reload());
  }

  reload(): void {
    this.win?.location.reload();
  }

  later(): void {
    this.ready.set(false);
  }
}
