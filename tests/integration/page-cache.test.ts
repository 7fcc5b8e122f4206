// The public page micro-cache (docs/decisions/025-throughput.md) through the real Express app and
// the production build: nobody gets a page rendered for someone else, no Set-Cookie is ever replayed,
// booth visits still count on cached pages, and a booth approved, edited or unpublished shows (or is
// gone) on the public pages within 2 s through the search outbox's change events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { localeCookie } from "../../app/i18n/locale.server.ts";
import { startIndexer } from "../../app/search/indexer.server.ts";
import { enqueueBooth, onContentChange } from "../../app/search/outbox.server.ts";
import type { SearchEngine } from "../../app/search/port.ts";
import { PageCache } from "../../server/page-cache.ts";
import { send, startTestApp, type TestApp } from "../harness/app-server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeBooth, makeFair, makeUser } from "../harness/factories.ts";

const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

/** The indexer with an engine that accepts everything: only its change events matter here. */
const noEngine = {
  name: "embedded",
  init: async () => {},
  upsert: async () => {},
  remove: async () => {},
  removeBooth: async () => {},
  clear: async () => {},
  search: async () => ({ hits: [], total: 0 }),
  healthy: async () => true,
  count: async () => 0,
} as unknown as SearchEngine;

let app: TestApp;
let cache: PageCache;
let fair: Awaited<ReturnType<typeof makeFair>>;
let indexer: ReturnType<typeof startIndexer>;
let unsubscribe: () => void;

const get = (path: string, headers: Record<string, string> = {}) =>
  send(app, { path, headers: { "user-agent": CHROME, ...headers } });

async function orgName(organizationId: string) {
  return (await db().organization.findUniqueOrThrow({ where: { id: organizationId } })).nameZh;
}

