import { readFileSync } from "node:fs";
import { expect, test, type Locator } from "@playwright/test";
import { loginOk, queryOne } from "./helpers";

const DEMO = "demo.cloudfair.cn";
const one = async <T>(sql: string, params: unknown[] = []) => (await queryOne<T>(sql, params))!;

/** Some activity on exhibitor01's booth (the demo seed has none): visits, a bookmark, a request, a held meeting with an outcome. */
async function seedActivity() {
  const fair = await one<{ id: string; startsAt: Date }>(
    `SELECT id, "startsAt" FROM "Fair" WHERE slug = 'jiangsu-2026'`,
  );
  const ex = await one<{ userId: string; orgId: string; boothId: string }>(
    `SELECT u.id AS "userId", m."organizationId" AS "orgId", b.id AS "boothId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id
     JOIN "Booth" b ON b."organizationId" = m."organizationId" AND b."fairId" = $1 WHERE u.email = $2`,
    [fair.id, `exhibitor01@${DEMO}`],
  );
  const inv = await one<{ userId: string; orgId: string; name: string; orgName: string }>(
    `SELECT u.id AS "userId", m."organizationId" AS "orgId", u.name, o."nameZh" AS "orgName" FROM "User" u JOIN "Membership" m ON m."userId" = u.id
     JOIN "Organization" o ON o.id = m."organizationId" WHERE u.email = $1`,
    [`investor01@${DEMO}`],
  );
  const existing = await queryOne<{ id: string }>(
    `SELECT id FROM "Meeting" WHERE "fairId" = $1 AND "investorOrgId" = $2 AND "exhibitorOrgId" = $3 AND status = 'COMPLETED'`,
    [fair.id, inv.orgId, ex.orgId],
  );
  if (existing) return { fair, inv }; // a retried test: already seeded
  for (let i = 0; i < 3; i++)
    await one(
      `INSERT INTO "BoothVisit" (id, "boothId", "visitorId") VALUES (gen_random_uuid()::text, $1, $2) RETURNING id`,
      [ex.boothId, `e2e-dash-${i}`],
    );
  await queryOne(`INSERT INTO "Bookmark" ("userId", "boothId") VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
    inv.userId,
    ex.boothId,
  ]);
  await one(
    `INSERT INTO "MeetingRequest" (id, "fairId", "fromUserId", "fromOrgId", "toOrgId", status) VALUES (gen_random_uuid()::text, $1, $2, $3, $4, 'ACCEPTED') RETURNING id`,
    [fair.id, inv.userId, inv.orgId, ex.orgId],
  );
  // Three days before the fair at 11:00 China time: clear of every slot other tests book.
  const startsAt = new Date(new Date(fair.startsAt).getTime() - 3 * 864e5 + 2 * 3600e3);
  const endsAt = new Date(startsAt.getTime() + 20 * 60e3);
  const meeting = await one<{ id: string }>(
    `INSERT INTO "Meeting" (id, "fairId", "investorOrgId", "exhibitorOrgId", "startsAt", "endsAt", status, "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5, 'COMPLETED', now()) RETURNING id`,
    [fair.id, inv.orgId, ex.orgId, startsAt, endsAt],
  );
  for (const userId of [inv.userId, ex.userId]) {
    await one(
      `INSERT INTO "MeetingParticipant" (id, "meetingId", "userId", "startsAt", "endsAt") VALUES (gen_random_uuid()::text, $1, $2, $3, $4) RETURNING id`,
      [meeting.id, userId, startsAt, endsAt],
    );
  }
  await one(
    `INSERT INTO "MeetingOutcome" (id, "meetingId", "authorId", side, result, amount, currency, rating, "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, 'INVESTOR', 'INTENT_TO_INVEST', 5000000, 'CNY', 5, now()) RETURNING id`,
    [meeting.id, inv.userId],
  );
  return { fair, inv };
}

test("staff read the fair dashboard with table views and export CSV with progress; an exhibitor opens their leads", async ({
  page,
  browser,
}) => {
  const { fair, inv } = await seedActivity();
  const held = async () =>
    (
      await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Meeting" WHERE "fairId" = $1 AND status = 'COMPLETED'`,
        [fair.id],
      )
    ).n;

  await loginOk(page, `staff@${DEMO}`);
  await page.goto(`/staff/fairs/${fair.id}`);
  await page.getByRole("link", { name: "数据看板" }).click();
  await expect(page.getByTestId("report-title")).toContainText("2026 江苏云投资洽谈会");
  const before = await held();
  const funnel = page.getByRole("table", { name: "从展位访问到洽谈成果的各环节数量" });
  await expect(funnel).toBeVisible();
  await expect(funnel.getByRole("rowheader", { name: "已举行的洽谈" })).toBeVisible();
  expect(Number(await page.getByTestId("funnel-visits").textContent())).toBeGreaterThanOrEqual(3);
  const shown = Number(await page.getByTestId("funnel-held").textContent());
  expect(shown).toBeGreaterThanOrEqual(before);
  expect(shown).toBeLessThanOrEqual(await held());
  await expect(page.getByRole("table", { name: "意向投资总额" })).toContainText("CNY");
  await expect(page.getByTestId("chart").first()).toBeVisible();

  // The number links to the rows behind it.
  await page.getByTestId("funnel-held").click();
  await expect(page.getByTestId("list-title")).toContainText("洽谈");
  await expect(page.getByTestId("list-total")).toContainText(`共 ${shown} 条`);
  await expect(page.getByTestId("list-table")).toContainText("已结束");

  // Export: fetched as a stream with progress, then saved.
  await page.goBack();
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-meetings-csv").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^jiangsu-2026-meetings-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(page.getByTestId("export-meetings-csv-progress")).toContainText("下载完成");
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text.split("\r\n")[0]).toContain("开始时间");
  expect(text).toContain(inv.orgName);

  // The exhibitor sees the investor who asked for and held a meeting, with contact details.
  const exhibitor = await browser.newPage();
  await loginOk(exhibitor, `exhibitor01@${DEMO}`);
  await exhibitor.getByRole("link", { name: "潜在客户" }).click();
  const leads = exhibitor.getByTestId("leads-table");
  await expect(leads).toBeVisible();
  const row = leads.getByRole("row").filter({ hasText: inv.name });
  await expect(row).toContainText(`investor01@${DEMO}`);
  await exhibitor.close();
});

