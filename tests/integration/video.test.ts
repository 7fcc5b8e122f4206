// Video rooms on a real livekit-server --dev: tokens and the join window, rooms created and listed
// through the server SDK, webhooks signed by the real server (attendance, idempotency), the
// no-show / completion job, "extend 10 minutes" and recording consent.
import { AccessToken, RoomServiceClient, TokenVerifier } from "livekit-server-sdk";
import { createHash } from "node:crypto";
import type { Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { settleMeetings } from "../../app/domain/video/attendance.server.ts";
import {
  consentToRecording,
  extendMeeting,
  issueJoinToken,
  openDueRooms,
  roomPage,
  setRecorderFactory,
} from "../../app/domain/video/rooms.server.ts";
import { DomainError } from "../../app/lib/errors.ts";
import * as webhook from "../../app/routes/webhooks.livekit.ts";
import * as videoApi from "../../app/routes/meetings_.$id.video.ts";
import { hasTool, startLiveKit } from "../../server/services/processes.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeFair, makeUser, req, makeMeeting } from "../harness/factories.ts";
import { postLiveKitWebhook } from "../harness/livekit-webhooks.ts";
import {
  joinBare,
  launchVideoChromium,
  leaveBare,
  startLiveKitPageServer,
  type LiveKitPageServer,
} from "../harness/livekit-page.ts";

const MIN = 60_000;
const sessionUser = async (u: { cookie: string }) => (await getUser(req("/", { cookie: u.cookie })))!;
type TestUser = Awaited<ReturnType<typeof makeUser>>;

async function until<T>(probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

let lk: Awaited<ReturnType<typeof startLiveKit>>;
let pages: LiveKitPageServer;
let browser: Browser;
const deliveries: { body: string; authorization: string | null }[] = [];

beforeAll(async () => {
  if (!hasTool("livekit-server")) throw new Error("livekit-server missing: run scripts/setup");
  await useTestDatabase();
  // LiveKit's webhooks go to the page server, which hands them to the real route action.
  pages = await startLiveKitPageServer(async (body, authorization) => {
    deliveries.push({ body, authorization });
    const headers: Record<string, string> = { "Content-Type": "application/webhook+json" };
    if (authorization) headers.Authorization = authorization;
    return (
      await call(webhook.action, new Request("http://localhost/webhooks/livekit", { method: "POST", headers, body }))
    ).status;
  });
  lk = await startLiveKit({ webhookUrl: pages.webhookUrl });
  configure({ LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret });
  browser = await launchVideoChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await lk?.stop();
  await pages?.stop();
  setRecorderFactory(null);
  configure({ LIVEKIT_EGRESS: false });
});

async function scenario(startOffsetMin: number, minutes = 20) {
  const fair = await makeFair();
  const investor = await makeUser("INVESTOR");
  const exhibitor = await makeUser("EXHIBITOR");
  const staff = await makeUser("STAFF", fair.organizerId);
  const startsAt = new Date(Date.now() + startOffsetMin * MIN);
  const endsAt = new Date(startsAt.getTime() + minutes * MIN);
  const meeting = await makeMeeting({ fair, investor, exhibitor, startsAt, endsAt });
  return { fair, investor, exhibitor, staff, meeting };
}

const tokenOf = async (u: TestUser, meetingId: string) => issueJoinToken(await sessionUser(u), meetingId);
const rejects = async (p: Promise<unknown>, key: string, status: number) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect(err).toMatchObject({ key, status });
};

describe("join tokens and the join window", () => {
  it("gives participants publish rights and staff a hidden subscribe-only token, for this room only", async () => {
    const { investor, staff, meeting } = await scenario(-5);
    const verifier = new TokenVerifier(lk.apiKey, lk.apiSecret);
    const p = await verifier.verify((await tokenOf(investor, meeting.id)).token);
    expect(p.video).toMatchObject({
      room: `meeting-${meeting.id}`,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
    });
    expect(p.video?.hidden).toBeFalsy();
    expect(JSON.parse(p.metadata!)).toMatchObject({ role: "investor" });
    expect(Number(p.exp) - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(600);
    const o = await verifier.verify((await tokenOf(staff, meeting.id)).token);
    expect(o.video).toMatchObject({
      room: `meeting-${meeting.id}`,
      canPublish: false,
      canPublishData: false,
      canSubscribe: true,
      hidden: true,
    });
  });

  it("refuses everyone else, other bureaus' staff included, with 403", async () => {
    const { meeting } = await scenario(-5);
    const stranger = await makeUser("INVESTOR");
    const otherStaff = await makeUser("STAFF");
    await rejects(tokenOf(stranger, meeting.id), "video.error.notParticipant", 403);
    await rejects(tokenOf(otherStaff, meeting.id), "video.error.notParticipant", 403);
    // Through the route: JSON 403 with a localized message, no token.
    const res = await call(
      videoApi.action,
      req(`/meetings/${meeting.id}/video`, { cookie: stranger.cookie, form: { intent: "token" } }),
      { id: meeting.id },
    );
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.token).toBeUndefined();
    expect(body.error).toBe("您不是此次洽谈的参会方。");
  });

  it("opens 10 minutes before the start and closes 30 minutes after the end", async () => {
    const early = await scenario(11);
    await rejects(tokenOf(early.investor, early.meeting.id), "video.error.notOpen", 403);
    const justOpen = await scenario(9);
    expect((await tokenOf(justOpen.investor, justOpen.meeting.id)).token).toBeTruthy();
    const late = await scenario(-51, 20); // ended 31 minutes ago
    await rejects(tokenOf(late.investor, late.meeting.id), "video.error.closed", 403);
    const stillOpen = await scenario(-49, 20); // ended 29 minutes ago
    expect((await tokenOf(stillOpen.exhibitor, stillOpen.meeting.id)).token).toBeTruthy();
    const cancelled = await scenario(-5);
    await db().meeting.update({ where: { id: cancelled.meeting.id }, data: { status: "CANCELLED" } });
    await rejects(tokenOf(cancelled.investor, cancelled.meeting.id), "video.error.closed", 403);
    expect((await roomPage(await sessionUser(early.investor), early.meeting.id)).state).toBe("early");
  });
});

describe("rooms", () => {
  it("the job creates rooms for meetings whose window opened (and only those); they are listed through RoomServiceClient", async () => {
    const open = await scenario(5);
    const later = await scenario(60);
    await openDueRooms();
    const names = (await new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret).listRooms()).map((r) => r.name);
    expect(names).toContain(`meeting-${open.meeting.id}`);
    expect(names).not.toContain(`meeting-${later.meeting.id}`);
    const row = await db().meeting.findUniqueOrThrow({ where: { id: open.meeting.id } });
    expect(row.roomName).toBe(`meeting-${open.meeting.id}`);
    expect(row.roomCreatedAt).not.toBeNull();
  });
});

