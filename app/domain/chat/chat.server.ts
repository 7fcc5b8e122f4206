// Booth chat between a signed-in visitor and the booth's team. Plain text only (rendered escaped),
// length-limited, rate-limited per user; history is paginated; the team sees every conversation of
// its booths in one inbox. Delivery is live over socket.io (server/realtime.ts) and persisted here.
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { isMemberOf } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { rateLimiter } from "~/lib/rate-limit.server";
import { emitToUser } from "~/realtime/bus.server";
import { grantForBooth } from "~/domain/privacy/consents.server";
import type { ChatMessageView } from "./message";
import { upsertRacing } from "~/db/races.server";

export type { ChatMessageView };

export const MAX_MESSAGE_CHARS = 1000;
export const HISTORY_PAGE = 30;
const RATE = { messages: 8, perMs: 10_000 };

export const messageSchema = z.object({
  boothId: z.string().min(1).max(64),
  threadId: z.string().max(64).optional(),
  body: z.string().trim().min(1, "chat.error.empty").max(MAX_MESSAGE_CHARS, "chat.error.tooLong"),
});

const sent = rateLimiter({ points: RATE.messages, durationMs: RATE.perMs, name: "chat" });
/** Per app instance; with several instances each applies its own window. */
export async function allowMessage(userId: string): Promise<boolean> {
  return (await sent.consume(userId)).allowed;
}

async function teamOf(boothId: string): Promise<{ organizationId: string; members: string[] }> {
  const booth = await db().booth.findUnique({
    where: { id: boothId },
    select: { organizationId: true, isPublic: true },
  });
  if (!booth) throw new DomainError("errorPage.404.title", 404);
  const members = (
    await db().membership.findMany({
      where: { organizationId: booth.organizationId, role: "EXHIBITOR" },
      select: { userId: true },
    })
  ).map((m) => m.userId);
  return { organizationId: booth.organizationId, members };
}

/** Posts a message: visitors write in their own thread with the booth; team members reply in a thread. */
export async function postMessage(user: SessionUser, input: z.infer<typeof messageSchema>): Promise<ChatMessageView> {
  if (!(await allowMessage(user.id))) throw new DomainError("chat.error.rateLimited", 429);
  const team = await teamOf(input.boothId);
  const isTeam = isMemberOf(user, team.organizationId, "EXHIBITOR");
  let threadId: string;
  let visitorUserId: string;
  if (isTeam) {
    const thread = input.threadId
      ? await db().chatThread.findFirst({ where: { id: input.threadId, boothId: input.boothId } })
      : null;
    if (!thread) throw new DomainError("errorPage.404.title", 404);
    threadId = thread.id;
    visitorUserId = thread.visitorUserId;
  } else {
    const booth = await db().booth.findUniqueOrThrow({ where: { id: input.boothId }, select: { isPublic: true } });
    if (!booth.isPublic) throw new DomainError("errorPage.404.title", 404);
    const thread = await upsertRacing(() =>
      db().chatThread.upsert({
        where: { boothId_visitorUserId: { boothId: input.boothId, visitorUserId: user.id } },
        create: { boothId: input.boothId, visitorUserId: user.id },
        update: {},
      }),
    );
    threadId = thread.id;
    visitorUserId = user.id;
    // A new conversation puts the visitor among the booth's leads: recorded as lead-sharing consent,
    // in the language of their account (the booth page shows the words; ADR 022).
    if (thread.createdAt.getTime() === thread.lastMessageAt.getTime())
      await grantForBooth(user.id, input.boothId, user.locale, "chat");
  }
  const msg = await db().$transaction(async (tx) => {
    const m = await tx.chatMessage.create({ data: { threadId, senderUserId: user.id, body: input.body } });
    await tx.chatThread.update({ where: { id: threadId }, data: { lastMessageAt: m.createdAt } });
    return m;
  });
  const view: ChatMessageView = {
    id: msg.id,
    threadId,
    senderUserId: user.id,
    senderName: user.name,
    body: msg.body,
    createdAt: msg.createdAt.toISOString(),
  };
  for (const uid of new Set([visitorUserId, ...team.members]))
    emitToUser(uid, "chat:message", { ...view, boothId: input.boothId });
  return view;
}

/** Who may read a thread: its visitor and the booth's team. */
async function readableThread(user: SessionUser, threadId: string) {
  const thread = await db().chatThread.findUnique({ where: { id: threadId } });
  if (!thread) throw new DomainError("errorPage.404.title", 404);
  if (thread.visitorUserId !== user.id) {
    const team = await teamOf(thread.boothId);
    if (!isMemberOf(user, team.organizationId, "EXHIBITOR")) throw new DomainError("errorPage.404.title", 404);
  }
  return thread;
}

/** One page of history, newest last; `before` (a message id) pages backwards. */
export async function history(user: SessionUser, threadId: string, before?: string) {
  await readableThread(user, threadId);
  const cursor = before
    ? await db().chatMessage.findFirst({ where: { id: before, threadId }, select: { createdAt: true } })
    : null;
  const rows = await db().chatMessage.findMany({
    where: { threadId, ...(cursor ? { createdAt: { lt: cursor.createdAt } } : {}) },
    orderBy: { createdAt: "desc" },
    take: HISTORY_PAGE + 1,
  });
  const names = new Map(
    (
      await db().user.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.senderUserId))] } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  const page = rows.slice(0, HISTORY_PAGE).reverse();
  return {
    hasMore: rows.length > HISTORY_PAGE,
    messages: page.map((m) => ({
      id: m.id,
      threadId,
      senderUserId: m.senderUserId,
      senderName: names.get(m.senderUserId) ?? "",
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      mine: m.senderUserId === user.id,
    })),
  };
}

/** The visitor's own thread with a booth (null before their first message). */
export async function myThread(user: SessionUser, boothId: string) {
  return db().chatThread.findUnique({ where: { boothId_visitorUserId: { boothId, visitorUserId: user.id } } });
}

/** The booths whose conversations the user answers (their exhibitor organizations' booths). */
export async function teamBoothIds(user: SessionUser): Promise<string[]> {
  const orgIds = user.memberships.filter((m) => m.role === "EXHIBITOR").map((m) => m.organizationId);
  return (await db().booth.findMany({ where: { organizationId: { in: orgIds } }, select: { id: true } })).map(
    (b) => b.id,
  );
}

/** The team's inbox: every conversation of the user's booths, most recent first. */
export async function inbox(user: SessionUser, boothIds?: string[]) {
  const threads = await db().chatThread.findMany({
    where: { boothId: { in: boothIds ?? (await teamBoothIds(user)) } },
    orderBy: { lastMessageAt: "desc" },
    take: 100,
    include: { messages: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  const visitors = new Map(
    (
      await db().user.findMany({
        where: { id: { in: threads.map((t) => t.visitorUserId) } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  return threads.map((t) => ({
    id: t.id,
    boothId: t.boothId,
    visitorName: visitors.get(t.visitorUserId) ?? "",
    last: t.messages[0]?.body ?? "",
    lastAt: t.lastMessageAt.toISOString(),
  }));
}

/** The other side of a thread, for typing indicators. */
export async function threadAudience(user: SessionUser, threadId: string): Promise<string[]> {
  const thread = await readableThread(user, threadId);
  const team = await teamOf(thread.boothId);
  return [...new Set([thread.visitorUserId, ...team.members])].filter((id) => id !== user.id);
}
