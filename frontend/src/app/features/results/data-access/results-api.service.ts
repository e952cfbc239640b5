/**
 * REST calls of the results features (teachers): the grid, one attempt, one question,
 * manual grading, regrade, release, statistics and the CSV downloads. Students read their
 * own result through MyResultApiService.
 */
import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AttemptReview,
  GradeRequest,
  GradeResponse,
  GradingOrder,
  GradingQueue,
  ListResultsQuery,
  MyResult,
  QuestionResponsesView,
  RegradePreview,
  RegradeRecord,
  RegradeRequest,
  RegradeResult,
  ResultsRelease,
  ResultsReleaseMode,
  SessionResultsView,
  SessionStatisticsView,
} from '@exam/contracts';
import { map, type Observable } from 'rxjs';
import { API_BASE } from '../../../core/api/api-base';

const base = (id: string) => `${API_BASE}/exam-sessions/${encodeURIComponent(id)}`;

export type CsvExport = 'results' | 'responses' | 'statistics' | 'signals';

@Injectable({ providedIn: 'root' })
export class ResultsApiService {
  private readonly http = inject(HttpClient);

  results(id: string, q: ListResultsQuery = {}): Observable<SessionResultsView> {
    let params = new HttpParams();
    for (const [k, v] of Object.entries(q)) {
      if (v !== undefined && v !== null && v !== '') params = params.set(k, String(v));
    }
    return this.http.get<SessionResultsView>(`${base(id)}/results`, { params });
  }

  attempt(id: string, attemptId: string): Observable<AttemptReview> {
    return this.http.get<AttemptReview>(
      `${base(id)}/results/attempts/${encodeURIComponent(attemptId)}`,
    );
  }

  question(id: string, questionId: string): Observable<QuestionResponsesView> {
    return this.http.get<QuestionResponsesView>(
      `${base(id)}/results/questions/${encodeURIComponent(questionId)}`,
    );
  }

  grading(
    id: string,
    order: GradingOrder = 'question',
    state: 'pending' | 'all' = 'all',
  ): Observable<GradingQueue> {
    const params = new HttpParams().set('order', order).set('state', state);
    return this.http.get<GradingQueue>(`${base(id)}/grading`, { params });
  }

  grade(id: string, body: GradeRequest): Observable<GradeResponse> {
    return this.http.post<GradeResponse>(`${base(id)}/grades`, body);
  }

  previewRegrade(id: string, body: RegradeRequest): Observable<RegradePreview> {
    return this.http.post<RegradePreview>(`${base(id)}/regrade/preview`, body);
  }

  regrade(id: string, body: RegradeRequest): Observable<RegradeResult> {
    return this.http.post<RegradeResult>(`${base(id)}/regrade`, body);
  }

  regrades(id: string): Observable<RegradeRecord[]> {
    return this.http.get<RegradeRecord[]>(`${base(id)}/regrades`);
  }

  release(id: string, mode: ResultsReleaseMode): Observable<ResultsRelease> {
    return this.http.put<ResultsRelease>(`${base(id)}/release`, { mode });
  }

  statistics(id: string): Observable<SessionStatisticsView> {
    return this.http.get<SessionStatisticsView>(`${base(id)}/statistics`);
  }

  /** The CSV as a file (fetched with the caller's token, then handed to the browser). */
  csv(id: string, kind: CsvExport): Observable<{ blob: Blob; fileName: string }> {
    return this.http
      .get(`${base(id)}/export/${kind}.csv`, { responseType: 'blob', observe: 'response' })
      .pipe(
        map((res) => {
          const disposition = res.headers.get('content-disposition') ?? '';
          const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${kind}.csv`;
          return { blob: res.body ?? new Blob([]), fileName };
        }),
      );
  }
}

/** The student's own released result. */
@Injectable({ providedIn: 'root' })
export class MyResultApiService {
  private readonly http = inject(HttpClient);

  get(id: string): Observable<MyResult> {
    return this.http.get<MyResult>(`${base(id)}/my-result`);
  }
}