describe("LiveKit webhooks", () => {
  it("refuses a bad signature with 401 and records nothing", async () => {
    const { meeting } = await scenario(-1);
    const body = JSON.stringify({
      event: "participant_joined",
      id: "EV_forged",
      room: { name: `meeting-${meeting.id}` },
      participant: { sid: "PA_forged", identity: "u_x" },
    });
    const forged = new AccessToken(lk.apiKey, "not-the-secret");
    forged.sha256 = createHash("sha256").update(body).digest("base64");
    for (const authorization of [await forged.toJwt(), null]) {
      const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
      const res = await call(
        webhook.action,
        new Request("http://localhost/webhooks/livekit", { method: "POST", headers, body }),
      );
      expect(res.status).toBe(401);
    }
    expect(await db().liveKitEvent.count({ where: { id: "EV_forged" } })).toBe(0);
    expect(await db().meetingAttendance.count({ where: { meetingId: meeting.id } })).toBe(0);
  });

  it("ignores correctly signed events about people who are not the meeting's, or outside its join window", async () => {
    const { meeting, investor } = await scenario(-1);
    const { meeting: future, investor: futureInvestor } = await scenario(24 * 60);
    const outsider = await makeUser("INVESTOR");
    const otherBureau = await makeUser("STAFF");
    const signed = async (event: object) => (await postLiveKitWebhook(lk, event)).text;
    const joined = (id: string, room: string, identity: string) => ({
      event: "participant_joined",
      id,
      createdAt: Math.floor(Date.now() / 1000),
      room: { name: room },
      participant: { sid: `PA_${id}`, identity, joinedAt: Math.floor(Date.now() / 1000) },
    });
    const room = `meeting-${meeting.id}`;
    expect(await signed(joined("EV_outsider", room, `u_${outsider.user.id}`))).toBe("ignored");
    expect(await signed(joined("EV_unknown", room, "u_nobody"))).toBe("ignored");
    expect(await signed(joined("EV_foreign_staff", room, `o_${otherBureau.user.id}`))).toBe("ignored");
    expect(await signed(joined("EV_party_as_observer", room, `o_${investor.user.id}`))).toBe("ignored");
    expect(await signed(joined("EV_future", `meeting-${future.id}`, `u_${futureInvestor.user.id}`))).toBe("ignored");
    expect(await db().meetingAttendance.count({ where: { meetingId: { in: [meeting.id, future.id] } } })).toBe(0);
    const statuses = await db().meeting.findMany({ where: { id: { in: [meeting.id, future.id] } } });
    expect(statuses.map((m) => m.status)).toEqual(["SCHEDULED", "SCHEDULED"]);
    // The same kind of event for the meeting's own party is attendance.
    expect(await signed(joined("EV_party", room, `u_${investor.user.id}`))).toBe("applied");
    expect(await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } })).toMatchObject({
      status: "IN_PROGRESS",
    });
  });

  it("records join and leave from the real server's webhooks, once each, and moves the meeting to in progress", async () => {
    const { investor, staff, meeting } = await scenario(-1);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const observerPage = await ctx.newPage();
    try {
      const t = await tokenOf(investor, meeting.id);
      await joinBare(page, pages.url, t.url, t.token);
      const joined = await until(() =>
        db().meetingAttendance.findFirst({ where: { meetingId: meeting.id, userId: investor.user.id } }),
      );
      expect(joined.observer).toBe(false);
      expect(Math.abs(joined.joinedAt.getTime() - Date.now())).toBeLessThan(30_000);
      const m = await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } });
      expect(m.status).toBe("IN_PROGRESS");
      expect(m.startedAt).not.toBeNull();

      // A hidden staff observer is recorded as an observer and does not count as a party.
      const o = await tokenOf(staff, meeting.id);
      await joinBare(observerPage, pages.url, o.url, o.token, false);
      const observed = await until(() =>
        db().meetingAttendance.findFirst({ where: { meetingId: meeting.id, userId: staff.user.id } }),
      );
      expect(observed.observer).toBe(true);

      await leaveBare(page);
      const left = await until(() =>
        db().meetingAttendance.findFirst({
          where: { meetingId: meeting.id, userId: investor.user.id, leftAt: { not: null } },
        }),
      );
      expect(left.leftAt!.getTime()).toBeGreaterThanOrEqual(left.joinedAt.getTime());

      // Redelivering every real delivery changes nothing (idempotent per event id).
      const before = await db().meetingAttendance.findMany({
        where: { meetingId: meeting.id },
        orderBy: { id: "asc" },
      });
      // Redelivered all at once, as a retrying LiveKit may.
      const statuses = await Promise.all(
        deliveries.map((d) =>
          call(
            webhook.action,
            new Request("http://localhost/webhooks/livekit", {
              method: "POST",
              headers: { Authorization: d.authorization! },
              body: d.body,
            }),
          ).then((r) => r.text()),
        ),
      );
      expect(statuses.every((s) => s === "duplicate")).toBe(true);
      expect(
        await db().meetingAttendance.findMany({ where: { meetingId: meeting.id }, orderBy: { id: "asc" } }),
      ).toEqual(before);
    } finally {
      await ctx.close();
    }
  }, 60_000);
});

