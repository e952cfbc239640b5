import type { Role } from '@exam/contracts';

/** The authenticated caller, as every guard, service and gateway sees it. */
export interface AuthUser {
  id: string;
  role: Role;
  academyId: string;
  /** Access token id. */
  jti: string;
  /** Login (refresh family) this token belongs to; logout revokes it. */
  familyId: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
}
