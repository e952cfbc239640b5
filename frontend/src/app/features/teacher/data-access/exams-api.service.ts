/**
 * REST calls for exams: list, read, create, replace, duplicate, delete; import from GIFT,
 * Moodle XML or a QTI 3 package; export as GIFT or a QTI 3 package.
 */
import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateExamRequest,
  ExamPage,
  ExamView,
  GiftImportRequest,
  GiftImportResponse,
  ListExamsQuery,
  MoodleXmlImportRequest,
  UpdateExamRequest,
} from '@exam/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from '../../../core/api/api-base';

/**
 * What every import answers: the exam and the report (GIFT, Moodle XML and QTI share its
 * shape; the type names of the source format differ).
 */
export interface QuestionImportResponse {
  exam: ExamView;
  report: {
    found: number;
    imported: number;
    skipped: Array<{
      index: number;
      line?: number;
      column?: number;
      code?: string;
      title?: string;
      giftType?: string;
      moodleType?: string;
      reason: string;
    }>;
    dropped?: Array<{
      index: number;
      line?: number;
      title?: string;
      parts: Array<{ part: string; detail: string }>;
    }>;
  };
}

const EXAMS = `${API_BASE}/exams`;

@Injectable({ providedIn: 'root' })
export class ExamsApiService {
  private readonly http = inject(HttpClient);

  list(query: ListExamsQuery): Observable<ExamPage> {
    let params = new HttpParams();
    const search = query.search?.trim();
    if (search) params = params.set('search', search);
    if (query.active !== undefined) params = params.set('active', query.active);
    if (query.authorId) params = params.set('authorId', query.authorId);
    if (query.page) params = params.set('page', query.page);
    if (query.pageSize) params = params.set('pageSize', query.pageSize);
    return this.http.get<ExamPage>(EXAMS, { params });
  }

  get(id: string): Observable<ExamView> {
    return this.http.get<ExamView>(`${EXAMS}/${encodeURIComponent(id)}`);
  }

  create(body: CreateExamRequest): Observable<ExamView> {
    return this.http.post<ExamView>(EXAMS, body);
  }

  update(id: string, body: UpdateExamRequest): Observable<ExamView> {
    return this.http.put<ExamView>(`${EXAMS}/${encodeURIComponent(id)}`, body);
  }

  duplicate(id: string, title?: string): Observable<ExamView> {
    return this.http.post<ExamView>(
      `${EXAMS}/${encodeURIComponent(id)}/duplicate`,
      title ? { title } : {},
    );
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${EXAMS}/${encodeURIComponent(id)}`);
  }

  importGift(body: GiftImportRequest): Observable<GiftImportResponse> {
    return this.http.post<GiftImportResponse>(`${EXAMS}/import/gift`, body);
  }

  importMoodleXml(body: MoodleXmlImportRequest): Observable<QuestionImportResponse> {
    return this.http.post<QuestionImportResponse>(`${EXAMS}/import/moodle-xml`, body);
  }

  /** A QTI 3 content package (.zip) as it is; title and duration in the query. */
  importQti(
    file: Blob,
    meta: { title?: string; durationMinutes?: number },
  ): Observable<QuestionImportResponse> {
    let params = new HttpParams();
    if (meta.title) params = params.set('title', meta.title);
    if (meta.durationMinutes !== undefined)
      params = params.set('durationMinutes', meta.durationMinutes);
    return this.http.post<QuestionImportResponse>(`${EXAMS}/import/qti`, file, {
      params,
      headers: { 'content-type': 'application/zip' },
    });
  }

  /** The exam as a file: GIFT text or a QTI 3 package. */
  export(id: string, format: 'gift' | 'qti'): Observable<Blob> {
    return this.http.get(`${EXAMS}/${encodeURIComponent(id)}/export/${format}`, {
      responseType: 'blob',
    });
  }
}
