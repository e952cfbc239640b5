/** The signed-in admin's own academy: its settings (name, time zone, retention). */
import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AcademyView, UpdateAcademyRequest } from '@exam/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from './api-base';

@Injectable({ providedIn: 'root' })
export class AcademyApiService {
  private readonly http = inject(HttpClient);

  get(): Observable<AcademyView> {
    return this.http.get<AcademyView>(`${API_BASE}/academy`);
  }

  update(body: UpdateAcademyRequest): Observable<AcademyView> {
    return this.http.patch<AcademyView>(`${API_BASE}/academy`, body);
  }
}
