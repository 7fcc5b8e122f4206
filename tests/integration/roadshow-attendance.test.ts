// Roadshow attendance and watch time from LiveKit's webhooks (ADR 031), and the join tokens: signed
// participant_joined / participant_left deliveries posted to the real /webhooks/livekit route
// (twice each: one attendance row, the right watch time), a forged signature refused, an event
// outside the roadshow's window ignored; the consenting viewer then appears in the exhibitor's leads
// with that watch time and the fair funnel counts both viewers — all from the webhooks, no rows
// inserted by the test. Tokens come from a real livekit-server --dev: refused too early, after the
// window and over capacity; viewers subscribe only, presenters and people on stage publish.
import { RoomServiceClient, TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/session.server.ts";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { watchSeconds } from "../../app/domain/roadshows/attendance.server.ts";
import { issueRoadshowToken, register } from "../../app/domain/roadshows/roadshows.server.ts";
import { DomainError } from "../../app/lib/errors.ts";
import * as leadsPage from "../../app/routes/exhibitor.leads.tsx";
import * as dashboardRoute from "../../app/routes/staff.fairs.$id_.dashboard.tsx";
import { hasTool, startLiveKit } from "../../server/services/processes.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";
import { participantEvent, postLiveKitWebhook } from "../harness/livekit-webhooks.ts";
import { sessionUserOf } from "../harness/privacy.ts";
import { UNSET_LIVEKIT } from "./route-matrix.ts";

type User = Awaited<ReturnType<typeof makeUser>>;
const MIN = 60_000;

let lk: Awaited<ReturnType<typeof startLiveKit>>;
let fair: Awaited<ReturnType<typeof makeFair>>;
let exhibitor: User;
let staff: User;
let boothId: string;

beforeAll(async () => {
  if (!hasTool("livekit-server")) throw new Error("livekit-server missing: run scripts/setup");
  await useTestDatabase();
  lk = await startLiveKit();
  configure({ LOG_LEVEL: "silent", LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret });
  fair = await makeFair();
  exhibitor = await makeUser("EXHIBITOR");
  staff = await makeUser("STAFF", fair.organizerId);
  boothId = (await makeBooth(fair, exhibitor.organizationId!)).id;
}, 60_000);
afterAll(async () => {
  await lk?.stop();
  configure(UNSET_LIVEKIT);
});

const roadshow = (data: {
  startsAt: Date;
  endsAt: Date;
  status?: "SCHEDULED" | "LIVE" | "ENDED";
  capacity?: number;
  endedAt?: Date;
}) =>
  db().roadshow.create({
    data: { fairId: fair.id, titleZh: "生物医药推介会", titleEn: "Biomedicine roadshow", boothId, ...data },
  });

describe("attendance from LiveKit webhooks", () => {
  let roadshowId: string;
  let agreed: User;
  let declined: User;
  const now = Date.now();
  const joinedAt = new Date(now - 9 * MIN);
  const leftAt = new Date(now - 2 * MIN); // 7 minutes watched

  beforeAll(async () => {
    roadshowId = (
      await roadshow({ startsAt: new Date(now - 10 * MIN), endsAt: new Date(now + 50 * MIN), status: "LIVE" })
    ).id;
    agreed = await makeUser("INVESTOR");
    declined = await makeUser("INVESTOR");
    await register(await sessionUserOf(agreed), fair.slug, roadshowId, true);
    await register(await sessionUserOf(declined), fair.slug, roadshowId, false);
  });

  const ev = (
    event: "participant_joined" | "participant_left",
    id: string,
    who: User,
    sid: string,
    at: Date,
    from = joinedAt,
  ) => participantEvent(event, { id, roadshowId, identity: `u_${who.user.id}`, sid, joinedAt: from, at });

  it("a forged signature is refused with 401 and nothing is written", async () => {
    const forged = await postLiveKitWebhook(
      { apiKey: lk.apiKey, apiSecret: "not-the-secret-0123456789abcdef" },
      ev("participant_joined", "EV_rs_forged", agreed, "PA_forged", joinedAt),
    );
    expect(forged.status).toBe(401);
    expect(await db().liveKitEvent.count({ where: { id: "EV_rs_forged" } })).toBe(0);
    expect(await db().roadshowAttendance.count({ where: { roadshowId } })).toBe(0);
  });

  it("join and leave, each delivered twice, make one row with the watch time between them", async () => {
    const keys = { apiKey: lk.apiKey, apiSecret: lk.apiSecret };
    const joined = ev("participant_joined", "EV_rs_join", agreed, "PA_agreed", joinedAt);
    expect(await postLiveKitWebhook(keys, joined)).toEqual({ status: 200, text: "applied" });
    expect(await postLiveKitWebhook(keys, joined)).toEqual({ status: 200, text: "duplicate" });
    const open = await db().roadshowAttendance.findMany({ where: { roadshowId } });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ userId: agreed.user.id, participantSid: "PA_agreed", leftAt: null });

    const left = ev("participant_left", "EV_rs_left", agreed, "PA_agreed", leftAt);
    expect(await postLiveKitWebhook(keys, left)).toEqual({ status: 200, text: "applied" });
    expect(await postLiveKitWebhook(keys, left)).toEqual({ status: 200, text: "duplicate" });
    const rows = await db().roadshowAttendance.findMany({ where: { roadshowId } });
    expect(rows).toHaveLength(1);
    expect(rows[0].joinedAt.getTime()).toBe(Math.floor(joinedAt.getTime() / 1000) * 1000);
    expect(rows[0].leftAt!.getTime()).toBe(Math.floor(leftAt.getTime() / 1000) * 1000);
    expect((await watchSeconds([roadshowId])).get(roadshowId)?.get(agreed.user.id)).toBe(7 * 60);

    // The viewer who did not agree to share contact watches 3 minutes (also from webhooks).
    const from = new Date(now - 6 * MIN);
    await postLiveKitWebhook(keys, ev("participant_joined", "EV_rs_join2", declined, "PA_declined", from, from));
    await postLiveKitWebhook(
      keys,
      ev("participant_left", "EV_rs_left2", declined, "PA_declined", new Date(now - 3 * MIN), from),
    );
    expect((await watchSeconds([roadshowId])).get(roadshowId)?.get(declined.user.id)).toBe(3 * 60);
  });

  it("an event dated before the roadshow's window opens is ignored", async () => {
    const keys = { apiKey: lk.apiKey, apiSecret: lk.apiSecret };
    const early = new Date(now - 26 * MIN); // the window opened 15 minutes before the start (now − 10 min)
    const stranger = await makeUser("INVESTOR");
    const reply = await postLiveKitWebhook(
      keys,
      ev("participant_joined", "EV_rs_early", stranger, "PA_early", early, early),
    );
    expect(reply).toEqual({ status: 200, text: "ignored" });
    expect(await db().roadshowAttendance.count({ where: { participantSid: "PA_early" } })).toBe(0);
    // The same event inside the window is attendance: the refusal above is about the time alone.
    const inside = new Date(now - 1 * MIN);
    expect(
      (await postLiveKitWebhook(keys, ev("participant_joined", "EV_rs_inside", stranger, "PA_inside", inside, inside)))
        .text,
    ).toBe("applied");
    await db().roadshowAttendance.deleteMany({ where: { participantSid: "PA_inside" } });
  });

  it("the consenting viewer is in the exhibitor's leads with the watch time; the other is not", async () => {
    const res = await call(leadsPage.loader, req("/exhibitor/leads", { cookie: exhibitor.cookie }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; headers: string[]; rows: (string | number | null)[][] };
    const names = body.rows.map((r) => r[body.headers.indexOf("姓名")]);
    expect(names).toEqual([agreed.user.name]);
    expect(body.rows[0][body.headers.indexOf("推介会观看（分钟）")]).toBe(7);
    expect(JSON.stringify(body)).not.toContain(declined.user.name);
  });

  it("the fair dashboard's funnel counts the registrations and both viewers", async () => {
    const res = await call(dashboardRoute.loader, req(`/staff/fairs/${fair.id}/dashboard`, { cookie: staff.cookie }), {
      id: fair.id,
    });
    expect(res.status).toBe(200);
    const { report } = (await res.json()) as { report: { roadshowFunnel: Record<string, number> } };
    expect(report.roadshowFunnel).toEqual({ registrations: 2, viewers: 2, meetingRequests: 0 });
  });
});

