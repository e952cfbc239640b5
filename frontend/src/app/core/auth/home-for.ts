/** Each role has its own area; this is where a signed-in user lands. */
import type { Role } from '@exam/contracts';

export function homeFor(role: Role): string {
  switch (role) {
    case 'operator':
      return '/operator';
    case 'admin':
      return '/admin';
    case 'teacher':
      return '/teacher';
    case 'student':
      return '/student';
  }
}

/** A return URL is honoured only inside the user's own area (no open redirects, no 403 loops). */
export function safeReturnUrl(role: Role, returnUrl: string | null | undefined): string {
  const home = homeFor(role);
  if (!returnUrl || returnUrl.startsWith('//')) return home;
  return returnUrl === home || returnUrl.startsWith(`${home}/`) || returnUrl.startsWith(`${home}?`)
    ? returnUrl
    : home;
}
