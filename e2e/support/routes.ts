/** The routes the running Nest app really serves, read from the Express router (not a hand-written list). */
import type { INestApplication } from '@nestjs/common';

export interface AppRoute {
  method: string;
  /** Express path, e.g. /api/v1/exams/:id */
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

export function appRoutes(app: INestApplication): AppRoute[] {
  const inst = app.getHttpAdapter().getInstance() as {
    router?: { stack: Layer[] };
    _router?: { stack: Layer[] };
  };
  const stack = (inst.router ?? inst._router)?.stack ?? [];
  const seen = new Set<string>();
  const out: AppRoute[] = [];
  for (const l of stack) {
    if (!l.route) continue;
    const methods = Object.keys(l.route.methods).filter((m) => l.route!.methods[m]);
    // Middleware mounted with app.all()/use() shows up with every method: not an endpoint.
    if (methods.length !== 1) continue;
    const path = l.route.path.length > 1 ? l.route.path.replace(/\/$/, '') : l.route.path;
    const k = `${methods[0]} ${path}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ method: methods[0], path });
  }
  return out;
}
