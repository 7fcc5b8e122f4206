// socket.io on the app's HTTP server. Sockets authenticate with the session cookie; anonymous
// sockets may join public rooms only (booth presence). Events from clients are validated with zod.
// With REDIS_URL the Redis adapter carries rooms and broadcasts across app instances.
// A socket lives no longer than its session (ADR 003): logout and password reset close it at once
// through the bus (rooms `session:<id>` and `user:<id>`, on every instance), an incoming event
// re-reads the session when the last check is older than SESSION_RECHECK_MS, and every
// SESSION_SWEEP_MS each instance re-reads the sessions of all its sockets in one query (listeners
// that never send anything). The re-read also refreshes the socket's user, so new roles apply.
import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server, type ServerOptions, type Socket } from "socket.io";
import { z } from "zod";
import {
  liveSessions,
  readSessionToken,
  sessionIdOf,
  userFromSession,
  type SessionUser,
} from "../app/auth/session.server.ts";
import { messageSchema, postMessage, threadAudience } from "../app/domain/chat/chat.server.ts";
import { DomainError } from "../app/lib/errors.ts";
import type { RealtimeBus } from "../app/realtime/bus.server.ts";
import { logger } from "../app/lib/logger.server.ts";
import { setMetricsProbe } from "../app/lib/metrics.server.ts";
import { isLocale } from "../app/i18n/index.ts";
import { serverTranslator } from "../app/i18n/all-catalogs.server.ts";
import { roadshowEvents } from "./realtime-roadshows.ts";

const boothRef = z.object({ boothId: z.string().min(1).max(64) });
const threadRef = z.object({ threadId: z.string().min(1).max(64) });
type Ack = (reply: Record<string, unknown>) => void;

/** An incoming event trusts a session check this recent; older, the session is read again. */
export const SESSION_RECHECK_MS = 3_000;
/** How often each instance re-reads the sessions of all its sockets. */
export const SESSION_SWEEP_MS = 15_000;

interface SocketData {
  user: SessionUser | null;
  /** The session the socket authenticated with (null: anonymous). */
  sessionId: string | null;
  checkedAt: number;
}

