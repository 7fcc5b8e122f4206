// socket.io on the app's HTTP server. Sockets authenticate with the session cookie; anonymous
// sockets may join public rooms only (booth presence). Events from clients are validated with zod.
// With REDIS_URL the Redis adapter carries rooms and broadcasts across app instances.
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import { readSessionToken, userFromToken, type SessionUser } from "../app/auth/session.server.ts";
import { messageSchema, postMessage, threadAudience } from "../app/domain/chat/chat.server.ts";
import { DomainError } from "../app/lib/errors.ts";
import { logger } from "../app/lib/logger.server.ts";
import { isLocale } from "../app/i18n/index.ts";
import { serverTranslator } from "../app/i18n/all-catalogs.server.ts";

const boothRef = z.object({ boothId: z.string().min(1).max(64) });
const threadRef = z.object({ threadId: z.string().min(1).max(64) });
type Ack = (reply: Record<string, unknown>) => void;

export async function attachRealtime(
  http: HttpServer,
  opts: { redisUrl?: string } = {},
): Promise<{ io: Server; close(): Promise<void> }> {
  const io = new Server(http, { serveClient: false, cors: { origin: false }, maxHttpBufferSize: 16_384 });
  const closers: (() => Promise<unknown>)[] = [];
  if (opts.redisUrl) {
    const pub = createClient({ url: opts.redisUrl });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    closers.push(
      () => pub.quit(),
      () => sub.quit(),
    );
  }
  // Domain code publishes through this bus (app/realtime/bus.server.ts).
  globalThis.__cloudfairRealtime = {
    toUser: (userId, event, payload) => void io.to(`user:${userId}`).emit(event, payload),
  };

  io.use(async (socket, next) => {
    try {
      const user = await userFromToken(await readSessionToken(socket.handshake.headers.cookie ?? null));
      socket.data.user = user;
      next();
    } catch (err) {
      logger.warn({ err }, "socket auth failed");
      next(new Error("auth failed"));
    }
  });

  const presence = async (boothId: string) => {
    const sockets = await io.in(`booth:${boothId}`).fetchSockets();
    const people = new Set(sockets.map((s) => (s.data.user as SessionUser | null)?.id ?? `anon:${s.id}`));
    io.to(`booth:${boothId}`).emit("booth:presence", { boothId, count: people.size });
  };

  io.on("connection", (socket: Socket) => {
    const user: SessionUser | null = socket.data.user ?? null;
    if (user) void socket.join(`user:${user.id}`);
    const t = serverTranslator(isLocale(user?.locale) ? user.locale : "zh-CN");
    const fail = (ack: unknown, err: unknown) => {
      if (typeof ack !== "function") return;
      if (err instanceof DomainError)
        return (ack as Ack)({ ok: false, error: t(err.key, err.params), status: err.status });
      logger.error({ err }, "socket handler failed");
      (ack as Ack)({ ok: false, error: t("errorPage.500.title"), status: 500 });
    };

    socket.on("whoami", (ack: unknown) => typeof ack === "function" && (ack as Ack)({ userId: user?.id ?? null }));

    socket.on("booth:join", async (payload: unknown) => {
      const p = boothRef.safeParse(payload);
      if (!p.success) return;
      await socket.join(`booth:${p.data.boothId}`);
      await presence(p.data.boothId);
    });
    socket.on("booth:leave", async (payload: unknown) => {
      const p = boothRef.safeParse(payload);
      if (!p.success) return;
      await socket.leave(`booth:${p.data.boothId}`);
      await presence(p.data.boothId);
    });
    socket.on("disconnecting", () => {
      const booths = [...socket.rooms].filter((r) => r.startsWith("booth:")).map((r) => r.slice(6));
      setTimeout(() => booths.forEach((b) => void presence(b)), 0);
    });

    socket.on("chat:send", async (payload: unknown, ack: unknown) => {
      if (!user) return fail(ack, new DomainError("chat.error.signIn", 401));
      const p = messageSchema.safeParse(payload);
      if (!p.success)
        return fail(ack, new DomainError((p.error.issues[0]?.message ?? "error.formGeneric") as never, 400));
      try {
        const message = await postMessage(user, p.data);
        if (typeof ack === "function") (ack as Ack)({ ok: true, message });
      } catch (err) {
        fail(ack, err);
      }
    });
    socket.on("chat:typing", async (payload: unknown) => {
      const p = threadRef.safeParse(payload);
      if (!user || !p.success) return;
      try {
        for (const uid of await threadAudience(user, p.data.threadId))
          io.to(`user:${uid}`).emit("chat:typing", { threadId: p.data.threadId, name: user.name });
      } catch {
        /* not a participant: ignore */
      }
    });
  });
  return {
    io,
    async close() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      for (const c of closers) await c().catch(() => {});
    },
  };
}