describe("join tokens (real livekit-server)", () => {
  const refused = async (p: Promise<unknown>, key: string, status: number) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ key, status });
  };
  const grants = async (token: string) => (await new TokenVerifier(lk.apiKey, lk.apiSecret).verify(token)).video;
  let as: (u: User) => Promise<SessionUser>;
  beforeAll(() => {
    as = (u) => sessionUserOf(u);
  });

  it("refuses before the window opens and after it closes", async () => {
    const viewer = await as(await makeUser("INVESTOR"));
    const now = Date.now();
    const upcoming = await roadshow({ startsAt: new Date(now + 16 * MIN), endsAt: new Date(now + 76 * MIN) });
    await refused(issueRoadshowToken(viewer, fair.slug, upcoming.id), "roadshow.error.notOpen", 403);
    // 14 minutes before the start, the window is open.
    expect((await issueRoadshowToken(viewer, fair.slug, upcoming.id, new Date(now + 2 * MIN))).publish).toBe(false);
    const over = await roadshow({ startsAt: new Date(now - 120 * MIN), endsAt: new Date(now - 31 * MIN) });
    await refused(issueRoadshowToken(viewer, fair.slug, over.id), "roadshow.error.closed", 403);
    const ended = await roadshow({
      startsAt: new Date(now - 20 * MIN),
      endsAt: new Date(now + 40 * MIN),
      status: "ENDED",
      endedAt: new Date(now - 5 * MIN),
    });
    await refused(issueRoadshowToken(viewer, fair.slug, ended.id), "roadshow.error.closed", 403);
    expect(await db().roadshowRegistration.count({ where: { roadshowId: { in: [over.id, ended.id] } } })).toBe(0);
  });

  it("refuses a viewer over capacity; joining registers one while there is room", async () => {
    const now = Date.now();
    const small = await roadshow({
      startsAt: new Date(now - 5 * MIN),
      endsAt: new Date(now + 55 * MIN),
      status: "LIVE",
      capacity: 1,
    });
    const first = await makeUser("INVESTOR");
    const second = await makeUser("INVESTOR");
    await issueRoadshowToken(await as(first), fair.slug, small.id);
    expect(await db().roadshowRegistration.count({ where: { roadshowId: small.id, userId: first.user.id } })).toBe(1);
    await refused(issueRoadshowToken(await as(second), fair.slug, small.id), "roadshow.error.full", 409);
    expect(await db().roadshowRegistration.count({ where: { roadshowId: small.id } })).toBe(1);
    // The presenter is not a registration and is never refused for capacity.
    expect((await issueRoadshowToken(await as(exhibitor), fair.slug, small.id)).publish).toBe(true);
  });

  it("viewers get subscribe-only grants for this room; presenters, staff and people on stage publish", async () => {
    const now = Date.now();
    const live = await roadshow({
      startsAt: new Date(now - 5 * MIN),
      endsAt: new Date(now + 55 * MIN),
      status: "LIVE",
      capacity: 100,
    });
    const viewer = await makeUser("INVESTOR");
    const guest = await makeUser("INVESTOR");
    const room = `roadshow-${live.id}`;

    const v = await issueRoadshowToken(await as(viewer), fair.slug, live.id);
    expect(v).toMatchObject({ publish: false, moderator: false, identity: `u_${viewer.user.id}`, url: lk.url });
    expect(await grants(v.token)).toMatchObject({
      room,
      roomJoin: true,
      canSubscribe: true,
      canPublish: false,
      canPublishData: false,
    });

    for (const presenter of [exhibitor, staff]) {
      const p = await issueRoadshowToken(await as(presenter), fair.slug, live.id);
      expect(p).toMatchObject({ publish: true, moderator: true });
      expect(await grants(p.token)).toMatchObject({ room, roomJoin: true, canSubscribe: true, canPublish: true });
    }

    // A viewer brought on stage gets a publishing token; back in the audience, a subscribe-only one.
    await register(await as(guest), fair.slug, live.id, false);
    await db().roadshow.update({ where: { id: live.id }, data: { stageUserIds: [guest.user.id] } });
    expect(await grants((await issueRoadshowToken(await as(guest), fair.slug, live.id)).token)).toMatchObject({
      canPublish: true,
    });
    await db().roadshow.update({ where: { id: live.id }, data: { stageUserIds: [] } });
    expect(await grants((await issueRoadshowToken(await as(guest), fair.slug, live.id)).token)).toMatchObject({
      canPublish: false,
    });

    // The room exists on the real server, sized for the audience (capacity + 50).
    const rooms = await new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret).listRooms([room]);
    expect(rooms.map((r) => [r.name, r.maxParticipants])).toEqual([[room, 150]]);
  });
});
