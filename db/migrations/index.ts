/**
 * Every migration, in order. New migrations are appended here (explicit imports keep the
 * compiled build and the test runner on the same list, no file globbing).
 */
import { Accounts1764230400000 } from './1764230400000-accounts';

export const MIGRATIONS = [Accounts1764230400000];
