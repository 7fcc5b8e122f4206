// Domain code publishes realtime events here; server/realtime.ts connects it to socket.io rooms
// (across instances with the Redis adapter). Without a server (tests, scripts) events are dropped —
// the persisted rows are the source of truth.
export interface RealtimeBus {
  toUser(userId: string, event: string, payload: unknown): void;
}

declare global {
  var __cloudfairRealtime: RealtimeBus | undefined;
}

export function emitToUser(userId: string, event: string, payload: unknown): void {
  globalThis.__cloudfairRealtime?.toUser(userId, event, payload);
}
