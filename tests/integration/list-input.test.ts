// Careless and hostile query values on the dashboard, its lists and exports, and on every paginated
// list, through the real loaders (issue 14: `?to=2026-13-45` and `page=1.5` answered 500). Dates
// that do not exist are ignored with a localized message (exports: 400 with it); a reversed range is
// swapped and said; any page that is not a whole number in range is page 1 (or the last page).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { createSearchEngine } from "../../app/search/engines.server.ts";
import * as dashboardRoute from "../../app/routes/staff.fairs.$id_.dashboard.tsx";
import * as listRoute from "../../app/routes/staff.fairs.$id_.dashboard_.$list.tsx";
import * as exportRoute from "../../app/routes/staff.fairs.$id_.dashboard_.$list_.export.tsx";
import * as leadsRoute from "../../app/routes/exhibitor.leads.tsx";
import * as reviewRoute from "../../app/routes/staff.fairs.$id_.review.tsx";
import * as negotiationsRoute from "../../app/routes/staff.fairs.$id_.negotiations.tsx";
import * as notificationsRoute from "../../app/routes/notifications.tsx";
import * as searchRoute from "../../app/routes/search.tsx";
import * as fairHallRoute from "../../app/routes/fairs.$slug.tsx";
import * as apiRoute from "../../app/routes/api.v1.$.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";

type User = Awaited<ReturnType<typeof makeUser>>;
type Json = Record<string, unknown>;

/** Page values seen from fuzzers and careless links, none of them a page number. */
const BAD_PAGES = ["1.5", "1e400", "99999999999999999999", "-1", "0", "abc", "", "1,5", "2.0", "0x2"];
/** Dates of the right shape that do not exist, or lie outside 2000–2100, or are not dates at all. */
const BAD_DATES = ["2026-13-45", "2026-99-99", "2026-02-30", "0001-01-01", "9999-12-31", "x".repeat(300), "2026-12"];

