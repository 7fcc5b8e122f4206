import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
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