/** The past demo fair (2026 春季江苏云洽会): a closed fair with meetings, outcomes in five sectors. */
const spring = () =>
  one<{ id: string; meetingDays: string[] }>(
    `SELECT id, "meetingDays"::text[] AS "meetingDays" FROM "Fair" WHERE slug = 'jiangsu-spring-2026'`,
  );

/**
 * Every category label of a rendered horizontal bar chart: its text; whether it is drawn inside the
 * chart; and whether it would still be with a CJK font (this machine may have none, and its
 * fallback glyphs are narrower): each line's room left of its anchor against 1 em per Chinese
 * character and 0.62 em per other character.
 */
async function chartTicks(chart: Locator) {
  await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
  return chart.evaluate((figure) => {
    const svg = figure.querySelector("svg.recharts-surface")!.getBoundingClientRect();
    const wide = /[\u2e80-\u9fff\uac00-\ud7a3\uff00-\uffef]/u;
    // Horizontal bar charts: the categories are on the y axis (recharts draws labels in their own layer).
    const ticks = [...figure.querySelectorAll(".recharts-yAxis-tick-labels text")].map((t) => {
      const box = t.getBoundingClientRect();
      const em = parseFloat(getComputedStyle(t).fontSize);
      const lines = t.querySelectorAll("tspan").length ? [...t.querySelectorAll("tspan")] : [t];
      const roomy = lines.every((line) => {
        const need = [...(line.textContent ?? "")].reduce((a, ch) => a + (wide.test(ch) ? 1 : 0.62) * em, 0);
        return need <= line.getBoundingClientRect().right - svg.left + 0.5; // labels end at the axis
      });
      return {
        text: t.textContent ?? "",
        inside: box.left >= svg.left - 0.5 && box.right <= svg.right + 0.5 && box.width > 0 && roomy,
      };
    });
    const bars = figure.querySelectorAll(".recharts-bar-rectangle").length;
    return { ticks, bars, overflow: svg.right > document.documentElement.clientWidth + 0.5 };
  });
}