describe("the attendance job", () => {
  it("marks a meeting no-show 10 minutes after start when a party never joined, naming who", async () => {
    const { investor, exhibitor, meeting } = await scenario(-11);
    await db().meetingAttendance.create({
      data: {
        meetingId: meeting.id,
        userId: investor.user.id,
        participantSid: `PA_${meeting.id}`,
        joinedAt: new Date(Date.now() - 10 * MIN),
      },
    });
    const both = await scenario(-11);
    for (const u of [both.investor, both.exhibitor])
      await db().meetingAttendance.create({
        data: {
          meetingId: both.meeting.id,
          userId: u.user.id,
          participantSid: `PA_${both.meeting.id}_${u.user.id}`,
          joinedAt: new Date(Date.now() - 9 * MIN),
        },
      });
    await db().meeting.update({ where: { id: both.meeting.id }, data: { status: "IN_PROGRESS" } });
    const notYet = await scenario(-9);

    await settleMeetings();
    const m = await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(m.status).toBe("NO_SHOW");
    expect(m.noShowUserIds).toEqual([exhibitor.user.id]);
    expect((await db().meeting.findUniqueOrThrow({ where: { id: both.meeting.id } })).status).toBe("IN_PROGRESS");
    expect((await db().meeting.findUniqueOrThrow({ where: { id: notYet.meeting.id } })).status).toBe("SCHEDULED");
  });

  it("completes a running meeting once it is over and everyone left, and asks both sides for the outcome", async () => {
    const { investor, exhibitor, meeting } = await scenario(-25, 20);
    for (const u of [investor, exhibitor])
      await db().meetingAttendance.create({
        data: {
          meetingId: meeting.id,
          userId: u.user.id,
          participantSid: `PA_done_${u.user.id}`,
          joinedAt: new Date(Date.now() - 24 * MIN),
          leftAt: new Date(Date.now() - 6 * MIN),
        },
      });
    await db().meeting.update({
      where: { id: meeting.id },
      data: { status: "IN_PROGRESS", attendanceSettledAt: new Date() },
    });
    const stillIn = await scenario(-25, 20);
    await db().meetingAttendance.create({
      data: {
        meetingId: stillIn.meeting.id,
        userId: stillIn.investor.user.id,
        participantSid: `PA_in_${stillIn.meeting.id}`,
        joinedAt: new Date(Date.now() - 24 * MIN),
      },
    });
    await db().meeting.update({
      where: { id: stillIn.meeting.id },
      data: { status: "IN_PROGRESS", attendanceSettledAt: new Date() },
    });

    await settleMeetings();
    const m = await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } });
    expect(m.status).toBe("COMPLETED");
    expect(m.endedAt!.getTime()).toBeCloseTo(Date.now() - 6 * MIN, -4);
    expect(
      await db().notification.count({
        where: { kind: "meeting.outcome", userId: { in: [investor.user.id, exhibitor.user.id] } },
      }),
    ).toBe(2);
    expect((await db().meeting.findUniqueOrThrow({ where: { id: stillIn.meeting.id } })).status).toBe("IN_PROGRESS");
    await settleMeetings(); // a second run changes nothing and notifies nobody again
    expect(await db().notification.count({ where: { kind: "meeting.outcome", userId: investor.user.id } })).toBe(1);
  });
});

