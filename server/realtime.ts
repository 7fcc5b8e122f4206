// socket.io on the app's HTTP server. Sockets authenticate with the session cookie; anonymous
// sockets may join public rooms only. Later issues add notifications and booth chat here.
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { readSessionToken, userFromToken } from "../app/auth/session.server.ts";
import { logger } from "../app/lib/logger.server.ts";

export function attachRealtime(http: HttpServer): Server {
  const io = new Server(http, { serveClient: false, cors: { origin: false } });
  io.use(async (socket, next) => {
    try {
      const user = await userFromToken(await readSessionToken(socket.handshake.headers.cookie ?? null));
      socket.data.userId = user?.id ?? null;
      next();
    } catch (err) {
      logger.warn({ err }, "socket auth failed");
      next(new Error("auth failed"));
    }
  });
  // Domain code publishes through this bus (app/realtime/bus.server.ts).
  globalThis.__cloudfairRealtime = { toUser: (userId, event, payload) => void io.to(`user:${userId}`).emit(event, payload) };
  io.on("connection", (socket) => {
    const userId: string | null = socket.data.userId;
    if (userId) void socket.join(`user:${userId}`);
    socket.on("whoami", (ack: unknown) => {
      if (typeof ack === "function") ack({ userId });
    });
  });
  return io;
}