test("on a 360 px phone every funnel stage and every sector bar is labelled in full, and no conversion exceeds 100%", async ({
  page,
}) => {
  const fair = await spring();
  await page.setViewportSize({ width: 360, height: 900 });
  await loginOk(page, `staff@${DEMO}`);

  // The semiconductor hall has more meeting requests than bookmarks: "—*" and a note, not "130%".
  await page.goto(`/staff/fairs/${fair.id}/dashboard?hall=semiconductors`);
  const funnelChart = page.getByRole("img", { name: "图表：转化漏斗（数据见下方表格）" });
  const funnel = await chartTicks(funnelChart);
  expect(funnel.ticks.map((t) => t.text)).toEqual(["展位访问", "收藏", "洽谈邀请", "已举行的洽谈", "已记录成果的洽谈"]);
  expect(funnel.ticks.every((t) => t.inside)).toBe(true);
  expect(funnel.bars).toBe(5);
  expect(funnel.overflow).toBe(false);

  const table = page.getByTestId("funnel-table");
  const counts = await Promise.all(
    ["visits", "bookmarks", "requests", "held", "withOutcome"].map(async (k) =>
      Number((await page.getByTestId(`funnel-${k}`).textContent())!.replace(/,/g, "")),
    ),
  );
  const ratios = await table
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => (r as HTMLTableRowElement).cells[2]?.textContent ?? ""));
  expect(ratios).toHaveLength(5);
  for (const r of ratios.filter((x) => x.includes("%")))
    expect(Number(r.replace(/[,%\s]/g, "")), r).toBeLessThanOrEqual(100);
  expect(counts[2]).toBeGreaterThan(counts[1]); // the case this view is here for
  await expect(page.getByTestId("funnel-exceeds-requests")).toHaveText(/^—\*/);
  await expect(page.getByTestId("funnel-exceeds-note")).toContainText("多于上一环节，不显示比例");

  // Intended investment by sector over the whole fair: one label per bar, each whole and inside.
  await page.goto(`/staff/fairs/${fair.id}/dashboard`);
  const sectorChart = page.getByRole("img", { name: "图表：按行业 (CNY)（数据见下方表格）" });
  const sectors = await chartTicks(sectorChart);
  const tableSectors = await page
    .getByTestId("investment-sector")
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => r.querySelector("th")?.textContent ?? ""));
  expect(sectors.bars).toBeGreaterThanOrEqual(4);
  expect(sectors.ticks).toHaveLength(sectors.bars);
  expect(sectors.ticks.map((t) => t.text).sort()).toEqual([...tableSectors].sort());
  expect(sectors.ticks.every((t) => t.inside)).toBe(true);
  expect(sectors.overflow).toBe(false);
});

test("one hall on one fair day counts the requests for that day's meetings; an impossible date is refused next to its field", async ({
  page,
}) => {
  const fair = await spring();
  await loginOk(page, `staff@${DEMO}`);
  const day = fair.meetingDays[0];
  await page.goto(`/staff/fairs/${fair.id}/dashboard?hall=new-energy&from=${day}&to=${day}`);
  const n = async (k: string) => Number((await page.getByTestId(`funnel-${k}`).textContent())!.replace(/,/g, ""));
  expect(await n("held")).toBeGreaterThan(0);
  expect(await n("requests")).toBeGreaterThanOrEqual(await n("held")); // was "洽谈邀请 0" beside "已举行的洽谈 4"
  await expect(page.getByTestId("funnel-dates-note")).toContainText("洽谈邀请按所约（或所提议）的洽谈日计");

  await page.goto(`/staff/fairs/${fair.id}/dashboard?to=2026-13-45`);
  await expect(page.getByTestId("report-title")).toContainText("2026 春季江苏云洽会");
  await expect(page.getByTestId("filter-to-error")).toHaveText(
    "「结束日期」的值“2026-13-45”不是日历上存在的日期，此条件未生效。",
  );
  await expect(page.getByLabel("结束日期")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("结束日期")).toHaveValue("");

  // A range given backwards is swapped, and the page says so.
  await page.getByLabel("开始日期").fill(fair.meetingDays[1]);
  await page.getByLabel("结束日期").fill(fair.meetingDays[0]);
  await page.getByRole("button", { name: "应用筛选" }).click();
  await expect(page.getByTestId("filter-swapped")).toHaveText(
    `开始日期晚于结束日期，已交换为 ${fair.meetingDays[0]} 至 ${fair.meetingDays[1]}。`,
  );
  await expect(page.getByLabel("开始日期")).toHaveValue(fair.meetingDays[0]);
  expect(await n("held")).toBeGreaterThan(0);

  // The list behind a number, with a page that is not a page number: page 1, not a 500.
  const res = await page.goto(`/staff/fairs/${fair.id}/dashboard/meetings?page=1.5&to=2026-02-30`);
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId("filter-problem")).toHaveText(
    "「结束日期」的值“2026-02-30”不是日历上存在的日期，此条件未生效。",
  );
  await expect(page.getByTestId("list-table")).toBeVisible();
});
