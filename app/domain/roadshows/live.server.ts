// The live room's shared state beside the video: Q&A (ask, upvote, moderate), raised hands and the
// stage. Called from the socket handlers (server/realtime-roadshows.ts), which validate payloads
// with the schemas below; every function checks who is asking.
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { config } from "~/config.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { liveKitSettings, roadshowRoomFor, setCanPublish } from "../../../media/video/livekit";
import { roomUpdateSkipped } from "~/domain/video/rooms.server";
import { audit } from "~/domain/audit/audit.server";
import { canModerate, roadshowIdentity, visibleRoadshow, type LoadedRoadshow } from "./roadshows.server";

/** Row ids (cuid2): letters, digits, `_`, `-` only, so a NUL or other stray byte never reaches the database. */
const id = z
  .string()
  .min(1, "error.formGeneric")
  .max(64, "error.formGeneric")
  .regex(/^[A-Za-z0-9_-]+$/, "error.formGeneric");
/** Text typed in the room: trimmed, no control characters (NUL and friends), 1–500 characters. */
const roomText = z
  .string()
  .max(2000)
  .transform((s) =>
    [...s]
      .filter((c) => c === "\n" || c === "\t" || (c >= " " && c !== "\u007f"))
      .join("")
      .trim(),
  )
  .pipe(z.string().min(1, "roadshow.error.empty").max(500, "error.tooLong"));

export const schemas = {
  ref: z.object({ roadshowId: id }),
  chat: z.object({ roadshowId: id, text: roomText }),
  ask: z.object({ roadshowId: id, text: roomText }),
  upvote: z.object({ questionId: id }),
  moderate: z.object({ questionId: id, action: z.enum(["answered", "hidden", "open", "pin", "unpin"]) }),
  hand: z.object({ roadshowId: id, raised: z.boolean() }),
  stage: z.object({ roadshowId: id, userId: id, on: z.boolean() }),
  control: z.object({ roadshowId: id, action: z.enum(["start", "pause", "end"]) }),
  spotlight: z.object({
    roadshowId: id,
    identity: z
      .string()
      .min(1, "error.formGeneric")
      .max(80, "error.formGeneric")
      .regex(/^[\x21-\x7e]+$/, "error.formGeneric")
      .nullable(),
  }),
};

/** Watching, chatting and asking need a registration (or the right to run the room). */
async function participant(user: SessionUser, roadshowId: string): Promise<{ r: LoadedRoadshow; moderator: boolean }> {
  const r = await visibleRoadshow(user, null, roadshowId);
  const moderator = canModerate(user, r);
  if (!moderator) {
    const reg = await db().roadshowRegistration.findUnique({
      where: { roadshowId_userId: { roadshowId: r.id, userId: user.id } },
      select: { id: true },
    });
    if (!reg) throw new DomainError("roadshow.error.notRegistered", 403);
  }
  return { r, moderator };
}

async function asModerator(user: SessionUser, roadshowId: string) {
  const r = await visibleRoadshow(user, null, roadshowId);
  if (!canModerate(user, r)) throw new DomainError("roadshow.error.notModerator", 403);
  return r;
}

const live = (r: LoadedRoadshow) => {
  if (r.status !== "LIVE" && r.status !== "PAUSED" && r.status !== "SCHEDULED")
    throw new DomainError("roadshow.error.closed", 409);
};

export interface QuestionView {
  id: string;
  text: string;
  name: string;
  votes: number;
  status: string;
  pinned: boolean;
  mine: boolean;
  voted: boolean;
}

/** Questions as `user` sees them: hidden ones only for moderators; pinned first, then by votes. */
export async function questions(user: SessionUser, roadshowId: string): Promise<QuestionView[]> {
  const { moderator } = await participant(user, roadshowId);
  return listQuestions(roadshowId, user.id, moderator);
}

