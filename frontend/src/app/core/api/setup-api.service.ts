/** First-run setup of an empty server (public: no account exists yet). */
import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { SetupRequest, SetupResponse, SetupStatus } from '@exam/contracts';
import type { Observable } from 'rxjs';
import { skipAuth } from '../auth/auth-http-context';
import { API_BASE } from './api-base';

@Injectable({ providedIn: 'root' })
export class SetupApiService {
  private readonly http = inject(HttpClient);

  /** Whether the server still needs its first admin (true only while it has no account). */
  status(): Observable<SetupStatus> {
    return this.http.get<SetupStatus>(`${API_BASE}/setup`, { context: skipAuth() });
  }

  /** Creates the first academy and its admin with the one-time token from the server's log. */
  setup(body: SetupRequest): Observable<SetupResponse> {
    return this.http.post<SetupResponse>(`${API_BASE}/setup`, body, { context: skipAuth() });
  }
}
