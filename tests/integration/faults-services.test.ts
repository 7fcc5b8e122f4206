// Services going away under a running app and coming back (issue 19, docs/decisions/037): Redis,
// Meilisearch, LiveKit and the S3 server are each stopped and started again on the same port and
// data. Meanwhile what needs the service answers a localized 503 with Retry-After (or, for search,
// its localized notice), never a 500 and never a hang; what does not need it keeps working; nothing
// the app acknowledged is lost; and the app recovers by itself within seconds of the return.
// Each describe runs only where its binary is installed. Measured times are printed (ADR 037).
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { closeRateLimitStore } from "../../app/lib/rate-limit.server.ts";
import { startIndexer } from "../../app/search/indexer.server.ts";
import { MeiliSearchEngine } from "../../app/search/meili.server.ts";
import { pendingCount } from "../../app/search/outbox.server.ts";
import * as searchPage from "../../app/routes/search.tsx";
import { listRoomNames, roomNameFor } from "../../media/video/livekit.ts";
import { attachRealtime } from "../../server/realtime.ts";
import { hasTool, startLiveKit } from "../../server/services/processes.ts";
import { form, multipart, send, startTestApp, type RawResponse, type TestApp } from "../harness/app-server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { postLiveKitWebhook } from "../harness/livekit-webhooks.ts";
import { call, makeBooth, makeFair, makeMeeting, makeUser, req, TEST_PASSWORD } from "../harness/factories.ts";
import { findMeilisearchBin, startTestMeilisearch } from "../harness/meilisearch.ts";
import { startRedis } from "../harness/redis.ts";
import { reviewBooth } from "../harness/review.ts";
import { startS3 } from "../harness/s3.ts";
import { openSocket } from "../harness/sockets.ts";

const APP_URL = "https://fair.example.cn";
const hasRedis = spawnSync("sh", ["-c", "command -v redis-server"]).status === 0;
const hasMeili = !process.env.MEILI_URL && findMeilisearchBin() !== null;
const hasLiveKit = hasTool("livekit-server");
const hasS3 = hasTool("versitygw");

let app: TestApp;
const sockets: Socket[] = [];

beforeAll(async () => {
  await useTestDatabase();
  configure({ APP_URL, COOKIE_SECURE: false });
  app = await startTestApp();
}, 300_000);

afterAll(async () => {
  sockets.forEach((s) => s.close());
  await app?.close();
  configure({ APP_URL: undefined, COOKIE_SECURE: undefined });
});

