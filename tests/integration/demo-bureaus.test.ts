// The demo's province and cities (issue 18, ADR 028), as a visitor of the demo meets them: the demo is
// seeded as `npm start` seeds it, each demo login signs in through the real login action, and each
// sees what the issue promises — the province reads both cities' fairs (read-only, contacts hidden),
// each city's staff act on their own city's fair and not on the other's, and staff@ is staff of
// Nanjing. The README lists the logins.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb, db } from "../../app/db/client.server.ts";
import * as loginPage from "../../app/routes/login.tsx";
import * as staffHome from "../../app/routes/staff._index.tsx";
import * as fairPage from "../../app/routes/staff.fairs.$id.tsx";
import * as dashboardPage from "../../app/routes/staff.fairs.$id_.dashboard.tsx";
import * as listPage from "../../app/routes/staff.fairs.$id_.dashboard_.$list.tsx";
import * as rollupPage from "../../app/routes/staff.bureaus.$id.tsx";
import { LocalMediaStorage } from "../../media/storage.ts";
import { DEMO_SUZHOU_SLUG } from "../../server/seed/demo-bureaus.ts";
import { DEMO_FAIR_SLUG, DEMO_PASSWORD, seedDemo } from "../../server/seed/demo-fair.ts";
import { useTestDatabase } from "../harness/db.ts";
import { changedTables, snapshotDatabase } from "../harness/world.ts";
import { call, req } from "../harness/factories.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LOGINS = {
  province: "province@demo.cloudfair.cn",
  nanjing: "staff-nanjing@demo.cloudfair.cn",
  suzhou: "staff-suzhou@demo.cloudfair.cn",
  staff: "staff@demo.cloudfair.cn",
} as const;
type Who = keyof typeof LOGINS;

/** Signs in through the login page's action, as the login form posts it; the session cookie. */
async function signIn(email: string, password = DEMO_PASSWORD): Promise<Response> {
  return call(
    loginPage.action,
    req("/login", { form: { email, password, next: "/staff" } }),
    {},
    {
      clientIp: "198.51.100.7",
    },
  );
}
const cookieOf = (res: Response) => res.headers.get("Set-Cookie")!.split(";")[0];

