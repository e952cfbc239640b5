/** The platform operator's REST calls: list, create, edit, suspend and reactivate academies. */
import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AcademyStatus,
  AcademyView,
  CreateAcademyRequest,
  NewAdminRequest,
  Page,
  UpdateAcademyRequest,
  UserView,
} from '@exam/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from '../../../core/api/api-base';

export interface AcademyQuery {
  search?: string;
  status?: AcademyStatus;
  page?: number;
  pageSize?: number;
}

const BASE = `${API_BASE}/platform/academies`;

@Injectable({ providedIn: 'root' })
export class PlatformApiService {
  private readonly http = inject(HttpClient);

  list(query: AcademyQuery): Observable<Page<AcademyView>> {
    let params = new HttpParams();
    const search = query.search?.trim();
    if (search) params = params.set('search', search);
    if (query.status) params = params.set('status', query.status);
    if (query.page) params = params.set('page', query.page);
    if (query.pageSize) params = params.set('pageSize', query.pageSize);
    return this.http.get<Page<AcademyView>>(BASE, { params });
  }

  get(id: string): Observable<AcademyView> {
    return this.http.get<AcademyView>(`${BASE}/${encodeURIComponent(id)}`);
  }

  create(body: CreateAcademyRequest): Observable<AcademyView> {
    return this.http.post<AcademyView>(BASE, body);
  }

  update(id: string, body: UpdateAcademyRequest): Observable<AcademyView> {
    return this.http.patch<AcademyView>(`${BASE}/${encodeURIComponent(id)}`, body);
  }

  suspend(id: string, reason?: string): Observable<AcademyView> {
    const trimmed = reason?.trim();
    return this.http.post<AcademyView>(
      `${BASE}/${encodeURIComponent(id)}/suspend`,
      trimmed ? { reason: trimmed } : {},
    );
  }

  reactivate(id: string): Observable<AcademyView> {
    return this.http.post<AcademyView>(`${BASE}/${encodeURIComponent(id)}/reactivate`, {});
  }

  admins(id: string): Observable<UserView[]> {
    return this.http.get<UserView[]>(`${BASE}/${encodeURIComponent(id)}/admins`);
  }

  addAdmin(id: string, body: NewAdminRequest): Observable<UserView> {
    return this.http.post<UserView>(`${BASE}/${encodeURIComponent(id)}/admins`, body);
  }
}
