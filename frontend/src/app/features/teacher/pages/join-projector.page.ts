/**
 * /teacher/sessions/:id/projector: what the class sees on the board while it joins: where to
 * go, the code in large type, the QR code of the join link (it fills the code in), and how
 * many students are in the lobby. It has no menus and reads from the back of a room; it
 * checks the session every few seconds, so closing joining or launching shows here too.
 */
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
  type OnInit,
} from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { RouterLink } from '@angular/router';
import { codeAdmitsNow, joinLink, type ExamSessionView } from '@exam/contracts';
import { toApiError } from '../../../core/api/api-error';
import { ExamSessionsApiService } from '../data-access/exam-sessions-api.service';
import { qrDrawing, shownCode } from '../data-access/join-code-view';

/** How often the board checks the session (lobby count, joining closed, launched). */
export const PROJECTOR_REFRESH_MS = 3000;

@Component({
  selector: 'exam-join-projector-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <main class="board" id="main">
      <nav class="tools" aria-label="Projector">
        <a [routerLink]="['/teacher/sessions', id(), 'live']">← Live session</a>
        <button type="button" class="btn btn-small" (click)="fullScreen()">Full screen</button>
      </nav>
      @if (session(); as s) {
        <h1>{{ s.title }}</h1>
        @if (open()) {
          <div class="join">
            <div class="words">
              <p class="step">Go to</p>
              <p class="where" data-testid="projector-link">{{ where() }}</p>
              <p class="step">and type the code</p>
              <p class="code" data-testid="projector-code">{{ code() }}</p>
            </div>
            @if (qr(); as q) {
              <figure class="qr">
                <svg
                  [attr.viewBox]="'-4 -4 ' + (q.size + 8) + ' ' + (q.size + 8)"
                  role="img"
                  aria-labelledby="qr-caption"
                  shape-rendering="crispEdges"
                  data-testid="projector-qr"
                >
                  <rect
                    x="-4"
                    y="-4"
                    [attr.width]="q.size + 8"
                    [attr.height]="q.size + 8"
                    fill="#fff"
                  />
                  <path [attr.d]="q.path" fill="#000" />
                </svg>
                <figcaption id="qr-caption">Or scan this QR code with a tablet or phone</figcaption>
              </figure>
            }
          </div>
        } @else {
          <p class="closed" role="status">{{ closedText() }}</p>
        }
        <p class="count" role="status" aria-live="polite" data-testid="projector-count">
          {s.stats.connected, plural,
            =0 {Nobody is in the lobby yet}
            =1 {1 student is in the lobby}
            other {{{ s.stats.connected }} students are in the lobby}
          }
        </p>
      } @else if (error(); as e) {
        <p class="alert" role="alert">{{ e }}</p>
      } @else {
        <p class="muted" role="status">Loading…</p>
      }
    </main>
  `,
  styles: `
    :host {
      display: block;
      min-block-size: 100vh;
      background: #fff;
    }
    .board {
      max-inline-size: 90rem;
      margin-inline: auto;
      padding: 1rem clamp(1rem, 3vw, 3rem) 2rem;
      display: grid;
      gap: clamp(0.75rem, 2vh, 2rem);
      text-align: center;
    }
    .tools {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 1rem;
      text-align: start;
    }
    h1 {
      font-size: clamp(1.5rem, 4vw, 3.5rem);
      margin: 0;
    }
    .join {
      display: grid;
      justify-items: center;
      align-items: center;
      gap: clamp(1rem, 4vw, 5rem);
    }
    @media (min-width: 60rem) {
      .join {
        grid-template-columns: minmax(0, 1fr) auto;
      }
    }
    .words p {
      margin: 0;
    }
    .step {
      font-size: clamp(1.1rem, 2.5vw, 2.25rem);
      color: var(--muted, #4b5563);
    }
    .where {
      font-size: clamp(1.1rem, 3vw, 2.75rem);
      font-weight: 600;
      overflow-wrap: anywhere;
      margin-block-end: 0.5em !important;
    }
    .code {
      font-family: var(--mono);
      font-size: clamp(3rem, 9vw, 10rem);
      font-weight: 800;
      letter-spacing: 0.08em;
      line-height: 1.1;
    }
    .qr {
      margin: 0;
      display: grid;
      gap: 0.5rem;
      justify-items: center;
    }
    .qr svg {
      inline-size: min(70vw, 55vh, 26rem);
      block-size: auto;
    }
    .qr figcaption {
      font-size: clamp(1rem, 1.8vw, 1.5rem);
    }
    .closed {
      font-size: clamp(1.5rem, 5vw, 4rem);
      font-weight: 700;
      margin: 2rem 0;
    }
    .count {
      font-size: clamp(1.25rem, 3vw, 2.5rem);
      font-weight: 600;
      margin: 0;
    }
  `,
})
export class JoinProjectorPage implements OnInit {
  /** Route parameter. */
  readonly id = input.required<string>();
  private readonly api = inject(ExamSessionsApiService);
  private readonly document = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly session = signal<ExamSessionView | null>(null);
  protected readonly error = signal<string | null>(null);

  /** Joining works now: open, and before launch or with late joining. */
  protected readonly open = computed(() => {
    const s = this.session();
    if (!s?.joinOpen || !s.joinCode) return false;
    return codeAdmitsNow({
      status: s.status,
      allowLateJoin: s.config.allowLateJoin,
      closingAt: s.closingAt,
    });
  });
  protected readonly code = computed(() => shownCode(this.session()?.joinCode ?? ''));
  private readonly link = computed(() =>
    joinLink(this.document.location.origin, this.session()?.joinCode ?? ''),
  );
  /** The address without the code: what a student types into the browser. */
  protected readonly where = computed(() => `${this.document.location.host}/student/join`);
  protected readonly qr = computed(() => (this.open() ? qrDrawing(this.link()) : null));
  protected readonly closedText = computed(() => {
    const s = this.session();
    if (!s) return '';
    if (s.status === 'completed' || s.status === 'terminated') return 'This exam has ended.';
    if (s.status !== 'preparing' && s.joinOpen) return 'The exam has started: joining is closed.';
    return 'Joining is closed.';
  });

  ngOnInit(): void {
    this.load();
    const timer = setInterval(() => this.load(), PROJECTOR_REFRESH_MS);
    this.destroyRef.onDestroy(() => clearInterval(timer));
  }

  protected fullScreen(): void {
    void this.document.documentElement.requestFullscreen?.().catch(() => undefined);
  }

  private load(): void {
    this.api.get(this.id()).subscribe({
      next: (s) => {
        this.session.set(s);
        this.error.set(null);
      },
      error: (e: unknown) => {
        // Keep showing the last board through a blip; say why when there is none.
        if (!this.session()) this.error.set(toApiError(e).message);
      },
    });
  }
}
