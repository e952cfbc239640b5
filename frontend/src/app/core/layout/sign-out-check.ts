/**
 * Sign-out asks first while the signed-in user is on a live exam page: a teacher running the
 * exam, a student taking it. Such a page says so while it is live, with the sentence the
 * question should show; the shell's Sign out button reads it. Only pages that are live hold
 * it, so signing out anywhere else stays one click.
 *
 * In a page (any injection context):
 *   confirmSignOutWhile(() => this.live() ? 'Your exam is still running…' : null);
 */
import { DestroyRef, Injectable, computed, effect, inject, signal } from '@angular/core';

@Injectable({ providedIn: 'root' })
export class SignOutCheck {
  private readonly held = signal<ReadonlyMap<symbol, string>>(new Map());

  /** Why signing out now deserves a question (the latest page's sentence), or null. */
  readonly reason = computed(() => {
    const all = [...this.held().values()];
    return all.length ? all[all.length - 1] : null;
  });

  /** Sets (or with null withdraws) one page's reason. */
  set(owner: symbol, reason: string | null): void {
    this.held.update((m) => {
      if (reason === null && !m.has(owner)) return m;
      const next = new Map(m);
      if (reason === null) next.delete(owner);
      else next.set(owner, reason);
      return next;
    });
  }
}

/**
 * Asks before sign-out while `reason()` returns a sentence (e.g. while the exam is live); the
 * question goes away with the page. Call in an injection context (a field or constructor).
 */
export function confirmSignOutWhile(reason: () => string | null): void {
  const check = inject(SignOutCheck);
  const owner = Symbol('live page');
  effect(() => check.set(owner, reason()));
  inject(DestroyRef).onDestroy(() => check.set(owner, null));
}
