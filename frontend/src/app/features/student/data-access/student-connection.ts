/** What the student page says about its connection, from the facts the service has. Pure. */
import type { SocketStatus } from '../../../core/socket/socket.service';

/** How the page talks to the server right now. */
export type LiveMode = 'socket' | 'rest';

export type StudentConnection =
  'connecting' | 'live' | 'offline' | 'reconnecting' | 'failed' | 'slow';

export function connectionOf(
  online: boolean,
  mode: LiveMode,
  socket: SocketStatus,
  joined: boolean,
): StudentConnection {
  if (!online) return 'offline';
  if (mode === 'rest') return 'slow';
  switch (socket) {
    case 'open':
      return joined ? 'live' : 'connecting';
    case 'offline':
      return 'offline';
    case 'reconnecting':
      return 'reconnecting';
    case 'failed':
      return 'failed';
    case 'idle':
    case 'connecting':
    case 'authenticating':
      return 'connecting';
  }
}
