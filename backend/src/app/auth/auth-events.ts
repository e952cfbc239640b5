/**
 * Auth facts other modules react to (the realtime module closes a user's sockets on logout
 * or password change). A plain RxJS subject keeps auth free of realtime imports.
 */
import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';

export type AuthEvent =
  /** One login ended (every cause): its sockets close at once. */
  | { type: 'login_revoked'; familyId: string }
  | { type: 'logout'; userId: string; familyId: string }
  | { type: 'password_changed'; userId: string }
  /** Every user of the academy: signed out, sockets closed. */
  | { type: 'academy_suspended'; academyId: string };

@Injectable()
export class AuthEvents {
  readonly events$ = new Subject<AuthEvent>();

  emit(e: AuthEvent): void {
    this.events$.next(e);
  }
}
