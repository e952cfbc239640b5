/** Users, token pairs and stored sessions for tests. */
import type { ApiErrorBody, LoginResponse, Role, TokenPair, UserView } from '@exam/contracts';
import type { StoredSession } from '../app/core/auth/session-store';

export function userView(role: Role, over: Partial<UserView> = {}): UserView {
  return {
    id: `${role}-1`,
    email: `${role}@demo.school`,
    displayName: `${role[0].toUpperCase()}${role.slice(1)} One`,
    role,
    academyId: 'acad-1',
    academyName: 'Demo Academy',
    extraTimePercent: 0,
    createdAt: '2026-01-05T10:00:00.000Z',
    ...over,
  };
}

export function tokenPair(n: number, expiresIn = 900): TokenPair {
  return {
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    expiresIn,
    tokenType: 'Bearer',
  };
}

export function loginResponse(role: Role, n = 1, expiresIn = 900): LoginResponse {
  return { ...tokenPair(n, expiresIn), user: userView(role) };
}

export const SESSION_KEY = 'exam-room.session';

/** Puts a signed-in session into sessionStorage, as a previous page load would have. */
export function storeSession(role: Role, over: Partial<StoredSession> = {}): StoredSession {
  const session: StoredSession = {
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresAt: Date.now() + 900_000,
    lifetimeMs: 900_000,
    user: userView(role),
    ...over,
  };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}

export function errorBody(
  statusCode: number,
  code: ApiErrorBody['code'],
  message: string,
  details?: ApiErrorBody['details'],
): ApiErrorBody {
  return { statusCode, code, message, ...(details ? { details } : {}) };
}
