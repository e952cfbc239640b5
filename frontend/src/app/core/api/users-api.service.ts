/**
 * REST calls for the academy's user accounts (admins create, deactivate and reactivate them;
 * admins and teachers list them).
 */
import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateUserRequest, Page, Role, UserView } from '@exam/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from './api-base';

export interface UserQuery {
  role?: Role;
  search?: string;
  page?: number;
  pageSize?: number;
}

@Injectable({ providedIn: 'root' })
export class UsersApiService {
  private readonly http = inject(HttpClient);

  list(query: UserQuery): Observable<Page<UserView>> {
    let params = new HttpParams();
    if (query.role) params = params.set('role', query.role);
    const search = query.search?.trim();
    if (search) params = params.set('search', search);
    if (query.page) params = params.set('page', query.page);
    if (query.pageSize) params = params.set('pageSize', query.pageSize);
    return this.http.get<Page<UserView>>(`${API_BASE}/users`, { params });
  }

  create(body: CreateUserRequest): Observable<UserView> {
    return this.http.post<UserView>(`${API_BASE}/users`, body);
  }

  /** Admins: signs the person out everywhere and refuses their sign-in; nothing is deleted. */
  deactivate(id: string): Observable<UserView> {
    return this.http.post<UserView>(`${API_BASE}/users/${id}/deactivate`, {});
  }

  reactivate(id: string): Observable<UserView> {
    return this.http.post<UserView>(`${API_BASE}/users/${id}/reactivate`, {});
  }
}
