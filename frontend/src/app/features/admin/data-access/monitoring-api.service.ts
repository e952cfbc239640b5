/** The admin monitoring overview (GET /api/v1/monitoring/overview). */
import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MonitoringOverview } from '@exam/contracts';
import type { Observable } from 'rxjs';
import { API_BASE } from '../../../core/api/api-base';

@Injectable({ providedIn: 'root' })
export class MonitoringApiService {
  private readonly http = inject(HttpClient);

  overview(): Observable<MonitoringOverview> {
    return this.http.get<MonitoringOverview>(`${API_BASE}/monitoring/overview`);
  }
}