export async function attachRealtime(
  http: HttpServer,
  opts: {
    redisUrl?: string;
    sessionRecheckMs?: number;
    sessionSweepMs?: number;
    /** More socket.io options (a cluster worker's adapter and transports: server/workers.ts). */
    serverOptions?: Partial<ServerOptions>;
    /** Broadcasts for other instances kept while Redis is away; past it they are dropped (10,000). */
    redisQueueMax?: number;
  } = {},
): Promise<{ io: Server; close(): Promise<void>; redisDropped(): number }> {
  const recheckMs = opts.sessionRecheckMs ?? SESSION_RECHECK_MS;
  const sweepMs = opts.sessionSweepMs ?? SESSION_SWEEP_MS;
  const io = new Server(http, {
    serveClient: false,
    cors: { origin: false },
    maxHttpBufferSize: 16_384,
    ...opts.serverOptions,
  });
  const closers: (() => Promise<unknown>)[] = [];
  let dropped = 0;
  setMetricsProbe("sockets", () => io.of("/").sockets.size);
  if (opts.redisUrl) {
    const pub = createClient({ url: opts.redisUrl, commandsQueueMaxLength: opts.redisQueueMax ?? 10_000 });
    const sub = pub.duplicate();
    // Redis going away must not end the process: without a listener an 'error' event would throw.
    // Both clients reconnect on their own (sub subscribes again); meanwhile each instance still
    // delivers to its own sockets, and what pub was asked to publish waits in its offline queue, up
    // to redisQueueMax broadcasts (ADR 037): past it a broadcast for the other instances is dropped
    // (counted, logged once per outage) — chat is stored before it is sent, so history stays whole.
    // The adapter does not await its publishes, so a refused one must be caught here.
    const publish = pub.publish.bind(pub);
    let droppedWarned = false;
    pub.on("ready", () => (droppedWarned = false));
    (pub as { publish: (...args: Parameters<typeof publish>) => Promise<number> }).publish = (...args) =>
      publish(...args).catch((err: Error) => {
        dropped++;
        if (!droppedWarned)
          logger.warn({ err: err.message }, "socket.io: Redis away and its queue full; dropping broadcasts");
        droppedWarned = true;
        return 0;
      });
    for (const [role, client] of [
      ["pub", pub],
      ["sub", sub],
    ] as const) {
      let warned = false;
      client.on("error", (err: Error) => {
        if (!warned) logger.warn({ err: err.message, client: role }, "socket.io: Redis not reachable; reconnecting");
        warned = true;
      });
      client.on("ready", () => (warned = false));
    }
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    // QUIT waits for Redis; with Redis away it would never be sent, so shutdown just drops the socket.
    closers.push(
      () => (pub.isReady ? pub.quit() : pub.disconnect()),
      () => (sub.isReady ? sub.quit() : sub.disconnect()),
    );
  }
  // Domain code publishes through this bus (app/realtime/bus.server.ts).
  const bus: RealtimeBus = {
    toUser: (userId, event, payload) => void io.to(`user:${userId}`).emit(event, payload),
    disconnect: (target) =>
      io.in("sessionId" in target ? `session:${target.sessionId}` : `user:${target.userId}`).disconnectSockets(true),
  };
  globalThis.__cloudfairRealtime = bus;

  io.use(async (socket, next) => {
    try {
      const token = await readSessionToken(socket.handshake.headers.cookie ?? null);
      const sessionId = token ? sessionIdOf(token) : null;
      const user = sessionId ? await userFromSession(sessionId) : null;
      Object.assign(socket.data, { user, sessionId: user ? sessionId : null, checkedAt: Date.now() } as SocketData);
      next();
    } catch (err) {
      logger.warn({ err }, "socket auth failed");
      next(new Error("auth failed"));
    }
  });

  const sweep = setInterval(() => {
    const signedIn = [...io.of("/").sockets.values()].filter((s) => (s.data as SocketData).sessionId);
    if (signedIn.length === 0) return;
    const ids = [...new Set(signedIn.map((s) => (s.data as SocketData).sessionId!))];
    liveSessions(ids)
      .then((live) => {
        for (const s of signedIn) {
          const data = s.data as SocketData;
          const user = live.get(data.sessionId!);
          if (!user) s.disconnect(true);
          else Object.assign(data, { user, checkedAt: Date.now() });
        }
      })
      .catch((err) => logger.warn({ err }, "socket session sweep failed"));
  }, sweepMs);
  sweep.unref();
  closers.push(async () => clearInterval(sweep));

  const presence = async (boothId: string) => {
    const sockets = await io.in(`booth:${boothId}`).fetchSockets();
    const people = new Set(sockets.map((s) => (s.data.user as SessionUser | null)?.id ?? `anon:${s.id}`));
    io.to(`booth:${boothId}`).emit("booth:presence", { boothId, count: people.size });
  };

  io.on("connection", (socket: Socket) => {
    const data = socket.data as SocketData;
    const first = data.user;
    if (first) void socket.join([`user:${first.id}`, `session:${data.sessionId}`]);
    const t = serverTranslator(isLocale(first?.locale) ? first.locale : "zh-CN");
    const fail = (ack: unknown, err: unknown) => {
      if (typeof ack !== "function") return;
      if (err instanceof DomainError)
        return (ack as Ack)({ ok: false, error: t(err.key, err.params), status: err.status });
      logger.error({ err }, "socket handler failed");
      (ack as Ack)({ ok: false, error: t("errorPage.500.title"), status: 500 });
    };

    // Every incoming event first makes sure the session still stands; if it ended, the event is
    // refused (its ack says so) and the socket closed.
    socket.use(([, ...args], next) => {
      if (!data.sessionId || Date.now() - data.checkedAt < recheckMs) return next();
      userFromSession(data.sessionId)
        .then((user) => {
          if (user) {
            Object.assign(data, { user, checkedAt: Date.now() });
            return next();
          }
          data.user = null;
          const ack = args.at(-1);
          if (typeof ack === "function") (ack as Ack)({ ok: false, error: t("chat.error.signIn"), status: 401 });
          socket.disconnect(true);
        })
        .catch((err) => next(err instanceof Error ? err : new Error("session check failed")));
    });
    socket.on("error", (err) => logger.warn({ err }, "socket event refused"));

    socket.on("whoami", (ack: unknown) => typeof ack === "function" && (ack as Ack)({ userId: data.user?.id ?? null }));

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
      const user = data.user;
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
    roadshowEvents(io, socket, () => data.user, fail);
    socket.on("chat:typing", async (payload: unknown) => {
      const user = data.user;
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
      // Events published after this are dropped (as without a server), not sent to a closed client.
      if (globalThis.__cloudfairRealtime === bus) globalThis.__cloudfairRealtime = undefined;
      await new Promise<void>((resolve) => io.close(() => resolve()));
      for (const c of closers) await c().catch(() => {});
    },
    redisDropped: () => dropped,
  };
}
