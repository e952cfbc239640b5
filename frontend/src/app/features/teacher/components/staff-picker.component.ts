/**
 * Chooses the co-teachers and invigilators of a session: searches the school's teachers,
 * adds them with a role (Co-teacher or Invigilator, each explained) and removes them. Used by
 * the planner and by the live dashboard's staff panel; the chosen list is a two-way `chosen`.
 */
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  model,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { STAFF_ROLES, type StaffRole, type UserView } from '@exam/contracts';
import { Subject, catchError, debounceTime, map, of, switchMap } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import { UsersApiService } from '../../../core/api/users-api.service';
import { STAFF_ROLE_HINTS, STAFF_ROLE_LABELS } from '../data-access/session-standing';
import {
  addChoice,
  addableTeachers,
  removeChoice,
  setChoiceRole,
  type StaffChoice,
} from '../data-access/staff-choices';

/** Teachers fetched per search: a school has few; the search narrows the rest. */
export const TEACHER_SEARCH_PAGE_SIZE = 50;

type Found = { items: UserView[]; total: number } | { error: string };

@Component({
  selector: 'exam-staff-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="hint roles">
      <strong>Co-teacher</strong>: {{ hints.co_teacher.toLowerCase() }}
      <strong>Invigilator</strong>: {{ hints.invigilator.toLowerCase() }}
    </p>
    <div class="field">
      <label [for]="idPrefix() + '-search'">Search teachers</label>
      <input
        [id]="idPrefix() + '-search'"
        class="input"
        type="search"
        autocomplete="off"
        (input)="onSearch($event)"
      />
    </div>
    <p class="muted found-status" aria-live="polite" [attr.data-testid]="idPrefix() + '-found'">
      @if (error(); as m) {
        <span class="field-error">{{ m }}</span>
      } @else if (loading()) {
        Loading teachers…
      } @else if (!addable().length) {
        {{ search() ? 'No other teachers match.' : 'No other teachers to add.' }}
      } @else {
        {addable().length, plural, =1 {1 teacher} other {{{ addable().length }} teachers}} you can
        add.
      }
    </p>
    @if (addable().length && !loading()) {
      <ul class="people found" [attr.aria-label]="'Teachers you can add'">
        @for (u of addable(); track u.id) {
          <li>
            <span class="who">
              <span class="name">{{ u.displayName }}</span>&ngsp;
              <span class="muted email">{{ u.email }}</span>
            </span>
            <button
              type="button"
              class="btn btn-small"
              [attr.aria-label]="'Add ' + u.displayName"
              (click)="add(u)"
            >
              Add
            </button>
          </li>
        }
      </ul>
      @if (total() > found().length) {
        <p class="hint">Showing the first {{ found().length }}: search to find the others.</p>
      }
    }

    <h3 class="chosen-title" [id]="idPrefix() + '-chosen-title'">Chosen ({{ chosen().length }})</h3>
    <ul
      class="people chosen"
      [attr.aria-labelledby]="idPrefix() + '-chosen-title'"
      [attr.data-testid]="idPrefix() + '-chosen'"
    >
      @for (c of chosen(); track c.userId) {
        <li>
          <span class="who">
            <span class="name">{{ c.displayName }}</span>&ngsp;
            <span class="muted email">{{ c.email }}</span>
          </span>
          <button
            type="button"
            class="btn btn-small"
            [attr.aria-label]="'Remove ' + c.displayName"
            (click)="remove(c.userId)"
          >
            Remove
          </button>
          <span class="role">
            <label class="role-label" [for]="roleId(c.userId)"
              >Role<span class="visually-hidden"> of {{ c.displayName }}</span></label
            >
            <select
              class="select"
              [id]="roleId(c.userId)"
              [attr.aria-describedby]="roleId(c.userId) + '-hint'"
              (change)="onRole(c.userId, $event)"
            >
              @for (r of roles; track r) {
                <option [value]="r" [selected]="r === c.role">{{ labels[r] }}</option>
              }
            </select>
            <span class="hint" [id]="roleId(c.userId) + '-hint'">{{ hints[c.role] }}</span>
          </span>
        </li>
      } @empty {
        <li class="muted">{{ emptyText() }}</li>
      }
    </ul>
  `,
  styles: `
    .roles {
      margin-block-end: 0.75rem;
    }
    .found-status {
      margin-block: 0 0.5rem;
    }
    .people {
      list-style: none;
      margin: 0 0 0.75rem;
      padding: 0;
      border-block-start: 1px solid var(--border);
    }
    .found {
      max-block-size: 14rem;
      overflow-y: auto;
    }
    .people li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      padding: 0.5rem 0.25rem;
      border-block-end: 1px solid var(--surface-muted);
    }
    .who {
      flex: 1 1 10rem;
      min-inline-size: 0;
    }
    .name {
      font-weight: 600;
    }
    .email {
      font-size: 0.875rem;
      overflow-wrap: anywhere;
    }
    .chosen li {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
    }
    .role {
      grid-column: 1 / -1;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
    }
    .role-label {
      font-weight: 600;
      font-size: 0.875rem;
    }
    .role .select {
      inline-size: auto;
      min-inline-size: 10rem;
    }
    .role .hint {
      flex: 1 1 10rem;
    }
    .chosen-title {
      font-size: 1rem;
      margin-block: 1rem 0.5rem;
    }
  `,
})
export class StaffPickerComponent {
  private readonly usersApi = inject(UsersApiService);
  private readonly host: ElementRef<HTMLElement> = inject(ElementRef);
  private readonly injector = inject(Injector);

  /** The people chosen so far (two-way). */
  readonly chosen = model<readonly StaffChoice[]>([]);
  /** Never offered: the session's own teacher, the user planning it. */
  readonly exclude = input<readonly string[]>([]);
  /** Prefix of the element ids, unique per page. */
  readonly idPrefix = input('staff');
  /** Shown while nobody is chosen. */
  readonly emptyText = input('Nobody else yet.');

  protected readonly roles = STAFF_ROLES;
  protected readonly labels = STAFF_ROLE_LABELS;
  protected readonly hints = STAFF_ROLE_HINTS;

  protected readonly search = signal('');
  protected readonly found = signal<UserView[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly addable = computed(() =>
    addableTeachers(this.found(), this.chosen(), this.exclude()),
  );

  private readonly searchInput = new Subject<string>();

  constructor() {
    this.searchInput
      .pipe(debounceTime(300), takeUntilDestroyed())
      .subscribe((term) => this.search.set(term.trim()));
    toObservable(this.search)
      .pipe(
        switchMap((search) =>
          this.usersApi.list({ role: 'teacher', search, pageSize: TEACHER_SEARCH_PAGE_SIZE }).pipe(
            map((p): Found => ({ items: p.items, total: p.total })),
            catchError((err: unknown) => of<Found>({ error: toApiError(err).message })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((r) => {
        this.loading.set(false);
        if ('error' in r) {
          this.error.set(r.error);
          return;
        }
        this.error.set(null);
        this.found.set(r.items);
        this.total.set(r.total);
      });
  }

  protected roleId(userId: string): string {
    return `${this.idPrefix()}-role-${userId}`;
  }

  protected onSearch(event: Event): void {
    this.searchInput.next((event.target as HTMLInputElement).value);
  }

  protected add(user: UserView): void {
    this.chosen.update((list) => addChoice(list, user));
    // The Add button is gone: carry on at the new person's role.
    this.focusAfterRender(this.roleId(user.id));
  }

  protected remove(userId: string): void {
    this.chosen.update((list) => removeChoice(list, userId));
    this.focusAfterRender(`${this.idPrefix()}-search`);
  }

  protected onRole(userId: string, event: Event): void {
    const role = (event.target as HTMLSelectElement).value as StaffRole;
    this.chosen.update((list) => setChoiceRole(list, userId, role));
  }

  private focusAfterRender(id: string): void {
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>(`[id="${id}"]`)?.focus(),
      { injector: this.injector },
    );
  }
}
