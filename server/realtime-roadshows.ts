// socket.io events of a roadshow's live room (docs/decisions/031-roadshows.md): viewer count, chat,
// Q&A with upvotes and moderation, raised hands, the stage, presenter controls and spotlight.
// Every payload is validated with zod (app/domain/roadshows/live.server.ts schemas) and every
// event checks who is asking in the domain function it calls. Rooms: `roadshow:<id>` (everyone
// watching) and `roadshow-mod:<id>` (people who may moderate: they also see hidden questions).
import type { Server, Socket } from "socket.io";
import type { SessionUser } from "../app/auth/session.server.ts";
import {
  ask,
  listQuestions,
  moderate,
  raiseHand,
  schemas,
  setStage,
  stageState,
  upvote,
} from "../app/domain/roadshows/live.server.ts";
import { canModerate, control, setSpotlight, visibleRoadshow } from "../app/domain/roadshows/roadshows.server.ts";
import { db } from "../app/db/client.server.ts";
import { DomainError } from "../app/lib/errors.ts";
import type { ZodTypeAny, z } from "zod";

type Ack = (reply: Record<string, unknown>) => void;
const CHAT_EVERY_MS = 700;

export function roadshowEvents(
  io: Server,
  socket: Socket,
  userOf: () => SessionUser | null,
  fail: (ack: unknown, err: unknown) => void,
) {
  const room = (id: string) => `roadshow:${id}`;
  const modRoom = (id: string) => `roadshow-mod:${id}`;
  let lastChat = 0;

  const viewers = async (id: string) => {
    const sockets = await io.in(room(id)).fetchSockets();
    const people = new Set(sockets.map((s) => (s.data.user as SessionUser | null)?.id ?? s.id));
    io.to(room(id)).emit("roadshow:viewers", { roadshowId: id, count: people.size });
  };
  const broadcastQuestions = async (id: string) => {
    io.to(room(id)).emit("roadshow:questions", { roadshowId: id, questions: await listQuestions(id, null, false) });
    io.to(modRoom(id)).emit("roadshow:questions:mod", {
      roadshowId: id,
      questions: await listQuestions(id, null, true),
    });
  };
  const broadcastStage = async (id: string) => {
    const s = await stageState(id);
    if (s) io.to(room(id)).emit("roadshow:stage", { roadshowId: id, ...s });
  };

  /** Validates, requires sign-in, runs, answers the ack; errors become localized 4xx acks. */
  const on = <S extends ZodTypeAny>(
    event: string,
    schema: S,
    run: (user: SessionUser, p: z.infer<S>) => Promise<Record<string, unknown> | void>,
  ) =>
    socket.on(event, async (payload: unknown, ack: unknown) => {
      const user = userOf();
      if (!user) return fail(ack, new DomainError("chat.error.signIn", 401));
      const p = schema.safeParse(payload);
      if (!p.success)
        return fail(ack, new DomainError((p.error.issues[0]?.message ?? "error.formGeneric") as never, 400));
      try {
        const reply = await run(user, p.data);
        if (typeof ack === "function") (ack as Ack)({ ok: true, ...(reply ?? {}) });
      } catch (err) {
        fail(ack, err);
      }
    });

  on("roadshow:join", schemas.ref, async (user, { roadshowId }) => {
    const r = await visibleRoadshow(user, null, roadshowId);
    const moderator = canModerate(user, r);
    if (!moderator) {
      const reg = await db().roadshowRegistration.findUnique({
        where: { roadshowId_userId: { roadshowId, userId: user.id } },
        select: { id: true },
      });
      if (!reg) throw new DomainError("roadshow.error.notRegistered", 403);
    }
    await socket.join(moderator ? [room(roadshowId), modRoom(roadshowId)] : [room(roadshowId)]);
    setTimeout(() => void viewers(roadshowId), 0);
    return {
      moderator,
      questions: await listQuestions(roadshowId, user.id, moderator),
      stage: await stageState(roadshowId),
    };
  });
  on("roadshow:leave", schemas.ref, async (_user, { roadshowId }) => {
    await socket.leave(room(roadshowId));
    await socket.leave(modRoom(roadshowId));
    await viewers(roadshowId);
  });
  socket.on("disconnecting", () => {
    const ids = [...socket.rooms].filter((r) => r.startsWith("roadshow:")).map((r) => r.slice(9));
    setTimeout(() => ids.forEach((id) => void viewers(id)), 0);
  });

  const joined = (id: string) => {
    if (!socket.rooms.has(room(id))) throw new DomainError("roadshow.error.notRegistered", 403);
  };

  on("roadshow:chat", schemas.chat, async (user, { roadshowId, text }) => {
    joined(roadshowId);
    const now = Date.now();
    if (now - lastChat < CHAT_EVERY_MS) throw new DomainError("roadshow.error.slowDown", 429);
    lastChat = now;
    io.to(room(roadshowId)).emit("roadshow:chat", {
      roadshowId,
      id: `${socket.id}-${now}`,
      name: user.name,
      text,
      at: now,
    });
  });
  on("roadshow:ask", schemas.ask, async (user, { roadshowId, text }) => {
    joined(roadshowId);
    const q = await ask(user, roadshowId, text);
    await broadcastQuestions(roadshowId);
    return { id: q.id };
  });
  on("roadshow:upvote", schemas.upvote, async (user, { questionId }) => {
    const { roadshowId } = await upvote(user, questionId);
    await broadcastQuestions(roadshowId);
  });
  on("roadshow:moderate", schemas.moderate, async (user, { questionId, action }) => {
    const { roadshowId } = await moderate(user, questionId, action);
    await broadcastQuestions(roadshowId);
  });
  on("roadshow:hand", schemas.hand, async (user, { roadshowId, raised }) => {
    joined(roadshowId);
    await raiseHand(user, roadshowId, raised);
    await broadcastStage(roadshowId);
  });
  on("roadshow:stage", schemas.stage, async (user, { roadshowId, userId, on: up }) => {
    await setStage(user, roadshowId, userId, up);
    io.to(`user:${userId}`).emit("roadshow:you-on-stage", { roadshowId, on: up });
    await broadcastStage(roadshowId);
  });
  on("roadshow:control", schemas.control, async (user, { roadshowId, action }) => {
    const { status } = await control(user, null, roadshowId, action);
    io.to(room(roadshowId)).emit("roadshow:status", { roadshowId, status });
    return { status };
  });
  on("roadshow:spotlight", schemas.spotlight, async (user, { roadshowId, identity }) => {
    await setSpotlight(user, null, roadshowId, identity);
    await broadcastStage(roadshowId);
  });
}
