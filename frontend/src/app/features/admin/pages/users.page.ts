/**
 * Academy users for administrators: search and filter by role and status, page through, add
 * teachers and students, edit them, set a new password, import a class from CSV, and
 * deactivate (after a confirmation) or reactivate them.
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
import { ClassImportComponent } from '../components/class-import.component';
import { CreateUserFormComponent } from '../components/create-user-form.component';
import { EditUserDialogComponent, type UserSaved } from '../components/edit-user-dialog.component';
import { PasswordDialogComponent } from '../components/password-dialog.component';
import { StudentToolsDialogComponent } from '../../../shared/test-taker-tools/student-tools-dialog.component';
import { UserTableComponent } from '../components/user-table.component';

export const USERS_PAGE_SIZE = 20;

type Result = { page: Page<UserView> } | { error: string };
type StatusFilter = '' | 'active' | 'inactive';

@Component({
  selector: 'exam-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    UserTableComponent,
    CreateUserFormComponent,
    ClassImportComponent,
    EditUserDialogComponent,
    PasswordDialogComponent,
    StudentToolsDialogComponent,
  ],
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
  protected readonly status = signal<StatusFilter>('');
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
  protected readonly filtered = computed(() => !!(this.search() || this.role() || this.status()));

  /** The account whose deactivation waits for confirmation. */
  protected readonly confirming = signal<UserView | null>(null);
  protected readonly busyId = signal<string | null>(null);
  protected readonly actionDone = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);

  /** The account in the edit dialog, or whose new password is being set. */
  protected readonly editing = signal<UserView | null>(null);
  protected readonly settingPassword = signal<UserView | null>(null);
  /** The student whose reading tools are open. */
  protected readonly settingTools = signal<UserView | null>(null);
  protected readonly importOpen = signal(false);

  private readonly searchInput = new Subject<string>();

  constructor() {
    this.searchInput
      .pipe(debounceTime(300), takeUntilDestroyed())
      .subscribe((term) => this.applySearch(term));

    const query = computed(() => ({
      role: this.role() || undefined,
      search: this.search(),
      active: this.status() === '' ? undefined : this.status() === 'active',
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

  protected onStatusChange(event: Event): void {
    this.status.set((event.target as HTMLSelectElement).value as StatusFilter);
    this.page.set(1);
  }

  protected goTo(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.pageCount()));
  }

  protected onCreated(): void {
    this.reloads.update((n) => n + 1);
  }

  protected openEdit(user: UserView): void {
    this.clearMessages();
    this.editing.set(user);
  }

  protected onEdited({ user, changed }: UserSaved): void {
    this.editing.set(null);
    this.replace(user);
    const extra = changed.includes('extraTimePercent')
      ? user.extraTimePercent
        ? ` Sessions still being planned now give ${user.displayName} +${user.extraTimePercent} % time; launched and finished sessions keep the time they started with.`
        : ` Sessions still being planned now give ${user.displayName} no extra time; launched and finished sessions keep the time they started with.`
      : '';
    this.actionDone.set(`Saved the changes to ${user.displayName}.${extra}`);
    this.focusAfterRender(buttonLabelled(`Edit ${user.displayName}`));
  }

  protected onEditClosed(): void {
    const user = this.editing();
    this.editing.set(null);
    if (user) this.focusAfterRender(buttonLabelled(`Edit ${user.displayName}`));
  }

  protected openPassword(user: UserView): void {
    this.clearMessages();
    this.settingPassword.set(user);
  }

  protected onPasswordClosed(done: boolean): void {
    const user = this.settingPassword();
    this.settingPassword.set(null);
    if (!user) return;
    if (done) {
      this.actionDone.set(`${user.displayName} has a new password and was signed out everywhere.`);
    }
    this.focusAfterRender(buttonLabelled(`New password for ${user.displayName}`));
  }

  protected openTools(user: UserView): void {
    this.clearMessages();
    this.settingTools.set(user);
  }

  /** Set by the dialog's saved event, read when it closes. */
  protected toolsSaved = false;

  protected onToolsClosed(): void {
    const user = this.settingTools();
    const saved = this.toolsSaved;
    this.toolsSaved = false;
    this.settingTools.set(null);
    if (!user) return;
    if (saved) this.actionDone.set(`Saved the reading tools of ${user.displayName}.`);
    this.focusAfterRender(buttonLabelled(`Reading tools for ${user.displayName}`));
  }

  protected toggleImport(): void {
    const open = !this.importOpen();
    this.importOpen.set(open);
    this.focusAfterRender((root) =>
      open ? root.querySelector('#import-heading') : root.querySelector('#import-toggle'),
    );
  }

  /** New accounts: the list shows them (the import panel keeps its report on screen). */
  protected onImported(): void {
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
        this.replace(updated);
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

  private replace(updated: UserView): void {
    this.result.update(
      (r) => r && { ...r, items: r.items.map((u) => (u.id === updated.id ? updated : u)) },
    );
  }

  private clearMessages(): void {
    this.actionDone.set(null);
    this.actionError.set(null);
    this.confirming.set(null);
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
