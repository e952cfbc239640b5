/**
 * The zone every time is shown in: the signed-in user's academy's, else the browser's.
 * Scheduled times typed into forms are wall times in this zone too.
 */
import { Injectable, computed, inject } from '@angular/core';
import { AuthService } from '../auth/auth.service';
import { browserTimeZone, isValidTimeZone } from './zoned-time';

@Injectable({ providedIn: 'root' })
export class AcademyTimeZone {
  private readonly auth = inject(AuthService);
  private readonly fallback = browserTimeZone();

  /** An IANA zone name, always valid. */
  readonly zone = computed(() => {
    const zone = this.auth.user()?.academyTimeZone;
    return isValidTimeZone(zone) ? zone : this.fallback;
  });
}
