// Domain code publishes realtime events here; server/realtime.ts connects it to socket.io rooms
// (across instances with the Redis adapter). Without a server (tests, scripts) events are dropped —
// the persisted rows are the source of truth.
export interface RealtimeBus {
  toUser(userId: string, event: string, payload: unknown): void;
  /** Closes the open sockets of one session, or of every session of a user, on every instance. */
  disconnect(target: SocketsOf): void;
}
export type SocketsOf = { sessionId: string } | { userId: string };

declare global {
  var __cloudfairRealtime: RealtimeBus | undefined;
}

export function emitToUser(userId: string, event: string, payload: unknown): void {
  globalThis.__cloudfairRealtime?.toUser(userId, event, payload);
}

/**
 * Call when sessions end or a user's rights change (logout, password reset, a membership added or
 * removed): their sockets are closed now instead of at the next session check (≤ 15 s).
 */
export function disconnectSockets(target: SocketsOf): void {
  globalThis.__cloudfairRealtime?.disconnect(target);
}
