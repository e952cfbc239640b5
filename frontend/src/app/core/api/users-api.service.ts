/**
 * REST calls for the academy's user accounts (admins create, edit, deactivate and reactivate
 * them, set a new password and import a class from CSV; admins and teachers list them).
 */
import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateUserRequest,
  ImportUsersReport,
  ImportUsersRequest,
  Page,
  ResetPasswordRequest,
  Role,
  UpdateUserRequest,
  UserView,
} from '@exam/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from './api-base';

export interface UserQuery {
  role?: Role;
  search?: string;
  /** true: only active accounts; false: only deactivated ones; missing: both. */
  active?: boolean;
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
    if (query.active !== undefined) params = params.set('active', query.active);
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

  /** Admins: name, email or (students) extra time; sessions still being planned take it. */
  update(id: string, body: UpdateUserRequest): Observable<UserView> {
    return this.http.patch<UserView>(`${API_BASE}/users/${id}`, body);
  }

  /** Admins: a new password for someone who forgot theirs; every login of theirs ends. */
  resetPassword(id: string, password: string): Observable<UserView> {
    const body: ResetPasswordRequest = { password };
    return this.http.post<UserView>(`${API_BASE}/users/${id}/reset-password`, body);
  }

  /** Admins: a class from CSV; `dryRun` checks every row and creates nothing. */
  importClass(body: ImportUsersRequest): Observable<ImportUsersReport> {
    return this.http.post<ImportUsersReport>(`${API_BASE}/users/import`, body);
  }
}
