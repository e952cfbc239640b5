/** Small HTTP helpers over fetch for black-box API tests. */
import type { LoginResponse } from '@exam/contracts';

export const DEMO_PASSWORD = 'demo1234';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function api<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) {
    body = opts.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function login(
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<LoginResponse> {
  const r = await api<LoginResponse>(baseUrl, 'POST', '/api/v1/auth/login', {
    body: { email, password },
  });
  if (r.status !== 200)
    throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