describe("extend 10 minutes", () => {
  it("extends when neither party has a next meeting, refuses when one has, and at most 3 times", async () => {
    const { investor, exhibitor, meeting } = await scenario(-15, 20);
    const me = await sessionUser(investor);
    expect((await roomPage(me, meeting.id)).canExtend).toBe(true);
    const { endsAt } = await extendMeeting(me, meeting.id);
    expect(new Date(endsAt).getTime()).toBe(meeting.endsAt.getTime() + 10 * MIN);
    expect(
      (await db().meetingParticipant.findMany({ where: { meetingId: meeting.id } })).every(
        (p) => p.endsAt.toISOString() === endsAt,
      ),
    ).toBe(true);
    expect(await db().auditLog.count({ where: { entityId: meeting.id, action: "meeting.extend" } })).toBe(1);

    // The exhibitor has another meeting right after the (extended) end.
    const nextStart = new Date(endsAt);
    const other = await makeUser("INVESTOR");
    await db().meeting.create({
      data: {
        fairId: meeting.fairId,
        investorOrgId: other.organizationId!,
        exhibitorOrgId: exhibitor.organizationId!,
        startsAt: nextStart,
        endsAt: new Date(nextStart.getTime() + 20 * MIN),
        participants: {
          create: [other, exhibitor].map((u) => ({
            userId: u.user.id,
            startsAt: nextStart,
            endsAt: new Date(nextStart.getTime() + 20 * MIN),
          })),
        },
      },
    });
    await rejects(extendMeeting(me, meeting.id), "video.error.nextMeeting", 409);
    expect((await roomPage(me, meeting.id)).canExtend).toBe(false); // so the button is not shown
    expect((await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } })).endsAt.toISOString()).toBe(endsAt);

    const free = await scenario(-15, 20);
    const u = await sessionUser(free.investor);
    for (let i = 0; i < 3; i++) await extendMeeting(u, free.meeting.id);
    await rejects(extendMeeting(u, free.meeting.id), "video.error.maxExtensions", 409);
    expect((await roomPage(u, free.meeting.id)).canExtend).toBe(false);
    expect((await roomPage(await sessionUser(free.staff), free.meeting.id)).canExtend).toBe(false); // observers never
    await rejects(extendMeeting(await sessionUser(free.staff), free.meeting.id), "video.error.notParticipant", 403);
  });
});

