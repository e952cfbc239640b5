/**
 * Keeps the signed-in session in sessionStorage, so a reload keeps the user signed in but a
 * closed tab (or another tab) does not share it. Storage may be unavailable (privacy modes):
 * then the session lives in memory only.
 */
import { DOCUMENT, Injectable, inject } from '@angular/core';
import { ROLES, type UserView } from '@exam/contracts';

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires (local clock). */
  expiresAt: number;
  /** How long the access token was valid when issued, in ms. */
  lifetimeMs: number;
  user: UserView;
}

const KEY = 'exam-room.session';

@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly storage = storageOf(inject(DOCUMENT));

  load(): StoredSession | null {
    try {
      const raw = this.storage?.getItem(KEY);
      return raw ? parseSession(JSON.parse(raw)) : null;
    } catch {
      return null;
    }
  }

  save(session: StoredSession): void {
    try {
      this.storage?.setItem(KEY, JSON.stringify(session));
    } catch {
      /* quota or privacy mode: memory only */
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(KEY);
    } catch {
      /* nothing stored */
    }
  }
}

function storageOf(doc: Document): Storage | null {
  try {
    return doc.defaultView?.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** Reads back only a well-formed session; anything else counts as signed out. */
export function parseSession(v: unknown): StoredSession | null {
  if (typeof v !== 'object' || v === null) return null;
  const s = v as Record<string, unknown>;
  const user = s['user'] as Record<string, unknown> | null | undefined;
  if (
    typeof s['accessToken'] !== 'string' ||
    typeof s['refreshToken'] !== 'string' ||
    typeof s['expiresAt'] !== 'number' ||
    typeof s['lifetimeMs'] !== 'number' ||
    typeof user !== 'object' ||
    user === null ||
    typeof user['id'] !== 'string' ||
    typeof user['displayName'] !== 'string' ||
    !(ROLES as readonly unknown[]).includes(user['role'])
  ) {
    return null;
  }
  return s as unknown as StoredSession;
}
