/** The live-connection indicator in the header: a coloured dot plus words, never colour alone. */
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { SocketService, type SocketStatus } from '../socket/socket.service';

const LABELS: Record<SocketStatus, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  authenticating: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  failed: 'Disconnected',
};

type Tone = 'ok' | 'busy' | 'bad' | 'none';

const TONES: Record<SocketStatus, Tone> = {
  idle: 'none',
  connecting: 'busy',
  authenticating: 'busy',
  open: 'ok',
  reconnecting: 'busy',
  offline: 'bad',
  failed: 'bad',
};

@Component({
  selector: 'exam-connection-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="conn" [attr.data-tone]="tone()" role="status" aria-live="polite">
      <span class="dot" aria-hidden="true"></span>
      <span class="conn-label">
        <span class="visually-hidden">Live connection: </span>{{ label() }}
      </span>
      @if (socket.status() === 'failed') {
        <button type="button" class="btn btn-small" (click)="socket.retry()">Retry</button>
      }
    </div>
  `,
  styles: `
    .conn {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      font-size: 0.875rem;
      color: var(--text-muted);
      white-space: nowrap;
    }
    .dot {
      inline-size: 0.65rem;
      block-size: 0.65rem;
      border-radius: 50%;
      background: var(--text-muted);
      flex: none;
    }
    [data-tone='ok'] .dot {
      background: var(--success);
    }
    [data-tone='busy'] .dot {
      background: var(--warning);
    }
    [data-tone='bad'] .dot {
      background: var(--danger);
    }
    [data-tone='bad'] .conn-label {
      color: var(--danger);
      font-weight: 600;
    }
  `,
})
export class ConnectionStatusComponent {
  protected readonly socket = inject(SocketService);
  protected readonly label = computed(() => {
    const status = this.socket.status();
    if (status === 'reconnecting' && this.socket.attempt() > 0) {
      return `Reconnecting (${this.socket.attempt()}/${this.socket.maxAttempts})…`;
    }
    return LABELS[status];
  });
  protected readonly tone = computed(() => TONES[this.socket.status()]);
}
