/**
 * REST calls around live sessions: the session lists and views, and the REST mirrors of the
 * live protocol (snapshot, answers, submit, teacher commands). The mirrors carry the same
 * rules as the WebSocket events, and are the fallback where WebSockets are blocked; and the
 * stored activity feed of a session for its staff.
 */
import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AddTimeBody,
  AnswerAckPayload,
  AnswerBody,
  BroadcastLevel,
  CompleteMode,
  ExamSessionView,
  ExamView,
  ExamSubmitPayload,
  IntegrityAckPayload,
  JoinByCodeResponse,
  LiveSnapshot,
  MyExamSessionView,
  Page,
  SessionActivityPage,
  SessionCommandResult,
  SessionEventsResponse,
  ReportedSignal,
  StudentTimeline,
} from '@exam/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from './api-base';

export type SessionCommandName = 'launch' | 'pause' | 'resume' | 'complete' | 'terminate';

@Injectable({ providedIn: 'root' })
export class LiveSessionApiService {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_BASE}/exam-sessions`;

  /** A student's own sessions. */
  mySessions(): Observable<Page<MyExamSessionView>> {
    return this.http.get<Page<MyExamSessionView>>(this.base, { params: { pageSize: 100 } });
  }

  mySession(id: string): Observable<MyExamSessionView> {
    return this.http.get<MyExamSessionView>(`${this.base}/${id}`);
  }

  session(id: string): Observable<ExamSessionView> {
    return this.http.get<ExamSessionView>(`${this.base}/${id}`);
  }

  /** The exam behind a session (teachers): used to number questions in the live grid. */
  exam(examId: string): Observable<ExamView> {
    return this.http.get<ExamView>(`${API_BASE}/exams/${examId}`);
  }

  snapshot(id: string): Observable<LiveSnapshot> {
    return this.http.get<LiveSnapshot>(`${this.base}/${id}/snapshot`);
  }

  /** The missed events after afterSeq (REST fallback of a resume). */
  events(id: string, afterSeq: number): Observable<SessionEventsResponse> {
    return this.http.get<SessionEventsResponse>(`${this.base}/${id}/events`, {
      params: { afterSeq },
    });
  }

  answer(id: string, body: AnswerBody): Observable<AnswerAckPayload> {
    return this.http.post<AnswerAckPayload>(`${this.base}/${id}/answers`, body);
  }

  submit(id: string): Observable<ExamSubmitPayload> {
    return this.http.post<ExamSubmitPayload>(`${this.base}/${id}/submit`, {});
  }

  /** A student joins an exam with the code the teacher shows. */
  joinByCode(code: string): Observable<JoinByCodeResponse> {
    return this.http.post<JoinByCodeResponse>(`${this.base}/join`, { code });
  }

  /** Integrity signals the exam page saw (REST mirror of integrity_signal). */
  reportSignals(id: string, signals: ReportedSignal[]): Observable<IntegrityAckPayload> {
    return this.http.post<IntegrityAckPayload>(`${this.base}/${id}/integrity-signals`, {
      signals,
    });
  }

  /** A student's timeline in a session (staff): signals beside answers and connections. */
  timeline(id: string, studentId: string): Observable<StudentTimeline> {
    return this.http.get<StudentTimeline>(`${this.base}/${id}/students/${studentId}/timeline`);
  }

  command(
    id: string,
    command: SessionCommandName,
    reason?: string,
  ): Observable<SessionCommandResult> {
    return this.http.post<SessionCommandResult>(
      `${this.base}/${id}/${command}`,
      reason ? { reason } : {},
    );
  }

  /**
   * Ends the exam: `now` ends every attempt at once; `own_time` lets everyone already working
   * finish their own time (nobody new starts; it completes by itself when the last is done).
   */
  complete(id: string, mode: CompleteMode): Observable<SessionCommandResult> {
    return this.http.post<SessionCommandResult>(`${this.base}/${id}/complete`, { mode });
  }

  /** The session's stored activity (staff), newest first; page back with beforeId. */
  activity(
    id: string,
    q: { beforeId?: number; limit?: number } = {},
  ): Observable<SessionActivityPage> {
    const params: Record<string, number> = {};
    if (q.beforeId !== undefined) params['beforeId'] = q.beforeId;
    if (q.limit !== undefined) params['limit'] = q.limit;
    return this.http.get<SessionActivityPage>(`${this.base}/${id}/activity`, { params });
  }

  addTime(id: string, body: AddTimeBody): Observable<SessionCommandResult> {
    return this.http.post<SessionCommandResult>(`${this.base}/${id}/add-time`, body);
  }

  broadcast(
    id: string,
    body: { message: string; level: BroadcastLevel; studentIds?: string[] },
  ): Observable<{ seq: number }> {
    return this.http.post<{ seq: number }>(`${this.base}/${id}/broadcast`, body);
  }
}
