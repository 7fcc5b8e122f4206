// Roadshow attendance and watch time from LiveKit's webhooks (verified and deduplicated by
// app/domain/video/attendance.server.ts), never from the client: one row per connection (sid).
import { db } from "~/db/client.server";
import { logger } from "~/lib/logger.server";
import { parseIdentity, roadshowIdOfRoom, type WebhookEvent } from "../../../media/video/livekit";
import { leftRoom } from "./live.server";
import { joinWindow } from "./roadshows.server";
import { upsertRacing } from "~/db/races.server";

const seconds = (v: bigint | number | undefined) => (v ? new Date(Number(v) * 1000) : new Date());

export function isRoadshowEvent(ev: WebhookEvent): boolean {
  return roadshowIdOfRoom(ev.room?.name) !== null;
}

export async function applyRoadshowEvent(ev: WebhookEvent): Promise<"applied" | "ignored"> {
  const roadshowId = roadshowIdOfRoom(ev.room?.name);
  if (!roadshowId) return "ignored";
  if (
    ev.event !== "participant_joined" &&
    ev.event !== "participant_left" &&
    ev.event !== "participant_connection_aborted"
  )
    return "ignored";
  const r = await db().roadshow.findUnique({
    where: { id: roadshowId },
    select: { id: true, startsAt: true, endsAt: true, endedAt: true, status: true },
  });
  const who = parseIdentity(ev.participant?.identity);
  const sid = ev.participant?.sid;
  if (!r || !who || who.observer || !sid) return "ignored";
  const at = seconds(ev.createdAt);
  // Tokens are minted only inside the window (a live roadshow's window runs until it ends).
  const w = joinWindow(r);
  const closes = r.endedAt ? new Date(Math.max(r.endedAt.getTime(), w.closesAt.getTime())) : null;
  if (at < w.opensAt || (closes && at > new Date(closes.getTime() + 5 * 60_000))) {
    logger.warn({ id: ev.id, roadshowId }, "roadshow webhook outside the window ignored");
    return "ignored";
  }
  const user = await db().user.findUnique({ where: { id: who.userId }, select: { id: true } });
  if (!user) return "ignored";
  const leftAt = ev.event === "participant_joined" ? undefined : at;
  // A join and a leave of one connection can arrive at once: whichever loses the insert updates.
  await upsertRacing(() =>
    db().roadshowAttendance.upsert({
      where: { participantSid: sid },
      create: {
        roadshowId,
        userId: who.userId,
        participantSid: sid,
        joinedAt: seconds(ev.participant!.joinedAt),
        leftAt,
      },
      update: { leftAt },
    }),
  );
  if (leftAt) await leftRoom(roadshowId, who.userId);
  return "applied";
}

/** Egress results of a roadshow recording (the meeting code tries its own table first). */
export async function roadshowRecordingUpdate(
  egressId: string,
  data: { status: string; filename?: string; location?: string; endedAt?: Date },
): Promise<boolean> {
  // A late "active" never revives a recording we stopped (it would block the next one from starting).
  const r = await db().roadshowRecording.updateMany({
    where: {
      egressId,
      ...(data.status === "active" || data.status === "starting" ? { status: { not: "stopping" } } : {}),
    },
    data,
  });
  if (r.count === 0 && (data.status === "active" || data.status === "starting"))
    return (await db().roadshowRecording.count({ where: { egressId } })) > 0;
  return r.count > 0;
}

/** Seconds watched per user (connections summed; an open connection counts until `now`). */
export async function watchSeconds(roadshowIds: string[], now = new Date()): Promise<Map<string, Map<string, number>>> {
  const rows = await db().roadshowAttendance.findMany({
    where: { roadshowId: { in: roadshowIds } },
    select: { roadshowId: true, userId: true, joinedAt: true, leftAt: true },
  });
  const out = new Map<string, Map<string, number>>();
  for (const a of rows) {
    const m = out.get(a.roadshowId) ?? new Map<string, number>();
    const secs = Math.max(0, ((a.leftAt ?? now).getTime() - a.joinedAt.getTime()) / 1000);
    m.set(a.userId, (m.get(a.userId) ?? 0) + secs);
    out.set(a.roadshowId, m);
  }
  return out;
}
