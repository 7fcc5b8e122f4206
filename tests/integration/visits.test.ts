// Booth visits count once per visitor, booth and day (in the fair's zone); bots never count; a
// client that refuses or forges cookies counts once per IP and user agent. The staff dashboard
// shows exactly these counts (issue 14: 50 cookieless curl requests used to add 50 visits).
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { visitorCookie } from "../../app/domain/booths/visitor-id.server.ts";
import * as boothPage from "../../app/routes/booths.$id.tsx";
import * as dashboard from "../../app/routes/staff.fairs.$id_.dashboard.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";

const CHROME =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

describe("booth visits", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staff: Awaited<ReturnType<typeof makeUser>>;

  /** One booth page view; returns the cf_vid cookie it set, if any. */
  async function view(boothId: string, opts: { ua?: string; ip?: string; cookie?: string } = {}) {
    const request = req(`/booths/${boothId}`, { cookie: opts.cookie });
    if (opts.ua !== undefined) request.headers.set("User-Agent", opts.ua);
    const res = await call(boothPage.loader, request, { id: boothId }, { clientIp: opts.ip ?? "203.0.113.7" });
    expect(res.status).toBe(200);
    return /^(cf_vid=[^;]+)/.exec(res.headers.get("Set-Cookie") ?? "")?.[1] ?? null;
  }
  const visits = (boothId: string) => db().boothVisit.count({ where: { boothId } });
  const newBooth = async () => makeBooth(fair, (await makeUser("EXHIBITOR")).organizationId!, "APPROVED");
  const at = (iso: string) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(iso));
  };

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair(); // Asia/Shanghai
    staff = await makeUser("STAFF", fair.organizerId);
  });
  afterEach(() => vi.useRealTimers());

  it("counts 50 cookieless browser requests from one client once, though each gets a cookie", async () => {
    const booth = await newBooth();
    for (let i = 0; i < 50; i++) expect(await view(booth.id, { ua: CHROME })).toMatch(/^cf_vid=/);
    expect(await visits(booth.id)).toBe(1);
    // Another client (other address, or other browser) is another visitor.
    await view(booth.id, { ua: CHROME, ip: "198.51.100.20" });
    await view(booth.id, { ua: SAFARI });
    expect(await visits(booth.id)).toBe(3);
  });

  it("never counts bots: curl, crawlers, HTTP libraries, headless browsers — and gives them no cookie", async () => {
    const booth = await newBooth();
    const bots = [
      "curl/8.5.0",
      "Wget/1.21.4",
      "python-requests/2.32.3",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
    ];
    for (const ua of bots)
      for (let i = 0; i < 10; i++) expect(await view(booth.id, { ua, ip: `192.0.2.${i}` })).toBeNull();
    expect(await visits(booth.id)).toBe(0);
  });

  it("counts a browser that keeps its cookie once a day, by the fair's calendar, and as one visitor", async () => {
    const booth = await newBooth();
    at("2026-12-08T01:00:00Z"); // 09:00 in Shanghai
    const cookie = (await view(booth.id, { ua: CHROME }))!;
    for (let i = 0; i < 5; i++) expect(await view(booth.id, { ua: CHROME, cookie })).toBeNull();
    at("2026-12-08T15:59:00Z"); // 23:59 the same day in Shanghai
    await view(booth.id, { ua: CHROME, cookie, ip: "198.51.100.99" }); // a new address changes nothing
    expect(await visits(booth.id)).toBe(1);
    at("2026-12-08T16:01:00Z"); // 00:01 on the 9th in Shanghai (still the 8th in UTC)
    await view(booth.id, { ua: CHROME, cookie });
    await view(booth.id, { ua: CHROME, cookie });
    const rows = await db().boothVisit.findMany({ where: { boothId: booth.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.day?.toISOString().slice(0, 10))).toEqual(["2026-12-08", "2026-12-09"]);
    expect(new Set(rows.map((r) => r.visitorId)).size).toBe(1);
    expect(await visitorCookie.parse(cookie)).toBe(rows[0].visitorId);
    // Known by its cookie from then on: no IP hash kept for it.
    expect(rows[1].ipKey).toBeNull();
  });

  it("counts a client that makes up a new cookie for every request once a day", async () => {
    const booth = await newBooth();
    for (let i = 0; i < 30; i++) {
      const forged = (await visitorCookie.serialize(`forged-visitor-${i}`.padEnd(22, "x"))).split(";")[0];
      await view(booth.id, { ua: CHROME, cookie: forged, ip: "198.51.100.7" });
    }
    expect(await visits(booth.id)).toBe(1);
  });

  it("counts a signed-in visitor once a day whatever the address, browser or number of views", async () => {
    const booth = await newBooth();
    const investor = await makeUser("INVESTOR");
    at("2026-12-08T02:00:00Z");
    for (const [ua, ip] of [
      [CHROME, "203.0.113.1"],
      [SAFARI, "203.0.113.2"],
      [CHROME, "203.0.113.1"],
    ])
      await view(booth.id, { ua, ip, cookie: investor.cookie });
    at("2026-12-09T02:00:00Z");
    await view(booth.id, { ua: CHROME, cookie: investor.cookie });
    const rows = await db().boothVisit.findMany({ where: { boothId: booth.id } });
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.visitorId))).toEqual(new Set([`u:${investor.user.id}`]));
  });

  it("holds under concurrency: 20 simultaneous cookieless requests count once", async () => {
    const booth = await newBooth();
    await Promise.all(Array.from({ length: 20 }, () => view(booth.id, { ua: CHROME, ip: "198.51.100.50" })));
    expect(await visits(booth.id)).toBe(1);
  });

  it("keeps IP hashes unlinkable: a day's salt is deleted two days later", async () => {
    const booth = await newBooth();
    at("2026-12-20T02:00:00Z");
    await view(booth.id, { ua: SAFARI, ip: "198.51.100.61" });
    at("2026-12-23T02:00:00Z");
    await view(booth.id, { ua: SAFARI, ip: "198.51.100.61" });
    const days = (await db().visitSalt.findMany()).map((s) => s.day.toISOString().slice(0, 10));
    expect(days).toContain("2026-12-23");
    expect(days).not.toContain("2026-12-20");
    expect(days.every((d) => d >= "2026-12-21")).toBe(true);
    const rows = await db().boothVisit.findMany({ where: { boothId: booth.id } });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.ipKey && !r.ipKey.includes("198.51"))).toBe(true);
  });

  it("shows the staff dashboard the same numbers: 50 curl + 50 cookieless requests are one visit", async () => {
    const booth = await newBooth();
    const report = async () => {
      const res = await call(dashboard.loader, req(`/staff/fairs/${fair.id}/dashboard`, { cookie: staff.cookie }), {
        id: fair.id,
      });
      return ((await res.json()) as { report: { funnel: { visits: number; visitors: number } } }).report.funnel;
    };
    const before = await report();
    for (let i = 0; i < 50; i++) await view(booth.id, { ua: "curl/8.5.0", ip: "198.51.100.80" });
    for (let i = 0; i < 50; i++) await view(booth.id, { ua: CHROME, ip: "198.51.100.80" });
    const after = await report();
    expect(after.visits - before.visits).toBe(1);
    expect(after.visitors - before.visitors).toBe(1);
  });
});