/** Polls until `probe` gives something truthy; returns it and how long it took. */
async function until<T>(probe: () => Promise<T | null | undefined | false>, ms = 20_000) {
  const t0 = Date.now();
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return { value: v, ms: Date.now() - t0 };
    if (Date.now() - t0 > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A timed request: the answer and how long it took (a hang fails the test by its timeout). */
async function timed(r: Promise<RawResponse>) {
  const t0 = Date.now();
  const res = await r;
  return Object.assign(res, { ms: Date.now() - t0 });
}

const same = { origin: APP_URL, "sec-fetch-site": "same-origin" };
const urlencoded = { "content-type": "application/x-www-form-urlencoded" };
const measured = (what: string, value: unknown) => console.info(`[faults] ${what}: ${JSON.stringify(value)}`);

/** A localized 503 that says when to try again, without internals. */
function expectUnavailable(r: RawResponse, text: RegExp) {
  expect(r.status).toBe(503);
  expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
  expect(r.text).toMatch(text);
  expect(r.text).not.toMatch(/\n\s+at |node_modules|Error:/);
}

describe.runIf(hasRedis)("Redis going away (socket.io adapter, shared rate limits)", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const closers: (() => Promise<void>)[] = [];
  let urlA: string;
  let urlB: string;
  let boothId: string;
  let team: Awaited<ReturnType<typeof makeUser>>;
  let visitor: Awaited<ReturnType<typeof makeUser>>;

  let rtA: Awaited<ReturnType<typeof attachRealtime>>;
  async function instance(redisUrl: string) {
    const http = createServer();
    // A small queue for broadcasts to other instances while Redis is away (10,000 in the server).
    const rt = await attachRealtime(http, { redisUrl, redisQueueMax: 50 });
    rtA ??= rt;
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    closers.push(() => rt.close());
    return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  }
  const sendChat = (s: Socket, body: string) =>
    new Promise<{ ok: boolean; message?: { id: string } }>((resolve) =>
      s.emit("chat:send", { boothId, body }, resolve),
    );

  beforeAll(async () => {
    redis = await startRedis();
    configure({ REDIS_URL: redis.url });
    [urlA, urlB] = [await instance(redis.url), await instance(redis.url)];
    const fair = await makeFair();
    team = await makeUser("EXHIBITOR");
    visitor = await makeUser("VISITOR");
    boothId = (await makeBooth(fair, team.organizationId!, "APPROVED")).id;
  });
  afterAll(async () => {
    for (const c of closers.splice(0)) await c().catch(() => {});
    await closeRateLimitStore();
    configure({ REDIS_URL: undefined });
    await redis?.stop();
  });

  it("keeps chat, sign-in and the API working while Redis is away, and shares again when it returns", async () => {
    // Two instances in one process share one realtime bus: the last attached (B) publishes what the
    // chat domain posts, as each app process does through its own. So B is "the same instance" here.
    const visitorOnB = await openSocket(urlB, sockets, visitor.cookie);
    const teamOnA = await openSocket(urlA, sockets, team.cookie);
    const teamOnB = await openSocket(urlB, sockets, team.cookie);
    const gotA: string[] = [];
    const gotB: string[] = [];
    teamOnA.on("chat:message", (m: { body: string }) => gotA.push(m.body));
    teamOnB.on("chat:message", (m: { body: string }) => gotB.push(m.body));
    expect((await sendChat(visitorOnB, "before")).ok).toBe(true);
    await until(async () => gotA.includes("before") && gotB.includes("before"));

    await redis.halt();
    // Chat: acknowledged, stored, delivered on the same instance.
    const t0 = Date.now();
    const during = await sendChat(visitorOnB, "while Redis is away");
    measured("redis away: chat send ack ms", Date.now() - t0);
    expect(during.ok).toBe(true);
    await until(async () => gotB.includes("while Redis is away"), 5_000);
    expect(await db().chatMessage.count({ where: { id: during.message!.id } })).toBe(1);
    // The API's rate limit counts in memory meanwhile; sign-in does not need Redis.
    const api = await timed(send(app, { path: "/api/v1/fairs" }));
    measured("redis away: GET /api/v1/fairs", { status: api.status, ms: api.ms });
    expect(api.status).toBe(200);
    const login = await timed(
      send(app, {
        method: "POST",
        path: "/login",
        headers: { ...urlencoded, ...same },
        body: form({ email: visitor.email, password: TEST_PASSWORD }),
      }),
    );
    measured("redis away: POST /login", { status: login.status, ms: login.ms });
    expect(login.status).toBe(302);

    // Broadcasts for the other instances wait in a bounded queue: past it they are dropped, counted,
    // and nothing rejects unhandled (vitest fails the file on an unhandled rejection).
    for (let i = 0; i < 200; i++) rtA.io.to("user:nobody").emit("probe", i);
    await new Promise((r) => setTimeout(r, 200));
    measured("redis away: broadcasts dropped past the queue of 50", rtA.redisDropped());
    expect(rtA.redisDropped()).toBeGreaterThanOrEqual(150);

    await redis.resume();
    // Cross-instance delivery comes back by itself.
    let n = 0;
    const back = await until(async () => {
      const body = `after ${n++}`;
      await sendChat(visitorOnB, body);
      await new Promise((r) => setTimeout(r, 150));
      return gotA.includes(body);
    });
    measured("redis back: cross-instance chat again after ms", back.ms);
    expect(back.ms).toBeLessThan(5_000);
    // Whatever instance A's sockets missed while Redis was away is in the stored history.
    expect(
      await db().chatMessage.count({ where: { body: { in: ["before", "while Redis is away"] }, thread: { boothId } } }),
    ).toBe(2);
    measured("redis back: the message sent while away reached A late", gotA.includes("while Redis is away"));
  }, 40_000);
});

describe.runIf(hasMeili)("Meilisearch going away (search page, outbox)", () => {
  // Started in beforeAll, not while the file is collected: a filtered run (-t) skips the hooks,
  // and a server started at collection would then never be stopped.
  let meili: Awaited<ReturnType<typeof startTestMeilisearch>>;
  let engine: MeiliSearchEngine;
  let indexer: ReturnType<typeof startIndexer>;
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staff: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    meili = await startTestMeilisearch();
    engine = new MeiliSearchEngine({ url: meili!.url, apiKey: meili!.apiKey, index: meili!.index });
    await engine.init();
    globalThis.__cloudfairSearch = engine;
    fair = await makeFair();
    staff = await makeUser("STAFF", fair.organizerId);
    indexer = startIndexer(engine, 1000); // as the search-drain job does, every second
  });
  afterAll(async () => {
    await indexer?.stop();
    globalThis.__cloudfairSearch = undefined;
    await meili?.stop();
  });

  const inIndex = async (boothId: string) =>
    (await engine.search({ q: "", filters: { fairId: [fair.id] }, perPage: 100 })).hits.some(
      (h) => h.doc.boothId === boothId,
    );

  it("answers the search page with its notice while away; a booth approved meanwhile is found after the return", async () => {
    const ex = await makeUser("EXHIBITOR");
    const before = await makeBooth(fair, ex.organizationId!, "SUBMITTED");
    await reviewBooth(fair.id, staff.cookie, before.id, "approve");
    await until(async () => inIndex(before.id));

    await meili!.halt();
    const page = await call(searchPage.loader, req("/search?q=%E5%9F%BA%E5%9B%A0"));
    expect(page.status).toBe(200); // the localized "search is unavailable" notice, not a 500
    expect(await page.json()).toMatchObject({ ok: false });
    // An approval while the engine is away is acknowledged and waits in the outbox.
    const ex2 = await makeUser("EXHIBITOR");
    const during = await makeBooth(fair, ex2.organizationId!, "SUBMITTED");
    await reviewBooth(fair.id, staff.cookie, during.id, "approve");
    expect(await db().booth.findUniqueOrThrow({ where: { id: during.id } })).toMatchObject({ status: "APPROVED" });
    // Long enough for several failed tries (which once grew the backoff to a minute or more).
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await pendingCount()).toBeGreaterThan(0);
    const row = await db().searchOutbox.findFirst({ where: { boothId: during.id } });
    measured("meili away: outbox row after 6 s", { attempts: row?.attempts, lastError: row?.lastError?.slice(0, 60) });

    const t0 = Date.now();
    await meili!.resume();
    measured("meili restart ms", Date.now() - t0);
    const found = await until(async () => inIndex(during.id));
    measured("meili back: booth approved while away searchable after ms", found.ms);
    expect(found.ms).toBeLessThan(5_000);
    expect(await inIndex(before.id)).toBe(true); // the same data directory: nothing indexed before is lost
    const drained = await until(async () => (await pendingCount()) === 0);
    measured("meili back: outbox empty after ms (from the booth found)", drained.ms);
    const again = await call(searchPage.loader, req("/search"));
    expect(await again.json()).toMatchObject({ ok: true });
  }, 60_000);
});

