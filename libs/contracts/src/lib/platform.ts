/**
 * The platform above the academies: first-run setup of an empty server, and the platform
 * operator's management of academies (create, rename, settings, suspend, first admin).
 * The operator manages academies only: no exam content, no answers.
 */
import type { UserView } from './auth';

export const ACADEMY_STATUSES = ['active', 'suspended'] as const;
export type AcademyStatus = (typeof ACADEMY_STATUSES)[number];

/** What an academy's admins and the operator may set. */
export interface AcademySettings {
  name: string;
  /** IANA time zone (e.g. Europe/Paris): scheduled sessions and every time shown. */
  timeZone: string;
  /** Days after which finished sessions move to the archive (null = the server default). */
  archiveAfterDays: number | null;
  /** Days the security log keeps this academy's events (null = the server default). */
  securityLogDays: number | null;
}

export interface AcademyUserCounts {
  admins: number;
  teachers: number;
  students: number;
}

/** What a retention setting left empty (null) means on this server. */
export interface RetentionDefaults {
  archiveAfterDays: number;
  securityLogDays: number;
}

export interface AcademyView extends AcademySettings {
  id: string;
  /** The server's defaults behind archiveAfterDays / securityLogDays when they are null. */
  defaults: RetentionDefaults;
  status: AcademyStatus;
  suspendedAt: number | null;
  suspendedReason: string | null;
  users: AcademyUserCounts;
  createdAt: string;
}

/** A new academy admin (the password is set by whoever creates it; the admin can change it). */
export interface NewAdminRequest {
  email: string;
  displayName: string;
  password: string;
}

/** POST /platform/academies (operator): the academy and, optionally, its first admin. */
export interface CreateAcademyRequest {
  name: string;
  timeZone?: string;
  archiveAfterDays?: number | null;
  securityLogDays?: number | null;
  admin?: NewAdminRequest;
}

/** PATCH /platform/academies/:id (operator) and PATCH /academy (its admins). */
export type UpdateAcademyRequest = Partial<AcademySettings>;

export interface SuspendAcademyRequest {
  /** Kept with the academy and shown to the operator. */
  reason?: string;
}

/** GET /setup (public): whether this server still needs its first admin. */
export interface SetupStatus {
  needed: boolean;
}

/**
 * POST /setup (public, once): the first academy and its admin, with the one-time setup token
 * the server printed in its log when it started on an empty database.
 */
export interface SetupRequest {
  token: string;
  academy: { name: string; timeZone?: string };
  admin: NewAdminRequest;
}

export interface SetupResponse {
  academy: AcademyView;
  admin: UserView;
}
