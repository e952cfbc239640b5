/** REST calls for planning exam sessions and their staff (live control goes elsewhere). */
import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateExamSessionRequest,
  ExamSessionView,
  ListExamSessionsQuery,
  Page,
  SessionJoinCode,
  SetSessionStaffRequest,
} from '@exam/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from '../../../core/api/api-base';

const SESSIONS = `${API_BASE}/exam-sessions`;

@Injectable({ providedIn: 'root' })
export class ExamSessionsApiService {
  private readonly http = inject(HttpClient);

  /** Teachers get the sessions they teach, with stats. */
  list(query: ListExamSessionsQuery): Observable<Page<ExamSessionView>> {
    let params = new HttpParams();
    if (query.status) params = params.set('status', query.status);
    if (query.examId) params = params.set('examId', query.examId);
    if (query.page) params = params.set('page', query.page);
    if (query.pageSize) params = params.set('pageSize', query.pageSize);
    return this.http.get<Page<ExamSessionView>>(SESSIONS, { params });
  }

  create(body: CreateExamSessionRequest): Observable<ExamSessionView> {
    return this.http.post<ExamSessionView>(SESSIONS, body);
  }

  /** Replaces the co-teachers and invigilators (any status); returns the updated session. */
  setStaff(id: string, body: SetSessionStaffRequest): Observable<ExamSessionView> {
    return this.http.put<ExamSessionView>(`${SESSIONS}/${id}/staff`, body);
  }

  /** One session with its plan, people and counts. */
  get(id: string): Observable<ExamSessionView> {
    return this.http.get<ExamSessionView>(`${SESSIONS}/${id}`);
  }

  /** Opens (a code is drawn the first time, then kept) or closes joining by code. */
  setJoinCode(id: string, open: boolean): Observable<SessionJoinCode> {
    return this.http.post<SessionJoinCode>(`${SESSIONS}/${id}/join-code`, { open });
  }

  /** Takes a student off a session that has not started (the lobby). */
  removeStudent(id: string, studentId: string): Observable<void> {
    return this.http.delete<void>(`${SESSIONS}/${id}/students/${studentId}`);
  }
}
