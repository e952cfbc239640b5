/**
 * The frame of every signed-in area: a header with the app name, the area's links, the live
 * connection status, who is signed in, and sign-out; the page below in the main landmark.
 * Opening an area opens the live connection (unless its route data says `live: false`).
 * On a live exam page (see SignOutCheck) sign-out asks first, in that page's words.
 */
import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  ElementRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import type { Role } from '@exam/contracts';
import { AuthService } from '../auth/auth.service';
import { homeFor } from '../auth/home-for';
import { SocketService } from '../socket/socket.service';
import { ConnectionStatusComponent } from './connection-status.component';
import type { NavLink } from './nav-link';
import { SignOutCheck } from './sign-out-check';

const ROLE_LABELS: Record<Role, string> = {
  operator: 'Platform operator',
  admin: 'Administrator',
  teacher: 'Teacher',
  student: 'Student',
};

@Component({
  selector: 'exam-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, ConnectionStatusComponent],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.css',
})
export class ShellComponent implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly socket = inject(SocketService);

  /** Bound from route data. */
  readonly nav = input<readonly NavLink[]>([]);
  /**
   * Route data: false for an area with nothing live (the platform operator's). Route data
   * without the key binds undefined, which means live.
   */
  readonly live = input(true, { transform: (v: boolean | undefined) => v !== false });

  protected readonly user = this.auth.user;
  protected readonly roleLabel = computed(() => {
    const role = this.auth.role();
    return role ? ROLE_LABELS[role] : '';
  });
  protected readonly home = computed(() => {
    const role = this.auth.role();
    return role ? homeFor(role) : '/';
  });
  protected readonly signingOut = signal(false);
  private readonly check = inject(SignOutCheck);
  /** The question shown before signing out of a live exam (null: not asking). */
  protected readonly asking = signal<string | null>(null);
  private readonly askTitle = viewChild<ElementRef<HTMLElement>>('askTitle');
  private readonly signOutBtn = viewChild<ElementRef<HTMLButtonElement>>('signOutBtn');

  ngOnInit(): void {
    if (this.live()) this.socket.connect();
  }

  protected signOut(): void {
    const reason = this.check.reason();
    if (reason !== null) {
      this.asking.set(reason);
      setTimeout(() => this.askTitle()?.nativeElement.focus());
      return;
    }
    this.confirmSignOut();
  }

  protected confirmSignOut(): void {
    this.asking.set(null);
    this.signingOut.set(true);
    this.auth.logout().subscribe({ complete: () => this.signingOut.set(false) });
  }

  protected stay(): void {
    this.asking.set(null);
    this.signOutBtn()?.nativeElement.focus();
  }
}
