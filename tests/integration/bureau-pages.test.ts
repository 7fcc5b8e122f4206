// Bureau pages as a browser gets them (issue 18, ADR 028), rendered by the real app over the
// production build: the rollup dashboard of a province with two cities' fairs (each chart beside a
// table with the rollup's numbers, a chosen period, CSV and XLSX exports that agree, per currency,
// each deal once), the home page's fairs grouped under their organizing bureau, and a bureau's page
// listing only its public fairs.
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { bureauRollup, type Rollup } from "../../app/domain/reports/rollup.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import { formatMoney } from "../../app/i18n/index.ts";
import { startTestApp, type TestApp } from "../harness/app-server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeBooth, makeFair, makeMeeting, makeUser } from "../harness/factories.ts";
import { hit } from "../harness/route-requests.ts";

type U = Awaited<ReturnType<typeof makeUser>>;
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`;
const zh = serverTranslator("zh-CN");
/** The tables' exact amounts (charts and cards may shorten them). */
const money = (m: { minor: number; currency: string }) => formatMoney("zh-CN", m.minor, m.currency, true);

async function bureau(level: "PROVINCE" | "CITY", nameZh: string, parentId?: string) {
  const slug = `b-${uniq()}`;
  return db().organization.create({
    data: { kind: "BUREAU", nameZh: `${nameZh}${slug}`, nameEn: `${nameZh} ${slug}`, slug, level, parentId },
  });
}

// ── A small reader of React's server markup ─────────────────────────────────────────────────────
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
/** The body rows of the table with this test id, each a list of its cells' text; null when absent. */
function tableRows(html: string, testId: string): string[][] | null {
  const table = new RegExp(`<table[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  if (!table) return null;
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table[1])?.[1] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1])),
  );
}
/** The charts (their accessible labels) drawn just before the table with this id, after the previous table. */
function chartsBefore(html: string, testId: string): string[] {
  const at = html.indexOf(`data-testid="${testId}"`);
  const from = html.lastIndexOf("</table>", at);
  const between = html.slice(from < 0 ? 0 : from, at);
  return [...between.matchAll(/<figure[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => tag.includes('data-testid="chart"'))
    .map((tag) => /aria-label="([^"]*)"/.exec(tag)?.[1] ?? "");
}
/** A percentage cell's number: "33.3%" → 33.3. */
const percent = (cell: string) => Number(cell.replace(/[^\d.]/g, ""));

describe("bureau pages, rendered (ADR 028)", () => {
  let app: TestApp;
  let province: Awaited<ReturnType<typeof bureau>>;
  let cityA: Awaited<ReturnType<typeof bureau>>;
  let cityB: Awaited<ReturnType<typeof bureau>>;
  let staffP: U;

  beforeAll(async () => {
    await useTestDatabase();
    configure({ LOG_LEVEL: "silent" });
    province = await bureau("PROVINCE", "江苏省商务厅");
    cityA = await bureau("CITY", "南京市商务局", province.id);
    cityB = await bureau("CITY", "苏州市商务局", province.id);
    staffP = await makeUser("STAFF", province.id);
    app = await startTestApp();
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    configure({ LOG_LEVEL: undefined });
  });

  const get = (path: string, cookie?: string) => hit(app, { method: "GET", path, cookie });

  describe("the rollup dashboard of a province over its two cities' fairs", () => {
    beforeAll(async () => {
      const [inv, invUS, exA, exA2, exB] = await Promise.all([
        makeUser("INVESTOR"),
        makeUser("INVESTOR"),
        makeUser("EXHIBITOR"),
        makeUser("EXHIBITOR"),
        makeUser("EXHIBITOR"),
      ]);
      await db().organization.update({ where: { id: inv.organizationId! }, data: { country: "CN" } });
      await db().organization.update({ where: { id: invUS.organizationId! }, data: { country: "US" } });
      const fairA = await makeFair();
      const fairB = await makeFair();
      await db().fair.update({ where: { id: fairA.id }, data: { organizerId: cityA.id } });
      await db().fair.update({ where: { id: fairB.id }, data: { organizerId: cityB.id } });
      await makeBooth(fairA, exA.organizationId!, "APPROVED");
      await makeBooth(fairA, exA2.organizationId!, "APPROVED");
      await makeBooth(fairB, exB.organizationId!, "APPROVED");
      await makeBooth(fairB, exA.organizationId!, "SUBMITTED"); // not approved: not counted
      const at = (day: string, h: number) => new Date(`${day}T0${h}:00:00Z`);
      const meet = (fair: { id: string }, i: U, e: U, day: string, status: "COMPLETED" | "NO_SHOW", h = 2) =>
        makeMeeting({ fair, investor: i, exhibitor: e, startsAt: at(day, h), endsAt: at(day, h + 1), status });
      const m1 = await meet(fairA, inv, exA, "2026-12-08", "COMPLETED");
      const m2 = await meet(fairA, invUS, exA2, "2026-12-09", "COMPLETED");
      await meet(fairA, invUS, exA, "2026-12-09", "NO_SHOW", 5);
      const m4 = await meet(fairB, inv, exB, "2026-12-10", "COMPLETED");
      const outcome = (meetingId: string, author: U, side: string, result: string, amount: number, currency: string) =>
        db().meetingOutcome.create({
          data: {
            meetingId,
            authorId: author.user.id,
            side: side as never,
            result: result as never,
            amount,
            currency,
            rating: 4,
          },
        });
      // One deal recorded by both sides: counted once (the investor's record), not 3,000,000.
      await outcome(m1.id, inv, "INVESTOR", "INTENT_TO_INVEST", 1_000_000, "CNY");
      await outcome(m1.id, exA, "EXHIBITOR", "INTENT_TO_INVEST", 2_000_000, "CNY");
      await outcome(m2.id, exA2, "EXHIBITOR", "LETTER_OF_INTENT", 500, "USD");
      await outcome(m4.id, inv, "INVESTOR", "LETTER_OF_INTENT", 300_000.5, "CNY");
    });

    const rollupPage = async (query = "") => {
      const res = await get(`/staff/bureaus/${province.id}${query}`, staffP.cookie);
      expect(res.status).toBe(200);
      return res.text;
    };
    const cityRow = (rows: string[][], city: { nameZh: string }) => rows.find((r) => r[0] === city.nameZh)!;

    it("shows each chart beside a table, the tables holding the rollup's numbers", async () => {
      const html = await rollupPage();
      const r = await bureauRollup(province.id, {});
      // What the data above must give (written by hand): per currency, the deal recorded twice once.
      expect(r.totals).toMatchObject({ fairs: 2, booths: 3, held: 3, noShows: 1, outcomes: 4 });
      expect(r.totals.money.map((m) => [m.currency, m.minor, m.deals])).toEqual([
        ["CNY", 130_000_050, 2],
        ["USD", 50_000, 1],
      ]);

      // Cities: one chart, then the table, with the same numbers as the rollup, city by city.
      expect(chartsBefore(html, "rollup-cities")).toEqual([zh("report.chartLabel", { title: zh("rollup.cities") })]);
      const cities = tableRows(html, "rollup-cities")!;
      expect(cities).toHaveLength(2);
      for (const c of r.cities) {
        const row = cityRow(cities, c);
        expect(row, c.nameZh).toBeTruthy();
        expect(row.slice(1, 4).map(Number)).toEqual([c.fairs, c.booths, c.held]);
        expect(percent(row[4])).toBe(Math.round(c.noShowRate! * 1000) / 10);
        expect(Number(row[5])).toBe(c.outcomes);
        expect(row[6]).toBe(c.money.map(money).join(" · "));
      }
      expect(cityRow(cities, cityA).slice(1, 6)).toEqual(["1", "2", "2", "33.3%", "3"]);
      expect(cityRow(cities, cityA)[6]).toBe(
        `${money({ minor: 100_000_000, currency: "CNY" })} · ${money({ minor: 50_000, currency: "USD" })}`,
      );
      expect(cityRow(cities, cityB).slice(1, 6)).toEqual(["1", "1", "1", "0%", "1"]);
      expect(cityRow(cities, cityB)[6]).toBe(money({ minor: 30_000_050, currency: "CNY" }));
      expect(cityRow(cities, cityB)[6]).toBe("¥300,000.50"); // exact to the fen, never shortened

      // Intended investment by city, sector and investor country: a chart per currency, then the table.
      const cityName = (id: string) => r.cities.find((c) => c.bureauId === id)!.nameZh;
      const keyText: Record<string, (key: string) => string> = {
        city: cityName,
        sector: (k) => zh(`sector.${k}` as never),
        country: (k) => k,
      };
      const titles = { city: "rollup.byCity", sector: "rollup.bySector", country: "rollup.byCountry" } as const;
      for (const dim of ["city", "sector", "country"] as const) {
        const title = zh(titles[dim]);
        expect(chartsBefore(html, `rollup-money-${dim}`), dim).toEqual(
          ["CNY", "USD"].map((cur) => zh("report.chartLabel", { title: `${title} · ${cur}` })),
        );
        const rows = tableRows(html, `rollup-money-${dim}`)!;
        expect(
          rows.map((row) => [row[0], row[1], row[2], Number(row[3])]),
          dim,
        ).toEqual(r.money[dim].map((m) => [keyText[dim](m.key), m.currency, money(m), m.deals]));
      }
      expect(tableRows(html, "rollup-money-country")!.map((row) => [row[0], row[1], row[3]])).toEqual([
        ["CN", "CNY", "2"],
        ["US", "USD", "1"],
      ]);
      // No chart without its table: one for the cities, one per currency for each money table.
      expect(html.match(/data-testid="chart"/g)).toHaveLength(1 + 3 * 2);
    });

    it("filters by the chosen period (Shanghai days), in the page and in its exports", async () => {
      const html = await rollupPage("?from=2026-12-10&to=2026-12-10");
      expect(html).toMatch(/<input[^>]*name="from"[^>]*value="2026-12-10"/);
      expect(html).toMatch(/<input[^>]*name="to"[^>]*value="2026-12-10"/);
      const cities = tableRows(html, "rollup-cities")!;
      // Only Suzhou's 10 December meeting is in the period; Nanjing's of the 8th and 9th are not.
      expect(cityRow(cities, cityA).slice(3, 6)).toEqual(["0", "—", "0"]);
      expect(cityRow(cities, cityB).slice(3, 6)).toEqual(["1", "0%", "1"]);
      expect(tableRows(html, "rollup-money-city")!.map((row) => [row[0], row[1], row[2]])).toEqual([
        [cityB.nameZh, "CNY", money({ minor: 30_000_050, currency: "CNY" })],
      ]);
      expect(html.match(/data-testid="chart"/g)).toHaveLength(1 + 3); // one currency left
      // The export links carry the period.
      expect(html).toContain(`/staff/bureaus/${province.id}/export?from=2026-12-10&amp;to=2026-12-10&amp;format=xlsx`);
      // A day that does not exist: the page says so (no 500), the export refuses it.
      const bad = await get(`/staff/bureaus/${province.id}?from=2026-02-30`, staffP.cookie);
      expect(bad.status).toBe(200);
      expect(bad.text).toContain(zh("rollup.badDate", { value: "2026-02-30" }));
      expect(
        (await get(`/staff/bureaus/${province.id}/export?format=xlsx&from=2026-02-30`, staffP.cookie)).status,
      ).toBe(400);
    });

    /** The export's rows as text (header first), from the CSV and from the XLSX. */
    const csvRows = async (query: string) => {
      const res = await get(`/staff/bureaus/${province.id}/export?format=csv${query}`, staffP.cookie);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/csv/);
      return parseCsv(res.body, { bom: true, relax_column_count: false }) as string[][];
    };
    const xlsxRows = async (query: string) => {
      const res = await get(`/staff/bureaus/${province.id}/export?format=xlsx${query}`, staffP.cookie);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      expect(String(res.headers["content-disposition"])).toMatch(/\.xlsx/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      const sheet = wb.worksheets[0];
      const width = sheet.getRow(1).cellCount;
      const rows: (string | number | null)[][] = [];
      sheet.eachRow({ includeEmpty: false }, (row) => {
        const cells: (string | number | null)[] = [];
        for (let i = 1; i <= width; i++) {
          const v = row.getCell(i).value;
          cells.push(v === null || v === undefined ? null : (v as string | number));
        }
        rows.push(cells);
      });
      return rows;
    };

    it("exports the same rows as CSV and as XLSX (numbers as numbers), per currency, each deal once", async () => {
      for (const query of ["", "&from=2026-12-10&to=2026-12-10"]) {
        const csv = await csvRows(query);
        const xlsx = await xlsxRows(query);
        expect(
          xlsx.map((row) => row.map((v) => (v === null ? "" : String(v)))),
          query,
        ).toEqual(csv);
        // Counts and amounts are numbers in the spreadsheet, not text.
        const amount = csv[0].indexOf(zh("rollup.col.amount"));
        const fairs = csv[0].indexOf(zh("rollup.col.fairs"));
        expect(xlsx.slice(1).every((row) => row[amount] === null || typeof row[amount] === "number")).toBe(true);
        expect(xlsx.slice(1).every((row) => row[fairs] === null || typeof row[fairs] === "number")).toBe(true);
      }
      const csv = await csvRows("");
      const col = (name: string) => csv[0].indexOf(zh(name as never));
      const [section, name, deals, currency, amount] = [
        "rollup.col.section",
        "rollup.col.name",
        "rollup.col.count",
        "rollup.col.currency",
        "rollup.col.amount",
      ].map(col);
      const moneyRows = (dim: string) =>
        csv
          .filter((row) => row[section] === zh(`rollup.section.money.${dim}` as never))
          .map((row) => [row[name], row[currency], Number(row[amount]), Number(row[deals])]);
      expect(moneyRows("city")).toEqual([
        [cityA.nameZh, "CNY", 1_000_000, 1],
        [cityB.nameZh, "CNY", 300_000.5, 1],
        [cityA.nameZh, "USD", 500, 1],
      ]);
      expect(moneyRows("country")).toEqual([
        ["CN", "CNY", 1_300_000.5, 2],
        ["US", "USD", 500, 1],
      ]);
      // The city rows match the page's table.
      const r: Rollup = await bureauRollup(province.id, {});
      const cityRows = csv.filter((row) => row[section] === zh("rollup.section.city"));
      expect(cityRows.map((row) => [row[name], Number(row[col("rollup.col.held")])])).toEqual(
        r.cities.map((c) => [c.nameZh, c.held]),
      );
      // A member of a city may not export its province's rollup.
      const staffB = await makeUser("STAFF", cityB.id);
      expect((await get(`/staff/bureaus/${province.id}/export?format=xlsx`, staffB.cookie)).status).toBe(403);
    });
  });

  describe("public pages", () => {
    let region: Awaited<ReturnType<typeof bureau>>;
    let wuxi: Awaited<ReturnType<typeof bureau>>;
    let changzhou: Awaited<ReturnType<typeof bureau>>;
    const titles: Record<string, string> = {};

    beforeAll(async () => {
      // A province of their own: the rollup above keeps its two cities.
      region = await bureau("PROVINCE", "苏南商务协作区");
      wuxi = await bureau("CITY", "无锡市商务局", region.id);
      changzhou = await bureau("CITY", "常州市商务局", region.id);
      const fair = async (
        key: string,
        organizerId: string,
        status: "DRAFT" | "PUBLISHED" | "LIVE" | "CLOSED",
        day: string,
      ) => {
        const f = await makeFair();
        titles[key] = `${key}展会${uniq()}`;
        await db().fair.update({
          where: { id: f.id },
          data: {
            organizerId,
            status,
            titleZh: titles[key],
            titleEn: `${key} fair`,
            startsAt: new Date(`${day}T01:00:00Z`),
            endsAt: new Date(`${day}T09:00:00Z`),
          },
        });
        return f;
      };
      await fair("wuxiLive", wuxi.id, "LIVE", "2026-11-20");
      const coOrganized = await fair("wuxiUpcoming", wuxi.id, "PUBLISHED", "2027-03-01");
      await fair("wuxiDraft", wuxi.id, "DRAFT", "2027-04-01");
      await fair("wuxiClosed", wuxi.id, "CLOSED", "2026-05-01");
      await fair("changzhouUpcoming", changzhou.id, "PUBLISHED", "2027-01-15");
      await db().fairCoOrganizer.create({ data: { fairId: coOrganized.id, organizationId: changzhou.id } });
    });

    /** The home page's organizer groups (each up to the next; fair cards are <section>s too): heading, link, fairs. */
    const groupsOf = (html: string) => {
      const main = html.slice(0, html.indexOf("</main>"));
      return main
        .split('data-testid="organizer-group"')
        .slice(1)
        .map((chunk) => ({
          heading: text(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(chunk)?.[1] ?? ""),
          link: /<h2[^>]*>[\s\S]*?href="([^"]*)"/.exec(chunk)?.[1] ?? null,
          fairs: [...chunk.matchAll(/<h3[^>]*>([\s\S]*?)<\/h3>/g)].map((h) => text(h[1])),
          links: [...chunk.matchAll(/href="\/fairs\/([^"]+)"/g)].map((h) => h[1]),
        }));
    };

    it("groups the home page's live and upcoming fairs under their organizing bureau", async () => {
      const res = await get("/");
      expect(res.status).toBe(200);
      const groups = groupsOf(res.text);
      const label = `${zh("public.home.byOrganizer")}: `;
      const groupOf = (b: { nameZh: string }) => groups.filter((g) => g.heading === `${label}${b.nameZh}`);
      expect(groupOf(wuxi).map(({ links: _, ...g }) => g)).toEqual([
        {
          heading: `${label}${wuxi.nameZh}`,
          link: `/bureaus/${wuxi.slug}`,
          fairs: [titles.wuxiLive, titles.wuxiUpcoming],
        },
      ]);
      // A co-organized fair stays under its organizer only.
      expect(groupOf(changzhou).map(({ links: _, ...g }) => g)).toEqual([
        {
          heading: `${label}${changzhou.nameZh}`,
          link: `/bureaus/${changzhou.slug}`,
          fairs: [titles.changzhouUpcoming],
        },
      ]);
      // Drafts and closed fairs are nowhere on the page; each fair is under exactly one heading.
      expect(res.text).not.toContain(titles.wuxiDraft);
      expect(res.text).not.toContain(titles.wuxiClosed);
      const all = groups.flatMap((g) => g.links);
      expect(new Set(all).size).toBe(all.length);
      // One heading per organizer.
      const headings = groups.map((g) => g.heading);
      expect(new Set(headings).size).toBe(headings.length);
    });

    /** The fairs a bureau's page lists: title and the line beside it. */
    const bureauFairs = async (slug: string) => {
      const res = await get(`/bureaus/${slug}`);
      expect(res.status).toBe(200);
      const list = /<ul[^>]*data-testid="bureau-fairs"[^>]*>([\s\S]*?)<\/ul>/.exec(res.text)?.[1] ?? "";
      return {
        html: res.text,
        fairs: [...list.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => ({
          title: text(/<a[^>]*>([\s\S]*?)<\/a>/.exec(m[1])?.[1] ?? ""),
          line: text(/<span[^>]*>([\s\S]*?)<\/span>/.exec(m[1])?.[1] ?? ""),
        })),
      };
    };

    it("lists only the bureau's own public fairs on its page (and those it co-organizes, marked)", async () => {
      const w = await bureauFairs(wuxi.slug!);
      expect(w.html).toContain(wuxi.nameZh);
      expect(w.fairs.map((f) => f.title)).toEqual([titles.wuxiUpcoming, titles.wuxiLive]); // newest first
      expect(w.fairs.some((f) => f.line.includes(zh("public.bureau.coOrganized")))).toBe(false);
      for (const other of [titles.wuxiDraft, titles.wuxiClosed, titles.changzhouUpcoming])
        expect(w.html).not.toContain(other);

      const c = await bureauFairs(changzhou.slug!);
      expect(c.fairs.map((f) => f.title)).toEqual([titles.wuxiUpcoming, titles.changzhouUpcoming]);
      expect(c.fairs.map((f) => f.line.includes(zh("public.bureau.coOrganized")))).toEqual([true, false]);
      expect(c.html).not.toContain(titles.wuxiLive);

      // The province organizes none itself: an empty list, its cities linked.
      const p = await bureauFairs(region.slug!);
      expect(p.fairs).toEqual([]);
      expect(p.html).toContain(zh("public.bureau.noFairs"));
      expect(p.html).toContain(`href="/bureaus/${wuxi.slug}"`);
      expect((await get("/bureaus/no-such-bureau")).status).toBe(404);
    });
  });
});
