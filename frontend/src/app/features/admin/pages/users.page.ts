/**
 * Academy users for administrators: search and filter by role, page through, add teachers
 * and students, and deactivate (after a confirmation) or reactivate them.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { Page, Role, UserView } from '@exam/contracts';
import { Subject, catchError, debounceTime, map, of, switchMap, tap, type Observable } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { UsersApiService } from '../../../core/api/users-api.service';
import { AuthService } from '../../../core/auth/auth.service';
import { CreateUserFormComponent } from '../components/create-user-form.component';
import { UserTableComponent } from '../components/user-table.component';

export const USERS_PAGE_SIZE = 20;

type Result = { page: Page<UserView> } | { error: string };

@Component({
  selector: 'exam-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UserTableComponent, CreateUserFormComponent],
  templateUrl: './users.page.html',
  styleUrls: ['../../../core/layout/list-page.css', './users.page.css'],
})
export class UsersPage {
  private readonly api = inject(UsersApiService);
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);
  private readonly injector = inject(Injector);
  private readonly auth = inject(AuthService);
  protected readonly meId = computed(() => this.auth.user()?.id ?? null);

  protected readonly role = signal<Role | ''>('');
  protected readonly search = signal('');
  protected readonly page = signal(1);
  private readonly reloads = signal(0);

  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<Page<UserView> | null>(null);
  protected readonly pageCount = computed(() => {
    const r = this.result();
    return r ? Math.max(1, Math.ceil(r.total / r.pageSize)) : 1;
  });
  protected readonly summary = computed(() => {
    const r = this.result();
    if (!r) return '';
    const what = r.total === 1 ? '1 user' : `${r.total} users`;
    return this.search() || this.role() ? `${what} match your filter.` : `${what} in your academy.`;
  });

  /** The account whose deactivation waits for confirmation. */
  protected readonly confirming = signal<UserView | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly actionDone = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);

  private readonly searchInput = new Subject<string>();

  constructor() {
    this.searchInput
      .pipe(debounceTime(300), takeUntilDestroyed())
      .subscribe((term) => this.applySearch(term));

    const query = computed(() => ({
      role: this.role() || undefined,
      search: this.search(),
      page: this.page(),
      pageSize: USERS_PAGE_SIZE,
      reload: this.reloads(),
    }));
    toObservable(query)
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap((q) =>
          this.api.list(q).pipe(
            map((page): Result => ({ page })),
            catchError((err: unknown) => of<Result>({ error: toApiError(err).message })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((r) => {
        this.loading.set(false);
        if ('page' in r) {
          this.result.set(r.page);
          this.error.set(null);
        } else {
          this.error.set(r.error);
        }
      });
  }

  protected onSearchInput(event: Event): void {
    this.searchInput.next((event.target as HTMLInputElement).value);
  }

  protected onSearchSubmit(event: Event, term: string): void {
    event.preventDefault();
    this.applySearch(term);
  }

  protected onRoleChange(event: Event): void {
    this.role.set((event.target as HTMLSelectElement).value as Role | '');
    this.page.set(1);
  }

  protected goTo(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
  }

  protected onCreated(): void {
    this.reloads.update((n) => n + 1);
  }

  protected askDeactivate(user: UserView): void {
    this.actionDone.set(null);
    this.actionError.set(null);
    this.confirming.set(user);
    this.focusAfterRender((root) => root.querySelector('[data-testid="deactivate-confirm"]'));
  }

  protected cancelDeactivate(): void {
    const user = this.confirming();
    this.confirming.set(null);
    if (user) this.focusAfterRender(buttonLabelled(`Deactivate ${user.displayName}`));
  }

  protected confirmDeactivate(): void {
    const user = this.confirming();
    if (!user) return;
    this.change(
      user,
      this.api.deactivate(user.id),
      `${user.displayName} is deactivated: signed out everywhere and can no longer sign in.`,
      `Reactivate ${user.displayName}`,
    );
  }

  protected reactivate(user: UserView): void {
    this.confirming.set(null);
    this.change(
      user,
      this.api.reactivate(user.id),
      `${user.displayName} is active again and can sign in.`,
      `Deactivate ${user.displayName}`,
    );
  }

  private change(
    user: UserView,
    request: Observable<UserView>,
    done: string,
    focusLabel: string,
  ): void {
    this.busyId.set(user.id);
    this.actionDone.set(null);
    this.actionError.set(null);
    request.subscribe({
      next: (updated) => {
        this.busyId.set(null);
        this.confirming.set(null);
        this.result.update(
          (r) => r && { ...r, items: r.items.map((u) => (u.id === updated.id ? updated : u)) },
        );
        this.actionDone.set(done);
        this.focusAfterRender(buttonLabelled(focusLabel));
      },
      error: (err: unknown) => {
        this.busyId.set(null);
        this.confirming.set(null);
        this.actionError.set(toApiError(err).message);
      },
    });
  }

  /** Keeps keyboard users where they were: the confirmation, then the row's new button. */
  private focusAfterRender(find: (root: HTMLElement) => Element | null | undefined): void {
    afterNextRender(
      () => {
        const target = find(this.host.nativeElement);
        if (target instanceof HTMLElement) target.focus();
      },
      { injector: this.injector },
    );
  }

  private applySearch(term: string): void {
    const trimmed = term.trim();
    if (trimmed === this.search()) return;
    this.search.set(trimmed);
    this.page.set(1);
  }
}

function buttonLabelled(label: string): (root: HTMLElement) => Element | undefined {
  return (root) =>
    Array.from(root.querySelectorAll('button')).find((b) => b.getAttribute('aria-label') === label);
}