describe.runIf(hasLiveKit)("LiveKit going away (rooms, tokens, webhooks)", () => {
  let lk: Awaited<ReturnType<typeof startLiveKit>>;
  let meetingId: string;
  let investor: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    lk = await startLiveKit();
    configure({ LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret });
    const fair = await makeFair();
    investor = await makeUser("INVESTOR");
    const exhibitor = await makeUser("EXHIBITOR");
    const now = Date.now();
    const meeting = await makeMeeting({
      fair,
      investor,
      exhibitor,
      startsAt: new Date(now - 5 * 60_000),
      endsAt: new Date(now + 25 * 60_000),
    });
    meetingId = meeting.id;
  });
  afterAll(async () => {
    configure({ LIVEKIT_URL: undefined, LIVEKIT_API_KEY: undefined, LIVEKIT_API_SECRET: undefined });
    await lk?.stop();
  });

  const token = () =>
    timed(
      send(app, {
        method: "POST",
        path: `/meetings/${meetingId}/video`,
        headers: { ...urlencoded, ...same, cookie: investor.cookie },
        body: form({ intent: "token" }),
      }),
    );
  const signedWebhook = (id: string) =>
    postLiveKitWebhook(lk, {
      event: "participant_joined",
      id,
      createdAt: Math.floor(Date.now() / 1000),
      room: { name: roomNameFor(meetingId) },
      participant: { sid: `PA_${id}`, identity: `u_${investor.user.id}`, joinedAt: Math.floor(Date.now() / 1000) },
    });

  it("answers token requests 503 with Retry-After while away, keeps pages and webhooks, and joins again after", async () => {
    expect((await token()).status).toBe(200);

    await lk.halt();
    const refused = await token();
    measured("livekit away: token", {
      status: refused.status,
      ms: refused.ms,
      retryAfter: refused.headers["retry-after"],
    });
    expectUnavailable(refused, /"error":"服务暂时不可用/);
    const room = await send(app, { path: `/meetings/${meetingId}/room`, headers: { cookie: investor.cookie } });
    expect(room.status).toBe(200);
    const health = JSON.parse((await send(app, { path: "/healthz" })).text) as { video: { status: string } };
    expect(health.video.status).toBe("down");
    // A webhook LiveKit sent just before it went (or retries now) is verified without it, applied once.
    expect(await signedWebhook("EV_faults_join")).toEqual({ status: 200, text: "applied" });
    expect(await signedWebhook("EV_faults_join")).toEqual({ status: 200, text: "duplicate" });
    expect(await db().meetingAttendance.count({ where: { meetingId } })).toBe(1);

    const t0 = Date.now();
    await lk.resume();
    const restartMs = Date.now() - t0;
    const back = await until(async () => (await token()).status === 200);
    measured("livekit back: restart ms, then token 200 after ms", { restartMs, tokenMs: back.ms });
    expect(back.ms).toBeLessThan(5_000);
    const settings = { url: lk.url, apiKey: lk.apiKey, apiSecret: lk.apiSecret, egress: false };
    expect(await listRoomNames(settings)).toContain(roomNameFor(meetingId)); // made again for the join
    const healthBack = JSON.parse((await send(app, { path: "/healthz" })).text) as { video: { status: string } };
    expect(healthBack.video.status).toBe("ok");
  }, 60_000);
});

