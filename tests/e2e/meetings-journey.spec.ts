// What people see around meetings (issue 15): the agenda on a phone, slots already taken, the
// outcome link only when an outcome may be recorded, notifications that lead to their subject, and
// the exhibitor inbox updating live. Accounts here are used by no other spec.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { createMeetingNow, loginOk } from "./helpers";

const DEMO = "demo.cloudfair.cn";

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}
const memberOf = async (email: string) =>
  (
    await sql<{ userId: string; orgId: string; orgName: string }>(
      `SELECT u.id AS "userId", m."organizationId" AS "orgId", o."nameZh" AS "orgName" FROM "User" u
       JOIN "Membership" m ON m."userId" = u.id JOIN "Organization" o ON o.id = m."organizationId" WHERE u.email = $1`,
      [`${email}@${DEMO}`],
    )
  )[0];
const demoFair = async () =>
  (
    await sql<{ id: string; meetingDays: string[] }>(
      `SELECT id, "meetingDays"::text[] AS "meetingDays" FROM "Fair" WHERE slug = 'jiangsu-2026'`,
    )
  )[0];
const uid = () => `e2ej${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** A booked meeting on the demo fair's grid (last day, afternoon: clear of what other specs book). */
async function bookAt(investor: string, exhibitor: string, startsAt: Date) {
  const [inv, ex, fair] = await Promise.all([memberOf(investor), memberOf(exhibitor), demoFair()]);
  const id = uid();
  const endsAt = new Date(startsAt.getTime() + 20 * 60e3);
  await sql(
    `INSERT INTO "Meeting" (id, "fairId", "investorOrgId", "exhibitorOrgId", "startsAt", "endsAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, now())`,
    [id, fair.id, inv.orgId, ex.orgId, startsAt, endsAt],
  );
  for (const u of [inv.userId, ex.userId])
    await sql(
      `INSERT INTO "MeetingParticipant" (id, "meetingId", "userId", "startsAt", "endsAt") VALUES ($1, $2, $3, $4, $5)`,
      [`${id}_${u}`, id, u, startsAt, endsAt],
    );
  return id;
}
/** A pending request from an investor to an exhibitor proposing these slots. */
async function ask(investor: string, exhibitor: string, message: string, starts: Date[]) {
  const [inv, ex, fair] = await Promise.all([memberOf(investor), memberOf(exhibitor), demoFair()]);
  const id = uid();
  await sql(
    `INSERT INTO "MeetingRequest" (id, "fairId", "fromUserId", "fromOrgId", "toOrgId", message) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, fair.id, inv.userId, inv.orgId, ex.orgId, message],
  );
  for (const [i, s] of starts.entries())
    await sql(`INSERT INTO "ProposedSlot" (id, "requestId", "startsAt", "endsAt") VALUES ($1, $2, $3, $4)`, [
      `${id}_${i}`,
      id,
      s,
      new Date(s.getTime() + 20 * 60e3),
    ]);
  return id;
}
/** Slot `n` (20 minutes each from 09:00 China time) on the demo fair's last meeting day. */
const lastDaySlot = async (n: number) => {
  const days = (await demoFair()).meetingDays;
  return new Date(new Date(`${days.at(-1)}T09:00:00+08:00`).getTime() + n * 20 * 60e3);
};

const overflow = (page: Page) =>
  page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));

for (const width of [360, 390]) {
  test(`/meetings fits a ${width} px phone: the reschedule row stacks and its button stays on one line`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await createMeetingNow(`investor04@${DEMO}`, `exhibitor27@${DEMO}`, (width - 300) * 3600e3, 20 * 60e3);
    await loginOk(page, `investor04@${DEMO}`);
    await page.goto("/meetings");
    const reschedule = page.getByTestId("reschedule-form").first();
    await expect(reschedule).toBeVisible();
    const { scroll, inner } = await overflow(page);
    expect(scroll).toBeLessThanOrEqual(inner);
    for (const name of ["改期", "取消洽谈"]) {
      const button = page.getByTestId("agenda-meetings").getByRole("button", { name }).first();
      const box = (await button.boundingBox())!;
      // One line of text: at least the 44 px touch target, never the ~64 px of 改/期 on two lines.
      const lines = await button.evaluate((b) => {
        const tops = new Set<number>();
        const walk = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
        }
        return tops.size;
      });
      expect(lines).toBe(1);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
    }
  });
}

test("an exhibitor is not offered a slot that either side has already booked", async ({ page }) => {
  const [taken, free, theirs] = await Promise.all([lastDaySlot(18), lastDaySlot(19), lastDaySlot(20)]);
  await bookAt("investor08", "exhibitor28", taken); // the exhibitor's own meeting
  await bookAt("investor10", "exhibitor29", theirs); // the requester's meeting elsewhere
  await ask("investor10", "exhibitor28", "关于时段冲突的测试邀请", [taken, free, theirs]);

  await loginOk(page, `exhibitor28@${DEMO}`);
  await page.goto("/meetings");
  const invitation = page.getByTestId("agenda-incoming").locator("li").filter({ hasText: "关于时段冲突的测试邀请" });
  await expect(invitation.getByRole("button", { name: /接受此时段/ })).toHaveCount(1); // only the free slot
  await expect(invitation.getByTestId("slot-taken")).toHaveCount(2);
  await expect(invitation.getByTestId("slot-taken").first()).toContainText("您此时已有其他洽谈");
  await expect(invitation.getByTestId("slot-taken").nth(1)).toContainText("对方此时已有其他洽谈");
  // The one offered books.
  await invitation.getByRole("button", { name: /接受此时段/ }).click();
  await expect(page.getByText("已更新。")).toBeVisible();
});

test("the outcome link shows only once an outcome may be recorded", async ({ page }) => {
  const future = await createMeetingNow(`investor04@${DEMO}`, `exhibitor31@${DEMO}`, 30 * 60e3, 20 * 60e3);
  const ended = await createMeetingNow(`investor04@${DEMO}`, `exhibitor31@${DEMO}`, -60 * 60e3, 20 * 60e3);
  await sql(`UPDATE "Meeting" SET status = 'COMPLETED' WHERE id = $1`, [ended.id]);
  await loginOk(page, `investor04@${DEMO}`);

  // A meeting still to come: no outcome to record yet.
  await page.goto(`/meetings/${future.id}/room`);
  await expect(page.getByTestId("room-not-open")).toBeVisible();
  await expect(page.getByTestId("outcome-link")).toHaveCount(0);
  await page.goto("/meetings");
  await expect(page.locator(`#meeting-${future.id}`).getByTestId("outcome-link")).toHaveCount(0);

  // Over: the link is there and leads to a form that accepts the outcome.
  await page.goto(`/meetings/${ended.id}/room`);
  await page.getByTestId("outcome-link").click();
  await expect(page).toHaveURL(new RegExp(`/meetings/${ended.id}/outcome$`));
  await expect(page.getByRole("button", { name: "保存" })).toBeVisible();
  await expect(page.getByText("洽谈结束后才能填写成果。")).toHaveCount(0);
});