describe("recording", () => {
  it("without Egress there is nothing to record", async () => {
    const { investor, meeting } = await scenario(-5);
    configure({ LIVEKIT_EGRESS: false });
    expect((await roomPage(await sessionUser(investor), meeting.id)).recordingAvailable).toBe(false);
    await rejects(consentToRecording(await sessionUser(investor), meeting.id), "video.error.noRecording", 409);
  });

  it("with Egress, starts only after both parties consent, and lists the finished file for participants", async () => {
    const started: string[] = [];
    setRecorderFactory(() => ({
      start: async (room) => (started.push(room), { egressId: `EG_${started.length}` }),
      stop: async () => {},
    }));
    configure({ LIVEKIT_EGRESS: true });
    try {
      const { investor, exhibitor, meeting } = await scenario(-5);
      expect((await roomPage(await sessionUser(investor), meeting.id)).recordingAvailable).toBe(true);
      expect((await consentToRecording(await sessionUser(investor), meeting.id)).recording).toBe(false);
      expect(started).toEqual([]);
      expect((await consentToRecording(await sessionUser(exhibitor), meeting.id)).recording).toBe(true);
      expect(started).toEqual([`meeting-${meeting.id}`]);
      await consentToRecording(await sessionUser(exhibitor), meeting.id); // again: no second recording
      expect(started).toHaveLength(1);

      // Egress reports the finished file through a signed webhook.
      const res = await postLiveKitWebhook(lk, {
        event: "egress_ended",
        id: `EV_eg_${meeting.id}`,
        createdAt: String(Math.floor(Date.now() / 1000)),
        egressInfo: {
          egressId: "EG_1",
          roomName: `meeting-${meeting.id}`,
          status: "EGRESS_COMPLETE",
          fileResults: [{ filename: "negotiation.mp4", location: "/recordings/negotiation.mp4" }],
        },
      });
      expect(res.status).toBe(200);
      const page = await roomPage(await sessionUser(exhibitor), meeting.id);
      expect(page.recordings).toEqual([
        expect.objectContaining({ filename: "negotiation.mp4", location: "/recordings/negotiation.mp4" }),
      ]);
    } finally {
      configure({ LIVEKIT_EGRESS: false });
      setRecorderFactory(null);
    }
  });
});
