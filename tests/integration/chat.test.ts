// Booth chat over real socket.io: live delivery, persistence and paginated history, presence,
// typing, limits, privacy — and delivery across two app instances through a real Redis.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "socket.io-client";
import { openSocket } from "../harness/sockets.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { HISTORY_PAGE, history, inbox } from "../../app/domain/chat/chat.server.ts";
import { attachRealtime } from "../../server/realtime.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";
import { startRedis } from "../harness/redis.ts";

const sockets: Socket[] = [];
const open = (url: string, cookie?: string) => openSocket(url, sockets, cookie);
const collect = (s: Socket, event: string) => {
  const got: Record<string, unknown>[] = [];
  s.on(event, (p) => got.push(p));
  return got;
};
const until = async (cond: () => boolean) => {
  for (let i = 0; i < 150 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(cond()).toBe(true);
};
const send = (s: Socket, payload: unknown) =>
  new Promise<{ ok: boolean; error?: string; message?: { threadId: string } }>((resolve) =>
    s.emit("chat:send", payload, resolve),
  );
async function server(redisUrl?: string) {
  const http = createServer();
  const rt = await attachRealtime(http, { redisUrl });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => rt.close() };
}

describe("booth chat", () => {
  let url: string;
  let boothId: string;
  let team: Awaited<ReturnType<typeof makeUser>>;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    await useTestDatabase();
    const s = await server();
    url = s.url;
    closers.push(s.close);
    const fair = await makeFair();
    team = await makeUser("EXHIBITOR");
    boothId = (await makeBooth(fair, team.organizationId!, "APPROVED")).id;
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    for (const c of closers) await c();
  });

  it("delivers a visitor's message to the team live and keeps it; text stays text", async () => {
    const visitor = await makeUser("VISITOR");
    const [vs, ts] = await Promise.all([open(url, visitor.cookie), open(url, team.cookie)]);
    const teamGot = collect(ts, "chat:message");
    const reply = await send(vs, { boothId, body: "<b>你好</b>，请问支持海外投资吗？" });
    expect(reply.ok).toBe(true);
    await until(() => teamGot.length === 1);
    expect(teamGot[0]).toMatchObject({ body: "<b>你好</b>，请问支持海外投资吗？", boothId });
    const me = (await getUser(req("/", { cookie: team.cookie })))!;
    expect((await inbox(me)).map((t) => t.last)).toContain("<b>你好</b>，请问支持海外投资吗？");
    // the team answers in the thread; the visitor hears it
    const visitorGot = collect(vs, "chat:message");
    expect((await send(ts, { boothId, threadId: reply.message!.threadId, body: "支持，欢迎预约洽谈。" })).ok).toBe(
      true,
    );
    await until(() => visitorGot.length === 1);
  });

  it("refuses anonymous senders, empty and over-long messages, and floods, with localized errors", async () => {
    const anon = await open(url);
    expect(await send(anon, { boothId, body: "hi" })).toMatchObject({ ok: false, error: "请先登录。" });
    const visitor = await makeUser("VISITOR");
    const vs = await open(url, visitor.cookie);
    expect(await send(vs, { boothId, body: "   " })).toMatchObject({ ok: false, error: "消息不能为空。" });
    expect(await send(vs, { boothId, body: "长".repeat(1001) })).toMatchObject({
      ok: false,
      error: "消息过长（最多 1000 字）。",
    });
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await send(vs, { boothId, body: `消息 ${i}` }));
    expect(results.filter((r) => r.ok)).toHaveLength(8);
    expect(results.at(-1)).toMatchObject({ ok: false, error: "发送太频繁，请稍候再试。" });
  });

  it("pages history backwards and keeps other people out of a thread", async () => {
    const visitor = await makeUser("VISITOR");
    const me = (await getUser(req("/", { cookie: visitor.cookie })))!;
    const thread = await db().chatThread.create({ data: { boothId, visitorUserId: me.id } });
    await db().chatMessage.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        threadId: thread.id,
        senderUserId: me.id,
        body: `第${i}条`,
        createdAt: new Date(Date.now() - (45 - i) * 1000),
      })),
    });
    const first = await history(me, thread.id);
    expect(first.messages).toHaveLength(HISTORY_PAGE);
    expect(first.messages.at(-1)!.body).toBe("第44条");
    expect(first.hasMore).toBe(true);
    const second = await history(me, thread.id, first.messages[0].id);
    expect(second.messages.map((m) => m.body)).toEqual(Array.from({ length: 15 }, (_, i) => `第${i}条`));
    expect(second.hasMore).toBe(false);
    const stranger = (await getUser(req("/", { cookie: (await makeUser("VISITOR")).cookie })))!;
    await expect(history(stranger, thread.id)).rejects.toMatchObject({ status: 404 });
    const otherTeam = (await getUser(req("/", { cookie: (await makeUser("EXHIBITOR")).cookie })))!;
    await expect(history(otherTeam, thread.id)).rejects.toMatchObject({ status: 404 });
  });

  it("counts people at a booth (anonymous included) and shows typing to the other side", async () => {
    const a = await open(url);
    const visitor = await makeUser("VISITOR");
    const b = await open(url, visitor.cookie);
    const seen = collect(a, "booth:presence");
    a.emit("booth:join", { boothId });
    b.emit("booth:join", { boothId });
    await until(() => seen.some((p) => p.count === 2));
    b.close();
    await until(() => seen.at(-1)?.count === 1);
    const vs = await open(url, visitor.cookie);
    const ts = await open(url, team.cookie);
    const typing = collect(ts, "chat:typing");
    const r = await send(vs, { boothId, body: "在吗" });
    vs.emit("chat:typing", { threadId: r.message!.threadId });
    await until(() => typing.length === 1);
    expect(typing[0]).toMatchObject({ threadId: r.message!.threadId });
  });

  it("reaches a client on instance B when the message goes through instance A (Redis adapter)", async () => {
    const redis = await startRedis();
    const [a, b] = await Promise.all([server(redis.url), server(redis.url)]);
    closers.push(a.close, b.close, redis.stop);
    const visitor = await makeUser("VISITOR");
    const onA = await open(a.url, visitor.cookie);
    const onB = await open(b.url, team.cookie);
    const got = collect(onB, "chat:message");
    expect((await send(onA, { boothId, body: "跨实例消息" })).ok).toBe(true);
    await until(() => got.length === 1);
    expect(got[0]).toMatchObject({ body: "跨实例消息" });
  });
});