describe.runIf(hasS3)("the S3 server going away (uploads, /media)", () => {
  let s3: Awaited<ReturnType<typeof startS3>>;
  let cookie: string;
  let boothId: string;
  let projectId: string;
  const pdf = Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj " +
      "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  );
  const upload = (filename: string) => {
    const { body, contentType } = multipart([
      { name: "intent", value: "attachment-add" },
      { name: "id", value: projectId },
      { name: "file", filename, type: "application/pdf", data: pdf },
    ]);
    return timed(
      send(app, {
        method: "POST",
        path: `/booths/${boothId}/edit?_data=${encodeURIComponent("routes/booths.$id_.edit")}`,
        headers: { cookie, "content-type": contentType },
        body,
      }),
    );
  };
  const media = (key: string) => timed(send(app, { path: `/media/${key}`, headers: { cookie } }));
  const attachments = () => db().projectAttachment.findMany({ where: { projectId }, orderBy: { createdAt: "asc" } });
  let exhibitorId: string;
  const exportMyData = () =>
    send(app, { method: "POST", path: "/account/export", headers: { cookie, ...urlencoded, ...same }, body: "" });

  beforeAll(async () => {
    s3 = await startS3();
    s3.useForApp();
    const fair = await makeFair();
    const exhibitor = await makeUser("EXHIBITOR");
    cookie = exhibitor.cookie;
    exhibitorId = exhibitor.user.id;
    boothId = (await makeBooth(fair, exhibitor.organizationId!, "DRAFT")).id;
    projectId = (await db().project.findFirstOrThrow({ where: { boothId } })).id;
  });
  afterAll(async () => {
    configure({
      S3_ENDPOINT: undefined,
      S3_REGION: undefined,
      S3_BUCKET: undefined,
      S3_ACCESS_KEY_ID: undefined,
      S3_SECRET_ACCESS_KEY: undefined,
      S3_FORCE_PATH_STYLE: undefined,
    });
    await s3?.stop();
  });

  it("refuses uploads with a 503 and no row while away, answers /media 503, and serves everything after", async () => {
    expect((await upload("before.pdf")).status).toBe(204);
    const [before] = await attachments();
    expect((await media(before.key)).status).toBe(200);

    await s3.halt();
    const refused = await upload("during.pdf");
    measured("s3 away: upload", { status: refused.status, ms: refused.ms, retryAfter: refused.headers["retry-after"] });
    expectUnavailable(refused, /没有被保存/);
    expect((await attachments()).map((a) => a.originalName)).toEqual(["before.pdf"]); // no row, no dangling key
    const away = await media(before.key);
    measured("s3 away: GET /media", { status: away.status, ms: away.ms });
    expectUnavailable(away, /服务暂时不可用/);
    expect(away.headers["cache-control"]).toBe("no-store");
    // "Download my data" with an uploaded file: refused before it starts (not a zip without the
    // file), and not counted against the once-per-minutes limit.
    const exportAway = await exportMyData();
    expect(exportAway.status).toBe(302);
    expect(exportAway.headers.location).toBe("/account?exportUnavailable=1");
    expect(await db().auditLog.count({ where: { actorId: exhibitorId, action: "account.export" } })).toBe(0);

    const t0 = Date.now();
    await s3.resume();
    const restartMs = Date.now() - t0;
    const back = await until(async () => (await media(before.key)).status === 200);
    measured("s3 back: restart ms, then /media 200 after ms", { restartMs, mediaMs: back.ms });
    expect(back.ms).toBeLessThan(5_000);
    expect((await upload("after.pdf")).status).toBe(204);
    const all = await attachments();
    expect(all.map((a) => a.originalName)).toEqual(["before.pdf", "after.pdf"]);
    for (const a of all) expect((await media(a.key)).body).toEqual(pdf);
    const exportBack = await exportMyData();
    expect(exportBack.status).toBe(200);
    expect(exportBack.headers["content-type"]).toBe("application/zip");
    expect(exportBack.body.includes(Buffer.from(`uploads/${before.key}`))).toBe(true);
  }, 60_000);
});
