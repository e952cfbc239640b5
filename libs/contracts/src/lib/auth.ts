import type { Role } from './roles';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface LogoutRequest {
  refreshToken?: string;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  academyId: string;
  academyName?: string;
  /** The academy's IANA time zone: every time shown to this user is in it. */
  academyTimeZone?: string;
  /** Accommodation: extra time in percent applied to every exam (0 = none). */
  extraTimePercent: number;
  /** false while an admin has deactivated the account (always sent by the server). */
  active?: boolean;
  createdAt: string;
}

export interface TokenPair {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  tokenType: 'Bearer';
}

export interface LoginResponse extends TokenPair {
  user: UserView;
}

export interface CreateUserRequest {
  email: string;
  displayName: string;
  password: string;
  role: Exclude<Role, 'admin' | 'operator'>;
  extraTimePercent?: number;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** Claims inside an access token. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  academyId: string;
  /** Token id, so one token can be revoked. */
  jti: string;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