describe("demo bureaus and their logins (issue 18)", () => {
  const cookies = {} as Record<Who, string>;
  let nanjingFair: { id: string; organizerId: string };
  let suzhouFair: { id: string; organizerId: string };

  beforeAll(async () => {
    const url = await useTestDatabase();
    const seedDb = createDb(url);
    await seedDemo(seedDb, new LocalMediaStorage(mkdtempSync(path.join(tmpdir(), "cf-demo-bureaus-"))));
    await seedDb.$disconnect();
    nanjingFair = await db().fair.findUniqueOrThrow({ where: { slug: DEMO_FAIR_SLUG } });
    suzhouFair = await db().fair.findUniqueOrThrow({ where: { slug: DEMO_SUZHOU_SLUG } });
  }, 300_000);

  it("seeds a province with two cities, each organizing a fair", async () => {
    const bureaus = await db().organization.findMany({
      where: { slug: { in: ["jiangsu", "nanjing", "suzhou"] } },
      select: { id: true, slug: true, nameZh: true, level: true, parentId: true },
    });
    const by = Object.fromEntries(bureaus.map((b) => [b.slug, b]));
    expect(by.jiangsu).toMatchObject({ nameZh: "江苏省商务厅", level: "PROVINCE", parentId: null });
    expect(by.nanjing).toMatchObject({ nameZh: "南京市商务局", level: "CITY", parentId: by.jiangsu.id });
    expect(by.suzhou).toMatchObject({ nameZh: "苏州市商务局", level: "CITY", parentId: by.jiangsu.id });
    expect(nanjingFair.organizerId).toBe(by.nanjing.id);
    expect(suzhouFair.organizerId).toBe(by.suzhou.id);
  });

  it("signs every demo login in through the login action (and refuses a wrong password)", async () => {
    for (const who of Object.keys(LOGINS) as Who[]) {
      const res = await signIn(LOGINS[who]);
      expect(res.status, who).toBe(302);
      expect(res.headers.get("Location"), who).toBe("/staff");
      cookies[who] = cookieOf(res);
    }
    expect((await signIn(LOGINS.province, "not-the-demo-password")).status).toBe(401);
  });

  const home = async (who: Who) => {
    const res = await call(staffHome.loader, req("/staff", { cookie: cookies[who] }));
    expect(res.status, who).toBe(200);
    return (await res.json()) as {
      fairs: { id: string; relation: string; can: string }[];
      bureaus: { nameZh: string; manage: boolean }[];
    };
  };
  const fairOf = (fairs: { id: string; relation: string; can: string }[], id: string) =>
    fairs.find((f) => f.id === id) ?? null;

  it("lists both cities' fairs for the province, read-only; each city's staff only their own", async () => {
    const province = await home("province");
    expect(province.bureaus.map((b) => b.nameZh)).toEqual(["江苏省商务厅"]);
    expect(fairOf(province.fairs, nanjingFair.id)).toMatchObject({ relation: "parent", can: "report" });
    expect(fairOf(province.fairs, suzhouFair.id)).toMatchObject({ relation: "parent", can: "report" });
    expect(province.fairs.every((f) => f.can === "report")).toBe(true);

    const nanjing = await home("nanjing");
    expect(nanjing.bureaus).toEqual([expect.objectContaining({ nameZh: "南京市商务局", manage: true })]);
    expect(fairOf(nanjing.fairs, nanjingFair.id)).toMatchObject({ relation: "organizer", can: "act" });
    expect(fairOf(nanjing.fairs, suzhouFair.id)).toBeNull();

    const suzhou = await home("suzhou");
    expect(suzhou.bureaus).toEqual([expect.objectContaining({ nameZh: "苏州市商务局", manage: true })]);
    expect(suzhou.fairs.map((f) => [f.id, f.relation, f.can])).toEqual([[suzhouFair.id, "organizer", "act"]]);

    // staff@: staff (not admin) of Nanjing, the demo fair's organizer.
    const staff = await home("staff");
    expect(staff.bureaus).toEqual([expect.objectContaining({ nameZh: "南京市商务局", manage: false })]);
    expect(fairOf(staff.fairs, nanjingFair.id)).toMatchObject({ relation: "organizer", can: "act" });
    expect(fairOf(staff.fairs, suzhouFair.id)).toBeNull();
    const staffUser = await db().user.findUniqueOrThrow({
      where: { email: LOGINS.staff },
      include: { memberships: { include: { organization: { select: { slug: true } } } } },
    });
    expect(staffUser.memberships.map((m) => [m.organization.slug, m.role])).toEqual([["nanjing", "STAFF"]]);
  });

  const openFair = async (who: Who, fair: { id: string }) =>
    (await call(fairPage.loader, req(`/staff/fairs/${fair.id}`, { cookie: cookies[who] }), { id: fair.id })).status;
  const openDashboard = async (who: Who, fair: { id: string }) =>
    (
      await call(dashboardPage.loader, req(`/staff/fairs/${fair.id}/dashboard`, { cookie: cookies[who] }), {
        id: fair.id,
      })
    ).status;
  const addHall = (who: Who, fair: { id: string }, slug: string) =>
    call(
      fairPage.action,
      req(`/staff/fairs/${fair.id}`, {
        cookie: cookies[who],
        form: { intent: "hall", slug, nameZh: "演示新馆", nameEn: "Demo hall", sector: "biomedicine" },
      }),
      { id: fair.id },
    );

  it("lets the province read both cities' dashboards (contacts hidden) but open or change neither", async () => {
    for (const fair of [nanjingFair, suzhouFair]) {
      expect(await openDashboard("province", fair)).toBe(200);
      expect(await openFair("province", fair)).toBe(403);
    }
    // The leads list: the organizing city sees the investors' emails, the province does not.
    const leads = async (who: Who) => {
      const res = await call(
        listPage.loader,
        req(`/staff/fairs/${nanjingFair.id}/dashboard/leads`, { cookie: cookies[who] }),
        { id: nanjingFair.id, list: "leads" },
      );
      expect(res.status, who).toBe(200);
      return res.text();
    };
    expect(await leads("nanjing")).toMatch(/investor\d\d@demo\.cloudfair\.cn/);
    expect(await leads("province")).not.toMatch(/investor\d\d@demo\.cloudfair\.cn/);
    // The rollup shows both cities side by side.
    const province = await db().organization.findUniqueOrThrow({ where: { slug: "jiangsu" } });
    const rollup = await call(rollupPage.loader, req(`/staff/bureaus/${province.id}`, { cookie: cookies.province }), {
      id: province.id,
    });
    expect(rollup.status).toBe(200);
    const cities = ((await rollup.json()) as { rollup: { cities: { nameZh: string; fairs: number }[] } }).rollup.cities;
    expect(cities.map((c) => c.nameZh).sort()).toEqual(["南京市商务局", "苏州市商务局"]);
    expect(cities.every((c) => c.fairs >= 1)).toBe(true);

    const before = await snapshotDatabase();
    for (const fair of [nanjingFair, suzhouFair])
      expect((await addHall("province", fair, `prov-${fair.id.slice(-6)}`)).status).toBe(403);
    expect(changedTables(before, await snapshotDatabase())).toEqual([]);
  });

  it("lets each city's staff act on their own fair only", async () => {
    const cases: [Who, { id: string }, { id: string }][] = [
      ["nanjing", nanjingFair, suzhouFair],
      ["staff", nanjingFair, suzhouFair],
      ["suzhou", suzhouFair, nanjingFair],
    ];
    for (const [who, own, other] of cases) {
      expect(await openFair(who, own), who).toBe(200);
      expect(await openFair(who, other), who).toBe(403);
      expect(await openDashboard(who, other), who).toBe(403);
      const before = await snapshotDatabase();
      expect((await addHall(who, other, `x-${who}`)).status, who).toBe(403);
      expect(changedTables(before, await snapshotDatabase()), who).toEqual([]);
      const slug = `own-${who}`;
      expect((await addHall(who, own, slug)).status, who).toBe(302);
      expect(await db().hall.count({ where: { fairId: own.id, slug } }), who).toBe(1);
    }
  });

  it("lists the demo logins and their password in the README", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const start = readme.indexOf("## Demo logins");
    expect(start).toBeGreaterThanOrEqual(0);
    const end = readme.indexOf("\n## ", start + 1);
    const section = readme.slice(start, end < 0 ? undefined : end);
    expect(section).toContain(DEMO_PASSWORD);
    const lineOf = (email: string) => section.split("\n").find((l) => l.includes(`\`${email}\``)) ?? "";
    expect(lineOf(LOGINS.province)).toContain("江苏省商务厅");
    expect(lineOf(LOGINS.nanjing)).toContain("南京市商务局");
    expect(lineOf(LOGINS.suzhou)).toContain("苏州市商务局");
    expect(lineOf(LOGINS.staff)).toContain("南京市商务局"); // staff of one of the cities
  });
});