describe("hostile list input", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staff: User, staffEn: User, exhibitor: User, investor: User;
  const base = () => `/staff/fairs/${fair.id}/dashboard`;
  const json = async (res: Response) => {
    expect(res.status).toBe(200);
    return (await res.json()) as Json;
  };
  const dashboard = (query: string, cookie = staff.cookie) =>
    call(dashboardRoute.loader, req(`${base()}${query}`, { cookie }), { id: fair.id });
  const list = (kind: string, query: string, cookie = staff.cookie) =>
    call(listRoute.loader, req(`${base()}/${kind}${query}`, { cookie }), { id: fair.id, list: kind });
  const exportOf = (kind: string, query: string, cookie = staff.cookie) =>
    call(exportRoute.loader, req(`${base()}/${kind}/export${query}`, { cookie }), { id: fair.id, list: kind });

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    await db().fair.update({ where: { id: fair.id }, data: { status: "LIVE" } });
    [staff, staffEn, exhibitor, investor] = await Promise.all([
      makeUser("STAFF", fair.organizerId),
      makeUser("STAFF", fair.organizerId),
      makeUser("EXHIBITOR"),
      makeUser("INVESTOR"),
    ]);
    await db().user.update({ where: { id: staffEn.user.id }, data: { locale: "en" } });
    await makeBooth(fair, exhibitor.organizationId!);
    // 30 meetings over three days: two pages of the meetings list (25 a page), so a page of 1.5
    // would have become OFFSET 12.5.
    await db().meeting.createMany({
      data: Array.from({ length: 30 }, (_, i) => {
        const startsAt = new Date(Date.UTC(2026, 11, 8 + (i % 3), 1 + Math.floor(i / 3), 0));
        return {
          fairId: fair.id,
          investorOrgId: investor.organizationId!,
          exhibitorOrgId: exhibitor.organizationId!,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 20 * 60_000),
          status: "COMPLETED" as const,
        };
      }),
    });
    await db().notification.createMany({
      data: Array.from({ length: 35 }, (_, i) => ({
        userId: investor.user.id,
        kind: "meeting.request",
        data: { n: i },
      })),
    });
  });

  describe("dates on the dashboard, its lists and its exports", () => {
    it("ignores a date that does not exist, says so next to the filter, and never answers 500", async () => {
      const whole = ((await json(await dashboard(""))) as { report: { funnel: Json } }).report.funnel;
      for (const bad of BAD_DATES)
        for (const field of ["from", "to"]) {
          const body = await json(await dashboard(`?${field}=${encodeURIComponent(bad)}`));
          expect(body.filters, `${field}=${bad}`).toEqual({});
          expect(body.problems).toEqual([
            { kind: "date", field, problem: expect.any(String), value: bad.slice(0, 40) },
          ]);
          expect((body as { report: { funnel: Json } }).report.funnel).toEqual(whole);
        }
      // The valid half of a range still applies.
      const half = await json(await dashboard("?from=2026-12-09&to=2026-02-30"));
      expect(half.filters).toEqual({ from: "2026-12-09" });
      expect((half as { report: { funnel: { held: number } } }).report.funnel.held).toBe(20);
    });

    it("swaps a range given backwards and says so, instead of showing zeros", async () => {
      const swapped = await json(await dashboard("?from=2026-12-09&to=2026-12-08"));
      expect(swapped.filters).toEqual({ from: "2026-12-08", to: "2026-12-09" });
      expect(swapped.problems).toEqual([{ kind: "swapped", from: "2026-12-08", to: "2026-12-09" }]);
      const straight = await json(await dashboard("?from=2026-12-08&to=2026-12-09"));
      expect((swapped as { report: unknown }).report).toEqual((straight as { report: unknown }).report);
      expect((straight as { report: { funnel: { held: number } } }).report.funnel.held).toBe(20);
    });

    it("does the same on every list behind the numbers", async () => {
      for (const kind of ["meetings", "requests", "outcomes", "booths", "leads", "surveys"]) {
        const body = await json(await list(kind, "?to=2026-13-45"));
        expect(body.problems, kind).toEqual([
          { kind: "date", field: "to", problem: "impossible", value: "2026-13-45" },
        ]);
      }
      const meetings = await json(await list("meetings", "?from=2026-12-10&to=2026-12-09"));
      expect(meetings.total).toBe(20);
      expect(meetings.filters).toEqual({ from: "2026-12-09", to: "2026-12-10" });
      // The list's own day condition is a real day or nothing.
      expect((await json(await list("meetings", "?day=2026-02-30"))).total).toBe(30);
      expect((await json(await list("meetings", "?day=2026-12-08"))).total).toBe(10);
    });

    it("refuses to export with such filters: 400 with the reason in the user's language", async () => {
      for (const format of ["csv", "xlsx"])
        for (const bad of BAD_DATES) {
          const res = await exportOf("meetings", `?format=${format}&to=${encodeURIComponent(bad)}`);
          expect(res.status, `${format} to=${bad}`).toBe(400);
          expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
          expect(await res.text()).toMatch(
            /^无法导出：「结束日期」的值“.*”(不是日期|不是日历上存在的日期|超出可选范围)/,
          );
        }
      const backwards = await exportOf("outcomes", "?format=csv&from=2026-12-09&to=2026-12-08");
      expect(backwards.status).toBe(400);
      expect(await backwards.text()).toBe("无法导出：开始日期晚于结束日期，已交换为 2026-12-08 至 2026-12-09。");
      const en = await exportOf("meetings", "?format=csv&to=2026-02-30", staffEn.cookie);
      expect(await en.text()).toBe(
        "Cannot export: To: “2026-02-30” is not a day on the calendar; this filter is not applied.",
      );
      // Nothing was exported, so nothing was logged as exported.
      expect(await db().auditLog.count({ where: { action: "report.export", entityId: fair.id } })).toBe(0);
      expect((await exportOf("meetings", "?format=csv&from=2026-12-08&to=2026-12-09")).status).toBe(200);
    });
  });

  describe("page numbers on every paginated list", () => {
    const pageOf = (body: Json, path: string[]) =>
      path.reduce<unknown>((o, k) => (o as Json | undefined)?.[k], body) as number;

    it("dashboard lists: page 1 for anything but a page number, the last page beyond the end", async () => {
      for (const page of BAD_PAGES) {
        const body = await json(await list("meetings", `?page=${encodeURIComponent(page)}`));
        expect(body.page, `page=${page}`).toBe(1);
        expect((body.rows as unknown[]).length).toBe(25);
      }
      const second = await json(await list("meetings", "?page=2"));
      expect([second.page, (second.rows as unknown[]).length]).toEqual([2, 5]);
      expect((await json(await list("meetings", "?page=3"))).page).toBe(2);
      expect((await json(await list("meetings", "?page=999999"))).page).toBe(2);
      for (const kind of ["requests", "outcomes", "booths", "leads", "surveys"])
        expect((await json(await list(kind, "?page=1e400"))).page, kind).toBe(1);
    });

    const cases: [string, () => (page: string) => Promise<Response>, string[]][] = [
      [
        "exhibitor leads",
        () => (p) => call(leadsRoute.loader, req(`/exhibitor/leads?page=${p}`, { cookie: exhibitor.cookie })),
        ["page"],
      ],
      [
        "review queue",
        () => (p) =>
          call(
            reviewRoute.loader,
            req(`/staff/fairs/${fair.id}/review?status=ALL&page=${p}`, { cookie: staff.cookie }),
            {
              id: fair.id,
            },
          ),
        ["q", "page"],
      ],
      [
        "negotiations",
        () => (p) =>
          call(
            negotiationsRoute.loader,
            req(`/staff/fairs/${fair.id}/negotiations?page=${p}`, { cookie: staff.cookie }),
            {
              id: fair.id,
            },
          ),
        ["list", "page"],
      ],
      [
        "notifications",
        () => (p) => call(notificationsRoute.loader, req(`/notifications?page=${p}`, { cookie: investor.cookie })),
        ["page"],
      ],
      ["search", () => (p) => call(searchRoute.loader, req(`/search?q=&page=${p}`)), ["result", "page"]],
      [
        "fair hall",
        () => (p) => call(fairHallRoute.loader, req(`/fairs/${fair.slug}?page=${p}`), { slug: fair.slug }),
        ["page"],
      ],
      [
        "open data API",
        () => (p) =>
          call(apiRoute.loader, req(`/api/v1/fairs/${fair.slug}/booths?page=${p}`), {
            "*": `fairs/${fair.slug}/booths`,
          }),
        ["page"],
      ],
    ];

    for (const [name, make, path] of cases)
      it(`${name}: page 1 for anything but a page number`, async () => {
        const engine = createSearchEngine({});
        await engine.init();
        globalThis.__cloudfairSearch = engine;
        const get = make();
        for (const page of BAD_PAGES) {
          const res = await get(encodeURIComponent(page));
          expect(res.status, `${name} page=${page}`).toBe(200);
          expect(pageOf((await res.json()) as Json, path), `${name} page=${page}`).toBe(1);
        }
        expect(pageOf(await json(await get("2")), path)).toBeGreaterThanOrEqual(1);
        globalThis.__cloudfairSearch = undefined;
      });

    it("notifications: a real second page is still the second page", async () => {
      const body = await json(
        await call(notificationsRoute.loader, req("/notifications?page=2", { cookie: investor.cookie })),
      );
      expect([body.page, (body.items as unknown[]).length]).toEqual([2, 5]);
    });
  });
});