export async function listQuestions(roadshowId: string, userId: string | null, moderator: boolean) {
  const rows = await db().roadshowQuestion.findMany({
    where: { roadshowId, ...(moderator ? {} : { status: { not: "hidden" } }) },
    orderBy: [{ pinned: "desc" }, { votes: "desc" }, { createdAt: "asc" }],
    take: 200,
    include: { upvotes: userId ? { where: { userId }, select: { userId: true } } : false },
  });
  const names = new Map(
    (
      await db().user.findMany({
        where: { id: { in: [...new Set(rows.map((q) => q.userId))] } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  return rows.map((q) => ({
    id: q.id,
    text: q.text,
    name: names.get(q.userId) ?? "",
    votes: q.votes,
    status: q.status,
    pinned: q.pinned,
    mine: q.userId === userId,
    voted: Array.isArray(q.upvotes) && q.upvotes.length > 0,
  }));
}

export async function ask(user: SessionUser, roadshowId: string, text: string) {
  const { r } = await participant(user, roadshowId);
  live(r);
  const recent = await db().roadshowQuestion.count({
    where: { roadshowId, userId: user.id, createdAt: { gt: new Date(Date.now() - 60_000) } },
  });
  if (recent >= 5) throw new DomainError("roadshow.error.slowDown", 429);
  const q = await db().roadshowQuestion.create({ data: { roadshowId: r.id, userId: user.id, text } });
  return { id: q.id, roadshowId: r.id };
}

/** One upvote per person and question (a repeat changes nothing). */
export async function upvote(user: SessionUser, questionId: string) {
  const q = await db().roadshowQuestion.findUnique({
    where: { id: questionId },
    select: { roadshowId: true, status: true },
  });
  if (!q) throw new DomainError("errorPage.404.title", 404);
  const { moderator } = await participant(user, q.roadshowId);
  if (q.status === "hidden" && !moderator) throw new DomainError("errorPage.404.title", 404);
  await db().$transaction(async (tx) => {
    const added = await tx.roadshowVote.createMany({ data: [{ questionId, userId: user.id }], skipDuplicates: true });
    if (added.count) await tx.roadshowQuestion.update({ where: { id: questionId }, data: { votes: { increment: 1 } } });
  });
  return { roadshowId: q.roadshowId };
}

export async function moderate(
  user: SessionUser,
  questionId: string,
  action: z.infer<typeof schemas.moderate>["action"],
) {
  const q = await db().roadshowQuestion.findUnique({ where: { id: questionId }, select: { roadshowId: true } });
  if (!q) throw new DomainError("errorPage.404.title", 404);
  await asModerator(user, q.roadshowId);
  const data =
    action === "pin"
      ? { pinned: true }
      : action === "unpin"
        ? { pinned: false }
        : { status: action, ...(action === "hidden" ? { pinned: false } : {}) };
  await db().roadshowQuestion.update({ where: { id: questionId }, data });
  return { roadshowId: q.roadshowId };
}

// ── Hands and stage ─────────────────────────────────────────────────────────────────────────────

export async function raiseHand(user: SessionUser, roadshowId: string, raised: boolean) {
  const { r, moderator } = await participant(user, roadshowId);
  if (moderator) throw new DomainError("roadshow.error.alreadyPresenter", 409);
  live(r);
  // Array updates under the row lock: concurrent hands do not overwrite each other.
  await db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ raisedHandIds: string[] }[]>`
      SELECT "raisedHandIds" FROM "Roadshow" WHERE id = ${r.id} FOR UPDATE`;
    const hands = new Set(row?.raisedHandIds ?? []);
    if (raised) hands.add(user.id);
    else hands.delete(user.id);
    await tx.roadshow.update({ where: { id: r.id }, data: { raisedHandIds: [...hands] } });
  });
  return { roadshowId: r.id };
}

export async function stageState(roadshowId: string) {
  const r = await db().roadshow.findUnique({
    where: { id: roadshowId },
    select: { status: true, raisedHandIds: true, stageUserIds: true, spotlight: true },
  });
  if (!r) return null;
  const ids = [...new Set([...r.raisedHandIds, ...r.stageUserIds])];
  const names = new Map(
    (await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const person = (id: string) => ({ userId: id, identity: roadshowIdentity(id), name: names.get(id) ?? "" });
  return {
    status: r.status,
    spotlight: r.spotlight,
    hands: r.raisedHandIds.map(person),
    stage: r.stageUserIds.map(person),
  };
}

/**
 * A moderator brings a viewer on stage (the server grants them publish permission in LiveKit) or
 * takes them off (the permission is taken back, which unpublishes their tracks). The viewer may
 * take themselves off the stage too.
 */
export async function setStage(user: SessionUser, roadshowId: string, userId: string, on: boolean) {
  const r = await visibleRoadshow(user, null, roadshowId);
  const moderator = canModerate(user, r);
  if (!moderator && !(userId === user.id && !on)) throw new DomainError("roadshow.error.notModerator", 403);
  if (on) {
    live(r);
    const reg = await db().roadshowRegistration.findUnique({
      where: { roadshowId_userId: { roadshowId: r.id, userId } },
      select: { id: true },
    });
    if (!reg) throw new DomainError("errorPage.404.title", 404);
  }
  await db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ stageUserIds: string[]; raisedHandIds: string[] }[]>`
      SELECT "stageUserIds", "raisedHandIds" FROM "Roadshow" WHERE id = ${r.id} FOR UPDATE`;
    const stage = new Set(row?.stageUserIds ?? []);
    const hands = new Set(row?.raisedHandIds ?? []);
    if (on) stage.add(userId);
    else stage.delete(userId);
    hands.delete(userId);
    await tx.roadshow.update({
      where: { id: r.id },
      data: {
        stageUserIds: [...stage],
        raisedHandIds: [...hands],
        ...(!on && r.spotlight === roadshowIdentity(userId) ? { spotlight: null } : {}),
      },
    });
  });
  const s = liveKitSettings(config());
  // LiveKit away: the stage is saved; a token minted after it returns carries the permission.
  if (s) await setCanPublish(s, roadshowRoomFor(r.id), roadshowIdentity(userId), on).catch(roomUpdateSkipped);
  await audit({
    actorId: user.id,
    action: on ? "roadshow.stage.invite" : "roadshow.stage.leave",
    entityType: "Roadshow",
    entityId: r.id,
    after: { userId },
  });
  return { roadshowId: r.id, userId, on };
}

/** A viewer who left the room (webhook) leaves the stage too: their permission is not kept. */
export async function leftRoom(roadshowId: string, userId: string) {
  const r = await db().roadshow.findUnique({ where: { id: roadshowId }, select: { stageUserIds: true } });
  if (!r?.stageUserIds.includes(userId)) return;
  await db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ stageUserIds: string[] }[]>`
      SELECT "stageUserIds" FROM "Roadshow" WHERE id = ${roadshowId} FOR UPDATE`;
    await tx.roadshow.update({
      where: { id: roadshowId },
      data: { stageUserIds: (row?.stageUserIds ?? []).filter((u) => u !== userId) },
    });
  });
}
