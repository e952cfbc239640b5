/** REST calls for exams: list, read, create, replace, duplicate, delete and GIFT import. */
import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateExamRequest,
  ExamPage,
  ExamView,
  GiftImportRequest,
  GiftImportResponse,
  ListExamsQuery,
  UpdateExamRequest,
} from '@exam/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from '../../../core/api/api-base';

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
}
