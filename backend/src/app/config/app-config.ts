/**
 * The typed configuration as a Nest provider. Everything reads settings through
 * `AppConfigService`, never from process.env directly.
 */
import { Injectable } from '@nestjs/common';
import type { AppConfig } from './env.schema';

export const APP_CONFIG = Symbol('APP_CONFIG');

@Injectable()
export class AppConfigService {
  constructor(private readonly cfg: AppConfig) {}

  get<K extends keyof AppConfig>(key: K): AppConfig[K] {
    return this.cfg[key];
  }

  get all(): Readonly<AppConfig> {
    return this.cfg;
  }

  /**
   * Several instances share PostgreSQL and Redis (REDIS_URL set; parseEnv refuses it beside
   * SQLite): no process's memory sees everything, the database and Redis arbitrate.
   */
  get severalInstances(): boolean {
    return Boolean(this.cfg.REDIS_URL);
  }

  get isProduction(): boolean {
    return this.cfg.NODE_ENV === 'production';
  }

  /** Whether a browser Origin header is allowed by ALLOWED_ORIGINS. */
  isOriginAllowed(origin: string | undefined): boolean {
    const list = this.cfg.ALLOWED_ORIGINS;
    if (!origin) return true; // non-browser clients (curl, integrators, server-to-server) send none
    if (list.includes('*')) return true;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    return list.some((entry) => {
      if (/^https?:\/\//i.test(entry))
        return entry.replace(/\/$/, '').toLowerCase() === origin.toLowerCase();
      return entry.toLowerCase() === host.toLowerCase();
    });
  }
}
