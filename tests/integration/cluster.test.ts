// `npm run cluster` driven end to end (ADR 030): two production instances behind the reverse proxy on
// one PostgreSQL, Redis, Meilisearch and the S3 server (when installed). A session made on A works on B; an upload
// on A is served by B; chat crosses instances; a reminder is sent once; a rate limit is shared; search answers the same on
// both; killing A mid-traffic loses no acknowledged write.
import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { enqueueBooths } from "../../app/search/outbox.server.ts";
import { hasTool } from "../../server/services/processes.ts";
import { startCluster, type Cluster } from "../../scripts/cluster/topology.ts";
import { ensureBuild } from "../harness/app-server.ts";
import { findPostgresBin } from "../harness/postgres.ts";
import { openSocket } from "../harness/sockets.ts";
import { makeBooth, makeFair, makeMeeting, makeUser, TEST_PASSWORD } from "../harness/factories.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > end) return v;
    await sleep(250);
  }
}

describe.runIf(findPostgresBin())("the cluster: two instances behind the proxy", () => {
  let cluster: Cluster;
  let a: string;
  let b: string;
  const sockets: Socket[] = [];
  let meetingId: string;
  let boothId: string;
  let team: Awaited<ReturnType<typeof makeUser>>;
  let investor: Awaited<ReturnType<typeof makeUser>>;
  const BOOTH_WORD = `集群展位${Date.now().toString(36)}`;

  beforeAll(async () => {
    await ensureBuild();
    // Reminders every 2 s instead of 30 s: the reminder test waits for one run, not for the natural interval
    // (and the job then runs many more times on both instances, each a chance to send twice).
    cluster = await startCluster({ instances: 2, seed: false, env: { REMINDER_JOB_MS: "2000" } });
    [a, b] = cluster.instances.map((i) => i.url);
    configure({ DATABASE_URL: cluster.databaseUrl, DB_POOL_MAX: 4 });
    globalThis.__cloudfairDb = undefined;
    const fair = await makeFair();
    team = await makeUser("EXHIBITOR");
    investor = await makeUser("INVESTOR");
    const booth = await makeBooth(fair, team.organizationId!, "APPROVED");
    boothId = booth.id;
    await db().booth.update({ where: { id: boothId }, data: { descriptionZh: `${BOOTH_WORD} 介绍` } });
    await enqueueBooths([boothId]);
    // Starts in 5 minutes: the reminder job (every REMINDER_JOB_MS, one instance at a time) sends it once.
    const startsAt = new Date(Date.now() + 5 * 60_000);
    meetingId = (
      await makeMeeting({
        fair,
        investor,
        exhibitor: team,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        status: "SCHEDULED",
      })
    ).id;
  }, 240_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await globalThis.__cloudfairDb?.$disconnect();
    globalThis.__cloudfairDb = undefined;
    configure({ DATABASE_URL: undefined, DB_POOL_MAX: undefined });
    await cluster?.stop();
  }, 60_000);

  it("keeps a session made on A on B", async () => {
    // Through the proxy (the Host a browser sends), pinned to instance A by the proxy's sticky cookie.
    const login = await fetch(`${cluster.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: cluster.url, Cookie: "cf_node=0" },
      body: new URLSearchParams({ email: investor.email, password: TEST_PASSWORD, next: "" }),
    });
    expect(login.status).toBe(302);
    const cookie = (login.headers.getSetCookie() ?? [])
      .map((c) => c.split(";")[0])
      .filter((c) => !c.startsWith("cf_node="))
      .join("; ");
    expect(cookie).toMatch(/=/);
    const onB = await fetch(`${b}/account`, { redirect: "manual", headers: { Cookie: cookie } });
    expect(onB.status).toBe(200);
    // and through the proxy, whichever instance answers
    for (let i = 0; i < 4; i++)
      expect((await fetch(`${cluster.url}/account`, { redirect: "manual", headers: { Cookie: cookie } })).status).toBe(
        200,
      );
  });

  it("serves from B a logo uploaded on A (kept on the S3 server, not on either instance's disk)", async () => {
    const png = await sharp({ create: { width: 64, height: 32, channels: 3, background: "#2a7" } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.set("intent", "logo");
    form.set("logo", new File([new Uint8Array(png)], "logo.png"));
    const up = await fetch(`${cluster.url}/booths/${boothId}/edit`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: `cf_node=0; ${team.cookie}`, Origin: cluster.url },
      body: form,
    });
    expect(up.status).toBe(302);
    const { logoKey } = await db().booth.findUniqueOrThrow({ where: { id: boothId }, select: { logoKey: true } });
    const onB = await fetch(`${b}/media/${logoKey!.split("/").map(encodeURIComponent).join("/")}`);
    expect(onB.status).toBe(200);
    expect((await onB.arrayBuffer()).byteLength).toBeGreaterThan(0);
    if (hasTool("versitygw")) {
      expect(cluster.s3Url).toBeTruthy();
      expect(existsSync(path.join(cluster.mediaDir, logoKey!))).toBe(false);
    }
  });

  it("carries a chat message from B to the team on A (WebSocket through the proxy too)", async () => {
    const visitor = await makeUser("VISITOR");
    const teamSocket = await openSocket(a, sockets, team.cookie);
    const visitorSocket = await openSocket(b, sockets, visitor.cookie);
    const got: { body: string }[] = [];
    teamSocket.on("chat:message", (m: { body: string }) => got.push(m));
    const reply = await new Promise<{ ok: boolean }>((resolve) =>
      visitorSocket.emit("chat:send", { boothId, body: "跨实例的消息" }, resolve),
    );
    expect(reply.ok).toBe(true);
    await until(
      async () => got.length,
      (n) => n > 0,
      10_000,
    );
    expect(got.map((m) => m.body)).toContain("跨实例的消息");
    // The proxy passes WebSocket upgrades.
    const viaProxy = await openSocket(cluster.url, sockets, visitor.cookie);
    expect(viaProxy.connected).toBe(true);
  });

  it("shares the open API's per-IP limit between the instances", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await fetch(`${i % 2 ? b : a}/api/v1/fairs`)).status);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect((await fetch(`${b}/api/v1/fairs`)).status).toBe(429);
    expect((await fetch(`${a}/api/v1/fairs`)).status).toBe(429);
  });

  it("answers a search the same on both instances", async () => {
    const hits = async (base: string) => {
      const html = await (await fetch(`${base}/search?q=${encodeURIComponent(BOOTH_WORD)}`)).text();
      return html.includes(boothId) || html.includes(BOOTH_WORD);
    };
    expect(await until(() => hits(a), Boolean, 30_000)).toBe(true);
    expect(await hits(b)).toBe(true);
  });

  it("sends a meeting reminder once however many instances run the job", async () => {
    const count = () =>
      db().notification.count({
        where: { kind: "meeting.starting", data: { path: ["meetingId"], equals: meetingId } },
      });
    await until(count, (n) => n >= 2, 60_000);
    await sleep(2000);
    expect(await count()).toBe(2); // one per participant, once
  }, 90_000);

  it("loses no acknowledged write when instance A is killed mid-traffic", async () => {
    const acknowledged: string[] = [];
    let n = 0;
    const signup = async () => {
      const email = `cluster-${Date.now().toString(36)}-${n++}@test.cloudfair.cn`;
      const res = await fetch(`${cluster.url}/signup`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: cluster.url },
        body: new URLSearchParams({
          name: "集群用户",
          email,
          password: "Lanterns-over-Qinhuai-47",
          accountType: "visitor",
          orgName: "",
          next: "",
        }),
      }).catch(() => null);
      if (res && res.status === 302) acknowledged.push(email);
    };
    const traffic = (async () => {
      for (let i = 0; i < 12; i++) await Promise.all([signup(), signup()]);
    })();
    await until(
      async () => acknowledged.length,
      (k) => k >= 4,
      30_000,
    );
    await cluster.instances[0].kill();
    // Really gone (the server and its workers, not just the launcher): nothing answers on A's port.
    expect(
      await fetch(`${a}/healthz`).then(
        (r) => r.status,
        () => "refused",
      ),
    ).toBe("refused");
    await traffic;
    expect(acknowledged.length).toBeGreaterThan(8); // B kept answering
    const stored = await db().user.count({ where: { email: { in: acknowledged } } });
    expect(stored).toBe(acknowledged.length);
  }, 90_000);
});
