/**
 * The student's test-taker tools while an exam page is open. The server's copy is the truth
 * (it follows the student to any device); this device keeps a copy so a reload shows the
 * tools at once, before the server answers, and so a change made offline is sent when the
 * connection returns. While staff have fixed the tools the student sees them but cannot
 * change them. `apply` writes the tools onto <html> (tools.css) for every page of the exam.
 * A change made elsewhere (staff, or the student's other device) arrives live as
 * `tools_changed` and applies at once.
 */
import { HttpClient } from '@angular/common/http';
import { DOCUMENT, DestroyRef, Injectable, inject, signal } from '@angular/core';
import {
  DEFAULT_TEST_TAKER_TOOLS,
  TOOLS_EVENTS,
  readTestTakerTools,
  type TestTakerTools,
  type TestTakerToolsView,
} from '@exam/contracts';
import { API_BASE } from '../../../core/api/api-base';
import { toApiError } from '../../../core/api/api-error';
import { SocketService } from '../../../core/socket/socket.service';
import { toolAttributes } from './tool-attributes';

const URL = `${API_BASE}/me/test-taker-tools`;

export const SAVED_ON_DEVICE =
  'Saved on this device only for now: it is saved for your other devices when the connection returns.';

interface DeviceCopy {
  tools: TestTakerTools;
  mayChange: boolean;
  /** Changed here and not yet accepted by the server. */
  pending: boolean;
}

@Injectable()
export class TestTakerToolsState {
  private readonly http = inject(HttpClient);
  private readonly socket = inject(SocketService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly doc = inject(DOCUMENT);
  private readonly storage = this.doc.defaultView?.localStorage ?? null;
  private key = '';

  readonly tools = signal<TestTakerTools>({ ...DEFAULT_TEST_TAKER_TOOLS });
  readonly mayChange = signal(true);
  /** A sentence when the last change could not reach the server, or was refused. */
  readonly problem = signal<string | null>(null);

  /** Shows this device's copy at once, then the server's (or sends a change made offline). */
  start(userId: string): void {
    const live = this.socket
      .on(TOOLS_EVENTS.TOOLS_CHANGED, parseView)
      .subscribe((f) => this.take(f.data));
    this.destroyRef.onDestroy(() => live.unsubscribe());
    this.key = `exam-room.tools.${userId}`;
    const kept = this.readCopy();
    if (kept) {
      this.tools.set(kept.tools);
      this.mayChange.set(kept.mayChange);
    }
    this.apply();
    this.http.get<TestTakerToolsView>(URL).subscribe({
      next: (v) => {
        if (kept?.pending && v.studentMayChange) this.send(kept.tools);
        else this.take(v);
      },
      error: () => undefined,
    });
  }

  /** The student changes one tool (ignored while staff have fixed them). */
  set<K extends keyof TestTakerTools>(key: K, value: TestTakerTools[K]): void {
    if (!this.mayChange()) return;
    const next = { ...this.tools(), [key]: value };
    this.tools.set(next);
    this.apply();
    this.writeCopy(true);
    this.send(next);
  }

  /** Writes the tools onto <html>. */
  apply(): void {
    const root = this.doc.documentElement;
    for (const [name, value] of Object.entries(toolAttributes(this.tools()))) {
      if (value === null) root.removeAttribute(name);
      else root.setAttribute(name, value);
    }
  }

  /** Leaving the exam: the rest of the app looks as usual. */
  clear(): void {
    const root = this.doc.documentElement;
    for (const name of Object.keys(toolAttributes(DEFAULT_TEST_TAKER_TOOLS))) {
      root.removeAttribute(name);
    }
  }

  private send(tools: TestTakerTools): void {
    this.http.put<TestTakerToolsView>(URL, { tools }).subscribe({
      next: (v) => {
        this.problem.set(null);
        // A later change may be on its way: only the newest choice is shown.
        if (sameTools(v.tools, this.tools())) this.take(v);
      },
      error: (e: unknown) => {
        const err = toApiError(e);
        if (err.code === 'TOOLS_FIXED') {
          this.problem.set(err.message);
          this.http.get<TestTakerToolsView>(URL).subscribe({
            next: (v) => this.take(v),
            error: () => undefined,
          });
        } else {
          this.problem.set(err.status === 0 ? SAVED_ON_DEVICE : err.message);
        }
      },
    });
  }

  private take(v: TestTakerToolsView): void {
    this.tools.set(readTestTakerTools(v.tools));
    this.mayChange.set(v.studentMayChange);
    this.apply();
    this.writeCopy(false);
  }

  private readCopy(): DeviceCopy | null {
    try {
      const v = JSON.parse(this.storage?.getItem(this.key) ?? 'null') as Partial<DeviceCopy> | null;
      if (!v || typeof v !== 'object') return null;
      return {
        tools: readTestTakerTools(v.tools),
        mayChange: v.mayChange !== false,
        pending: v.pending === true,
      };
    } catch {
      return null;
    }
  }

  private writeCopy(pending: boolean): void {
    const copy: DeviceCopy = { tools: this.tools(), mayChange: this.mayChange(), pending };
    try {
      this.storage?.setItem(this.key, JSON.stringify(copy));
    } catch {
      // storage full or blocked: the server keeps them
    }
  }
}

function sameTools(a: TestTakerTools, b: TestTakerTools): boolean {
  return (Object.keys(DEFAULT_TEST_TAKER_TOOLS) as Array<keyof TestTakerTools>).every(
    (k) => a[k] === b[k],
  );
}

/** A tools_changed payload, or undefined when it is not one. */
function parseView(data: unknown): TestTakerToolsView | undefined {
  const d = data as Partial<TestTakerToolsView> | null;
  if (!d || typeof d !== 'object' || typeof d.tools !== 'object' || d.tools === null)
    return undefined;
  return {
    tools: readTestTakerTools(d.tools),
    studentMayChange: d.studentMayChange !== false,
    setBy: d.setBy === 'student' || d.setBy === 'staff' ? d.setBy : null,
    updatedAt: typeof d.updatedAt === 'string' ? d.updatedAt : null,
  };
}
