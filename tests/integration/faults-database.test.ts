// PostgreSQL going away under a running app and coming back (docs/decisions/037-faults.md), through
// the real Express app and the production build on a PostgreSQL of the file's own that it stops and
// starts: pages answer a localized 503 with Retry-After instead of a 500, anonymous public pages are
// served from the page cache however old, nothing is half-saved, what was acknowledged before is
// still there, and pages answer again within 3 s of the restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { localeCookie } from "../../app/i18n/locale.server.ts";
import { migrate } from "../../server/db/migrate.ts";
import { PageCache } from "../../server/page-cache.ts";
import { form, send, startTestApp, type RawResponse, type TestApp } from "../harness/app-server.ts";
import { makeBooth, makeFair, makeUser } from "../harness/factories.ts";
import { findPostgresBin, startTempPostgres, type TempPostgres } from "../harness/postgres.ts";

const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

let postgres: TempPostgres;
let app: TestApp;
let fair: Awaited<ReturnType<typeof makeFair>>;
let booth: Awaited<ReturnType<typeof makeBooth>>;
let kept: Awaited<ReturnType<typeof makeBooth>>;
let investor: Awaited<ReturnType<typeof makeUser>>;
const statuses: number[] = [];

async function get(path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const r = await send(app, { path, headers: { "user-agent": CHROME, ...headers } });
  statuses.push(r.status);
  return r;
}

async function post(path: string, fields: Record<string, string>, cookie: string): Promise<RawResponse> {
  const r = await send(app, {
    method: "POST",
    path,
    headers: {
      "user-agent": CHROME,
      "content-type": "application/x-www-form-urlencoded",
      origin: app.url,
      "sec-fetch-site": "same-origin",
      cookie,
    },
    body: form(fields),
  });
  statuses.push(r.status);
  return r;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bookmarks = (boothId: string) => db().bookmark.count({ where: { userId: investor.user.id, boothId } });

describe.runIf(findPostgresBin())("PostgreSQL going away under a running app", () => {
  beforeAll(async () => {
    postgres = await startTempPostgres();
    await migrate(postgres.url);
    configure({ DATABASE_URL: postgres.url, DB_POOL_MAX: 4 });
    globalThis.__cloudfairDb = undefined;
    fair = await makeFair();
    investor = await makeUser("INVESTOR");
    const exhibitor = await makeUser("EXHIBITOR");
    booth = await makeBooth(fair, exhibitor.organizationId!);
    kept = await makeBooth(fair, (await makeUser("EXHIBITOR")).organizationId!);
    // Fresh for 100 ms, stale for 100 ms more: by the outage, the stored pages are past both.
    app = await startTestApp({ pageCache: new PageCache({ ttlMs: 100, staleMs: 100 }) });
  });

  afterAll(async () => {
    await app?.close();
    const client = globalThis.__cloudfairDb;
    globalThis.__cloudfairDb = undefined;
    await client?.$disconnect().catch(() => {});
    await postgres?.stop();
  });

  it("answers 503 with Retry-After or a cached page while it is away, never a 500, and is back within 3 s", async () => {
    // Before: the fair hall is rendered (and stored) anonymously; a bookmark is acknowledged.
    expect((await get(`/fairs/${fair.slug}`)).status).toBe(200);
    const english = (await localeCookie.serialize("en")).split(";")[0];
    expect((await get(`/fairs/${fair.slug}`, { cookie: english })).status).toBe(200);
    const saved = await post(`/booths/${kept.id}`, { bookmark: "on" }, investor.cookie);
    expect(saved.status).toBeLessThan(400);
    expect(await bookmarks(kept.id)).toBe(1);

    await postgres.halt();
    await sleep(300); // the stored pages are now older than fresh + stale

    // An anonymous public page that was stored: served however old, in the visitor's language.
    const hall = await get(`/fairs/${fair.slug}`);
    expect(hall.status).toBe(200);
    expect(hall.headers["x-page-cache"]).toBe("outage");
    expect(hall.text).toContain(fair.titleZh);
    const hallEn = await get(`/fairs/${fair.slug}`, { cookie: english });
    expect(hallEn.headers["x-page-cache"]).toBe("outage");
    expect(hallEn.text).toContain('lang="en"');

    // A page never stored: a localized 503 page with Retry-After, no stack trace.
    const home = await get("/");
    expect(home.status).toBe(503);
    expect(home.headers["retry-after"]).toBe("5");
    expect(home.headers["cache-control"]).toBe("no-store");
    expect(home.text).toContain("暂时无法服务");
    expect(home.text).not.toMatch(/Prisma|ECONNREFUSED|at .*\.ts:\d+/);
    const homeEn = await get("/", { cookie: english });
    expect(homeEn.status).toBe(503);
    expect(homeEn.text).toContain("Temporarily unavailable");

    // A client navigation gets JSON its error boundary understands.
    const data = await get(`/booths/${booth.id}?_data=routes%2Fbooths.%24id`);
    expect(data.status).toBe(503);
    expect(data.headers["x-remix-catch"]).toBe("yes");
    expect(JSON.parse(data.text).error).toMatch(/秒后重试/);

    // Signed in: never the anonymous copy; a 503.
    const signedIn = await get(`/fairs/${fair.slug}`, { cookie: investor.cookie });
    expect(signedIn.status).toBe(503);
    expect(signedIn.headers["x-page-cache"]).toBeUndefined();

    // A write: refused with 503, saying it was not saved.
    const write = await post(`/booths/${booth.id}`, { bookmark: "on" }, investor.cookie);
    expect(write.status).toBe(503);
    expect(write.headers["retry-after"]).toBe("5");
    expect(write.text).toContain("没有被保存");

    // Health says so too.
    expect((await get("/healthz")).status).toBe(503);

    // Back: within 3 s of the restart, pages answer from the database again.
    const restarted = Date.now();
    await postgres.resume();
    let recovered = -1;
    while (Date.now() - restarted < 10_000) {
      const r = await get("/");
      if (r.status === 200) {
        recovered = Date.now() - restarted;
        break;
      }
      expect(r.status).toBe(503);
      await sleep(100);
    }
    expect(recovered).toBeGreaterThanOrEqual(0);
    expect(recovered).toBeLessThanOrEqual(3_000);
    const fresh = await get(`/fairs/${fair.slug}`);
    expect(fresh.status).toBe(200);
    expect(fresh.headers["x-page-cache"]).not.toBe("outage");

    // Nothing acknowledged was lost; the refused write was not half-saved; writes work again.
    expect(await bookmarks(kept.id)).toBe(1);
    expect(await bookmarks(booth.id)).toBe(0);
    expect((await post(`/booths/${booth.id}`, { bookmark: "on" }, investor.cookie)).status).toBeLessThan(400);
    expect(await bookmarks(booth.id)).toBe(1);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
  });
});
