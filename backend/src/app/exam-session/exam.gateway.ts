/**
 * ExamGateway: the realtime entry point at /ws. Thin on purpose: the adapter has already
 * authenticated the socket and parsed the frame; handlers validate the payload, call a
 * service and reply. Live-session events are added by the exam-session module.
 */
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { CONNECTION_EVENTS, type HeartbeatReplyPayload } from '@exam/contracts';
import { WS_PATH } from '../realtime/exam-ws.adapter';
import { frame, type WsClient } from '../realtime/ws-client';

@WebSocketGateway({ path: WS_PATH })
export class ExamGateway {
  /** Application-level heartbeat: answers with the server clock so clients can measure offset. */
  @SubscribeMessage(CONNECTION_EVENTS.HEARTBEAT)
  heartbeat(@ConnectedSocket() client: WsClient, @MessageBody() data: unknown): void {
    const clientNow =
      typeof data === 'object' && data !== null
        ? (data as { clientNow?: unknown }).clientNow
        : undefined;
    const reply: HeartbeatReplyPayload = {
      serverNow: Date.now(),
      clientNow: typeof clientNow === 'number' ? clientNow : undefined,
    };
    client.send(frame(CONNECTION_EVENTS.HEARTBEAT, reply));
  }
}
