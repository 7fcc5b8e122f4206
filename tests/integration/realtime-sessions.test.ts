// A socket lives no longer than its session (ADR 003): logout and password reset close it at once on
// every instance (two instances over a real Redis), an event after the session ended is refused and
// stored nowhere, and a socket that only listens is closed by the periodic check.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset, resetPassword } from "../../app/auth/accounts.server.ts";
import { createSession } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { emitToUser } from "../../app/realtime/bus.server.ts";
import * as logout from "../../app/routes/logout.tsx";
import { attachRealtime, SESSION_RECHECK_MS, SESSION_SWEEP_MS } from "../../server/realtime.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";
import { startRedis } from "../harness/redis.ts";

const sockets: Socket[] = [];
const closers: (() => Promise<void>)[] = [];

async function server(opts: Parameters<typeof attachRealtime>[1] = {}) {
  const http = createServer();
  const rt = await attachRealtime(http, opts);
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  closers.push(() => rt.close());
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}
const open = (url: string, cookie?: string) =>
  new Promise<Socket>((resolve, reject) => {
    const s = connect(url, {
      transports: ["websocket"],
      extraHeaders: cookie ? { Cookie: cookie } : {},
      reconnection: false,
    });
    sockets.push(s);
    s.once("connect_error", reject);
    s.once("connect", () => resolve(s));
  });
const reopen = (s: Socket) =>
  new Promise<void>((resolve) => {
    s.once("connect", () => resolve());
    s.connect();
  });
/** Resolves with how long the socket took to be closed by the server, or fails after `ms`. */
const closedWithin = (s: Socket, ms: number) =>
  new Promise<number>((resolve, reject) => {
    const start = Date.now();
    const timer = setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms);
    s.once("disconnect", (reason) => {
      clearTimeout(timer);
      expect(reason).toBe("io server disconnect");
      resolve(Date.now() - start);
    });
  });
const send = (s: Socket, payload: unknown) =>
  new Promise<{ ok: boolean; error?: string; status?: number }>((resolve) => s.emit("chat:send", payload, resolve));
const whoami = (s: Socket) => new Promise<{ userId: string | null }>((resolve) => s.emit("whoami", resolve));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cookieOf = (setCookie: string) => setCookie.split(";")[0];

describe("a socket lives no longer than its session", () => {
  let a: string;
  let b: string;
  let boothId: string;

  beforeAll(async () => {
    await useTestDatabase();
    const redis = await startRedis();
    closers.push(redis.stop);
    // Two instances with the production timings; the bus is wired to the last one (b).
    a = await server({ redisUrl: redis.url });
    b = await server({ redisUrl: redis.url });
    const fair = await makeFair();
    const team = await makeUser("EXHIBITOR");
    boothId = (await makeBooth(fair, team.organizationId!, "APPROVED")).id;
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    for (const c of closers.reverse()) await c();
  });

  it("checks often enough: every event within seconds, every socket within 30 s", () => {
    expect(SESSION_RECHECK_MS).toBeLessThanOrEqual(5_000);
    expect(SESSION_SWEEP_MS).toBeLessThanOrEqual(30_000);
  });

  it("closes the sockets of a session at logout within 2 s, on another instance too; other sessions stay", async () => {
    const visitor = await makeUser("VISITOR");
    const otherCookie = cookieOf(await createSession(visitor.user.id));
    const [old, otherDevice] = await Promise.all([open(a, visitor.cookie), open(a, otherCookie)]);
    expect(await whoami(old)).toEqual({ userId: visitor.user.id });
    const closed = closedWithin(old, 2000);
    await call(logout.action, req("/logout", { cookie: visitor.cookie, form: {} }));
    expect(await closed).toBeLessThan(2000);
    await sleep(100);
    expect(otherDevice.connected).toBe(true);

    // Connecting again with the old cookie gives an anonymous socket: it cannot post as the user …
    await reopen(old);
    expect(await whoami(old)).toEqual({ userId: null });
    expect(await send(old, { boothId, body: "我还在吗？" })).toMatchObject({ ok: false, error: "请先登录。" });
    expect(await db().chatMessage.count({ where: { senderUserId: visitor.user.id } })).toBe(0);
    // … nor hear what is sent to the user, which still reaches the live session.
    const heard: string[] = [];
    old.on("notification", () => heard.push("old"));
    otherDevice.on("notification", () => heard.push("other"));
    emitToUser(visitor.user.id, "notification", { id: "n1" });
    await sleep(300);
    expect(heard).toEqual(["other"]);
  });

  it("closes every socket of the user at a password reset within 2 s, on both instances", async () => {
    const visitor = await makeUser("VISITOR");
    const second = cookieOf(await createSession(visitor.user.id));
    const onA = await open(a, visitor.cookie);
    const onB = await open(b, second);
    const closed = Promise.all([closedWithin(onA, 2000), closedWithin(onB, 2000)]);
    const link = await requestPasswordReset(visitor.email, "http://x", "192.0.2.1");
    await resetPassword(link!.split("/").pop()!, "a-brand-new-passphrase");
    for (const ms of await closed) expect(ms).toBeLessThan(2000);
  });

  it("refuses an event once the session has expired, stores nothing and closes the socket", async () => {
    const visitor = await makeUser("VISITOR");
    const s = await open(a, visitor.cookie);
    expect((await send(s, { boothId, body: "会话有效时的消息" })).ok).toBe(true);
    // The session ends without a bus message (it simply expires).
    await db().session.updateMany({
      where: { userId: visitor.user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await sleep(SESSION_RECHECK_MS + 100);
    const closed = closedWithin(s, 2000);
    expect(await send(s, { boothId, body: "会话过期后的消息" })).toMatchObject({
      ok: false,
      error: "请先登录。",
      status: 401,
    });
    await closed;
    const bodies = (await db().chatMessage.findMany({ where: { senderUserId: visitor.user.id } })).map((m) => m.body);
    expect(bodies).toEqual(["会话有效时的消息"]);
  });

  it("closes a socket that only listens once its session is gone, at the periodic check", async () => {
    const fast = await server({ sessionSweepMs: 300 });
    const visitor = await makeUser("INVESTOR");
    const s = await open(fast, visitor.cookie);
    const closed = closedWithin(s, 2000);
    await db().session.deleteMany({ where: { userId: visitor.user.id } });
    await closed;
  });
});
