import type { Socket } from 'node:net';
import type { WsClient } from './ws-client';

/**
 * The socket's send, corked: frames sent to a socket in the same turn (several heartbeats,
 * an ack and a progress push, many students' progress to a teacher) leave in one writev
 * instead of one system call each (one writev per frame was the largest single cost in
 * bench:echo's profile). Installed on every socket by the adapter; the wire tap's variant
 * also observes each frame (metrics, DEBUG=websocket:*) at the one place all of them pass.
 */
export function corkedSend(this: WsClient, data: unknown, options?: unknown, cb?: unknown): void {
  const socket = (this as unknown as { _socket?: CorkableSocket })._socket;
  if (socket && !socket.corkedByUs && !socket.destroyed) {
    socket.corkedByUs = true;
    socket.cork();
    process.nextTick(uncorkSocket, socket);
  }
  // The class's own send (platform-ws brings its own copy of ws: not the root package's).
  // Fixed arity (ws' own send takes data, options, cb): no rest array per frame.
  (Object.getPrototypeOf(this) as { send: (...args: unknown[]) => void }).send.call(
    this,
    data,
    options,
    cb,
  );
}

type CorkableSocket = Socket & { corkedByUs?: boolean };

function uncorkSocket(socket: CorkableSocket): void {
  socket.corkedByUs = false;
  socket.uncork();
}