/** Polls `path` until `ok` holds; returns the milliseconds it took (fails after 5 s). */
async function within(path: string, ok: (r: Awaited<ReturnType<typeof get>>) => boolean): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (ok(await get(path))) return Date.now() - t0;
    if (Date.now() - t0 > 5000) throw new Error(`${path} did not change within 5 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  await useTestDatabase();
  // A TTL far beyond the test: only the outbox's change events can make a change visible.
  cache = new PageCache({ ttlMs: 60_000, staleMs: 0 });
  unsubscribe = onContentChange(() => cache.clear());
  indexer = startIndexer(noEngine); // polls every 1 s, as in the server
  app = await startTestApp({ pageCache: cache });
  fair = await makeFair();
});

afterAll(async () => {
  await app?.close();
  await indexer?.stop();
  unsubscribe?.();
});

describe("public page cache", () => {
  it("serves anonymous pages from memory with a fresh CSP nonce each time", async () => {
    const booth = await makeBooth(fair, (await makeUser("EXHIBITOR")).organizationId!);
    const first = await get(`/booths/${booth.id}`);
    const second = await get(`/booths/${booth.id}`);
    expect(first.status).toBe(200);
    expect(first.headers["x-page-cache"]).toBe("miss");
    expect(second.headers["x-page-cache"]).toBe("fresh");
    const nonceOf = (r: typeof first) => /'nonce-([^']+)'/.exec(String(r.headers["content-security-policy"]))![1];
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    expect(second.text).toContain(`nonce="${nonceOf(second)}"`);
    expect(second.text).not.toContain(nonceOf(first));
    // Client navigations (_data) are cached too, as JSON.
    const data = `/booths/${booth.id}?_data=routes%2Fbooths.%24id`;
    await get(data);
    const json = await get(data);
    expect(json.headers["x-page-cache"]).toBe("fresh");
    expect(JSON.parse(json.text).booth.id).toBe(booth.id);
  });

  it("never gives a signed-in user the anonymous page, nor anyone a signed-in one", async () => {
    const booth = await makeBooth(fair, (await makeUser("EXHIBITOR")).organizationId!);
    const investor = await makeUser("INVESTOR");
    const other = await makeUser("INVESTOR");
    for (const path of ["/", `/fairs/${fair.slug}`, `/booths/${booth.id}`, "/search?q=gene"]) {
      await get(path);
      expect((await get(path)).headers["x-page-cache"]).toBe("fresh"); // the anonymous page is cached
      const mine = await get(path, { cookie: investor.cookie });
      expect(mine.status).toBe(200);
      expect(mine.headers["x-page-cache"]).toBeUndefined();
      expect(mine.text).toContain(investor.user.name);
      const theirs = await get(path, {
        cookie: `${other.cookie}; ${(await localeCookie.serialize("en")).split(";")[0]}`,
      });
      expect(theirs.text).toContain(other.user.name);
      expect(theirs.text).not.toContain(investor.user.name);
      const anonymous = await get(path);
      expect(anonymous.text).not.toContain(investor.user.name);
      expect(anonymous.text).not.toContain(other.user.name);
    }
    // A cookie the cache does not know (a session under another name, a flash) bypasses it too.
    expect((await get("/", { cookie: "cf_flash=x" })).headers["x-page-cache"]).toBeUndefined();
    expect((await get("/", { authorization: "Bearer cf_x" })).headers["x-page-cache"]).toBeUndefined();
  });

  it("keys pages by language", async () => {
    const english = (await localeCookie.serialize("en")).split(";")[0];
    const zh = await get("/fairs/" + fair.slug);
    const en = await get("/fairs/" + fair.slug, { cookie: english });
    expect(zh.text).toContain('lang="zh-CN"');
    expect(en.text).toContain('lang="en"');
    const again = await get("/fairs/" + fair.slug, { cookie: english });
    expect(again.headers["x-page-cache"]).toBe("fresh");
    expect(again.text).toContain('lang="en"');
    expect((await get("/fairs/" + fair.slug)).text).toContain('lang="zh-CN"');
  });

  it("never replays a Set-Cookie, and still counts booth visits (once per visitor and day, never bots)", async () => {
    const booth = await makeBooth(fair, (await makeUser("EXHIBITOR")).organizationId!);
    const path = `/booths/${booth.id}`;
    const a = await get(path);
    const b = await get(path);
    expect(b.headers["x-page-cache"]).toBe("fresh");
    const vid = (r: typeof a) => /^(cf_vid=[^;]+)/.exec(String(r.headers["set-cookie"] ?? ""))?.[1];
    expect(vid(a)).toBeTruthy();
    expect(vid(b)).toBeTruthy();
    expect(vid(b)).not.toBe(vid(a)); // each cookieless browser gets its own id, never a stored one
    // The same client again (with its cookie), another browser, a bot.
    expect(vid(await get(path, { cookie: vid(a)! }))).toBeUndefined();
    await get(path, { "user-agent": FIREFOX });
    const bot = await get(path, { "user-agent": "curl/8.5.0" });
    expect(bot.status).toBe(200);
    expect(bot.headers["set-cookie"]).toBeUndefined();
    expect(await db().boothVisit.count({ where: { boothId: booth.id } })).toBe(2);
    // A signed-in visit counts as that user.
    const investor = await makeUser("INVESTOR");
    await get(path, { cookie: investor.cookie });
    expect(await db().boothVisit.count({ where: { boothId: booth.id, userId: investor.user.id } })).toBe(1);
  });

  it("shows a booth approved, edited or unpublished within 2 s", async () => {
    const exhibitor = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, exhibitor.organizationId!, "SUBMITTED");
    const name = await orgName(exhibitor.organizationId!);
    const hall = `/fairs/${fair.slug}`;
    expect((await get(hall)).text).not.toContain(name);
    expect((await get(hall)).headers["x-page-cache"]).toBe("fresh");

    // Approved (as the review does: the change and its outbox row in one transaction).
    await db().$transaction(async (tx) => {
      await tx.booth.update({ where: { id: booth.id }, data: { status: "APPROVED", isPublic: true } });
      await enqueueBooth(tx, booth.id);
    });
    expect(await within(hall, (r) => r.text.includes(name))).toBeLessThan(2000);

    // Edited.
    const page = `/booths/${booth.id}`;
    expect((await get(page)).text).toContain("原始介绍");
    expect((await get(page)).headers["x-page-cache"]).toBe("fresh");
    await db().$transaction(async (tx) => {
      await tx.booth.update({ where: { id: booth.id }, data: { descriptionZh: "全新介绍" } });
      await enqueueBooth(tx, booth.id);
    });
    expect(await within(page, (r) => r.text.includes("全新介绍"))).toBeLessThan(2000);

    // Unpublished.
    await db().$transaction(async (tx) => {
      await tx.booth.update({ where: { id: booth.id }, data: { isPublic: false } });
      await enqueueBooth(tx, booth.id);
    });
    expect(await within(page, (r) => r.status === 404)).toBeLessThan(2000);
    expect(await within(hall, (r) => !r.text.includes(name))).toBeLessThan(2000);
  });

  it("with the default lifetime a change shows within 2 s even without a change event", async () => {
    const short = new PageCache(); // 1 s fresh + 1 s stale-while-revalidate, no listener
    const other = await startTestApp({ pageCache: short });
    try {
      const booth = await makeBooth(fair, (await makeUser("EXHIBITOR")).organizationId!);
      const path = `/booths/${booth.id}`;
      const at = (p: string) => send(other, { path: p, headers: { "user-agent": CHROME } });
      await at(path);
      expect((await at(path)).headers["x-page-cache"]).toBe("fresh");
      await db().booth.update({ where: { id: booth.id }, data: { descriptionZh: "悄悄修改" } });
      const t0 = Date.now();
      while (!(await at(path)).text.includes("悄悄修改")) {
        expect(Date.now() - t0).toBeLessThan(2000);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await other.close();
    }
  });
});