test("notifications link to what they are about; one whose meeting is gone is plain text", async ({ page }) => {
  const inv = await memberOf("investor04");
  const meetingId = await bookAt("investor04", "exhibitor33", await lastDaySlot(22));
  const org = await memberOf("exhibitor33");
  for (const [kind, data] of [
    ["meeting.cancelled", { nameZh: "已删除的机构", nameEn: "Gone Org", meetingId: "no-such-meeting" }],
    ["meeting.accepted", { nameZh: org.orgName, nameEn: "Org", meetingId }],
  ] as const)
    await sql(`INSERT INTO "Notification" (id, "userId", kind, data) VALUES ($1, $2, $3, $4)`, [
      uid(),
      inv.userId,
      kind,
      JSON.stringify(data),
    ]);

  await loginOk(page, `investor04@${DEMO}`);
  await page.goto("/notifications");
  const list = page.getByTestId("notifications");
  await expect(list.getByRole("link", { name: /已删除的机构/ })).toHaveCount(0);
  await expect(list.getByText(/已删除的机构/)).toBeVisible();
  await list.getByRole("link", { name: new RegExp(`${org.orgName}.*接受了您的洽谈邀请`) }).click();
  await expect(page).toHaveURL(new RegExp(`/meetings#meeting-${meetingId}$`));
  await expect(page.locator(`#meeting-${meetingId}`)).toBeInViewport();
});

test("the exhibitor inbox shows a visitor's new message live, without reloading", async ({ page, browser }) => {
  const booth = (
    await sql<{ id: string }>(
      // The booth in the live demo fair: the exhibitor may also have one in the closed spring fair, where chat is off.
      `SELECT b.id FROM "Booth" b JOIN "Fair" f ON f.id = b."fairId"
         JOIN "Membership" m ON m."organizationId" = b."organizationId" JOIN "User" u ON u.id = m."userId"
        WHERE u.email = $1 AND f.slug = 'jiangsu-2026' AND b."isPublic"`,
      [`exhibitor34@${DEMO}`],
    )
  )[0];
  await loginOk(page, `exhibitor34@${DEMO}`);
  await page.goto("/exhibitor/inbox");
  await expect(page.getByRole("heading", { name: "展位咨询" })).toBeVisible();
  await page.waitForLoadState("networkidle"); // the inbox's socket is connected

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await loginOk(visitor, `investor08@${DEMO}`);
  await visitor.goto(`/booths/${booth.id}`);
  const chat = visitor.getByTestId("chat");
  await expect(visitor.getByTestId("presence")).toBeVisible(); // connected
  await chat.getByPlaceholder("输入消息（最多 1000 字）").fill("请问贵司的产能扩建计划何时启动？");
  await chat.getByRole("button", { name: "发送" }).click();
  await expect(visitor.getByTestId("chat-messages")).toContainText("产能扩建计划");

  // Live in the team's open inbox: the conversation appears with its text, marked new.
  const entry = page.getByTestId("inbox").locator("li").filter({ hasText: "请问贵司的产能扩建计划何时启动？" });
  await expect(entry).toBeVisible();
  await expect(entry.getByTestId("inbox-new")).toHaveText("新消息");
  await entry.getByRole("link").click();
  await expect(page.getByTestId("chat").getByTestId("chat-messages")).toContainText("产能扩建计划");
  await visitorContext.close();
});
