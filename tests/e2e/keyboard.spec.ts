// Keyboard only (issue 21, ADR 024): an investor requests a meeting, the exhibitor accepts it, both
// join the video room and chat, and the investor records the outcome — with Tab, Enter, Space and the
// arrow keys, never the mouse. Every stop shows a focus ring; after each action focus lands on the new
// page's heading or on the action's message; notifications and chat messages sit in polite live regions.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectRemoteVideoPlaying, queryOne } from "./helpers";

const INVESTOR = "investor23@demo.cloudfair.cn";
const EXHIBITOR = "exhibitor20@demo.cloudfair.cn";

/** Presses Tab until `target` has focus; every element passed on the way shows a visible focus ring. */
async function tabTo(page: Page, target: Locator, max = 120) {
  const handle = await target.elementHandle();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate((t) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { here: false, ring: true, what: "body" };
      const style = getComputedStyle(el);
      // Chromium puts focus in a date/time input's inner field, where the host's computed outline is not
      // reported here; those inputs get their ring from the `:focus` rule in app/tailwind.css.
      const dateLike = el.matches('input:is([type="date"], [type="time"], [type="datetime-local"])');
      const ring = dateLike || (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2);
      return {
        here: el === t,
        ring,
        what: `${el.outerHTML.slice(0, 120)} (${style.outlineStyle} ${style.outlineWidth})`,
      };
    }, handle);
    expect(stop.ring, `focus ring on ${stop.what}`).toBe(true);
    if (stop.here) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The focused element (after an action, to check where focus landed). */
const focused = (page: Page) => page.locator(":focus");

async function keyboardLogin(page: Page, email: string) {
  await page.goto("/login");
  await tabTo(page, page.getByLabel("邮箱"));
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard$/);
  // A new page: focus is on its heading.
  await expect(focused(page)).toHaveJSProperty("tagName", "H1");
}

test("request, accept, meet and record the outcome with the keyboard only", async ({ browser }) => {
  test.setTimeout(300_000);
  const investor = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const exhibitor = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const a = await investor.newPage();
    const b = await exhibitor.newPage();
    await keyboardLogin(a, INVESTOR);
    await keyboardLogin(b, EXHIBITOR);

    // The investor asks for two slots at the exhibitor's booth.
    const booth = (await queryOne<{ id: string; org: string }>(
      `SELECT b.id, o."nameZh" AS org FROM "Booth" b JOIN "Organization" o ON o.id = b."organizationId" JOIN "Membership" m ON m."organizationId" = o.id JOIN "User" u ON u.id = m."userId" JOIN "Fair" f ON f.id = b."fairId" WHERE u.email = $1 AND f.slug = 'jiangsu-2026'`,
      [EXHIBITOR],
    ))!;
    await a.goto(`/booths/${booth.id}`);
    await expect(a.getByRole("img", { name: `${booth.org} 标志` })).toBeVisible(); // named, not alt=""
    const form = a.getByTestId("meeting-request");
    const slots = form.locator('input[name="slots"]');
    await tabTo(a, slots.nth(2));
    await a.keyboard.press("Space");
    await a.keyboard.press("Tab");
    await a.keyboard.press("Space");
    await expect(slots.nth(2)).toBeChecked();
    await expect(slots.nth(3)).toBeChecked();
    await tabTo(a, form.getByLabel("留言"));
    await a.keyboard.type("键盘操作的洽谈邀请");
    await tabTo(a, form.getByRole("button", { name: "发送邀请" }));
    await a.keyboard.press("Enter");
    // Focus lands on the result.
    await expect(focused(a)).toHaveText(/邀请已发送/);

    // The exhibitor accepts the first proposed slot from the agenda.
    await b.goto("/meetings");
    const invitation = b.getByTestId("agenda-incoming").locator("li").filter({ hasText: "键盘操作的洽谈邀请" });
    await tabTo(b, invitation.getByRole("button", { name: /接受此时段/ }).first());
    await b.keyboard.press("Enter");
    await expect(focused(b)).toHaveAttribute("role", "status");
    await expect(b.getByTestId("agenda-meetings")).toContainText("已安排");
    // The investor, still on the booth page, is told through the polite live region.
    await expect(a.getByTestId("live-announcer")).toHaveAttribute("aria-live", "polite");
    await expect(a.getByTestId("live-announcer")).toContainText("新通知");

    // The meeting is moved to now (the booking flow only offers fair-day slots), so both can meet.
    const { id } = (await queryOne<{ id: string }>(
      `SELECT m.id FROM "Meeting" m JOIN "MeetingParticipant" p ON p."meetingId" = m.id JOIN "User" u ON u.id = p."userId" WHERE u.email = $1 ORDER BY m."createdAt" DESC LIMIT 1`,
      [INVESTOR],
    ))!;
    await queryOne(
      `UPDATE "Meeting" SET "startsAt" = now() - interval '1 minute', "endsAt" = now() + interval '4 minutes' WHERE id = $1`,
      [id],
    );
    await queryOne(
      `UPDATE "MeetingParticipant" SET "startsAt" = now() - interval '1 minute', "endsAt" = now() + interval '4 minutes' WHERE "meetingId" = $1`,
      [id],
    );
    for (const p of [a, b]) {
      await p.goto(`/meetings/${id}/room`);
      await tabTo(p, p.getByTestId("join-button"));
      await p.keyboard.press("Enter");
    }
    await expectRemoteVideoPlaying(a);
    await expectRemoteVideoPlaying(b);

    // Chat: typed and sent with Enter; the other side's message list is a polite live region.
    await tabTo(a, a.getByLabel("输入消息（最多 1000 字）"));
    await a.keyboard.type("您好，键盘也能洽谈。");
    await a.keyboard.press("Enter");
    await expect(b.getByTestId("room-chat")).toHaveAttribute("aria-live", "polite");
    await expect(b.getByTestId("room-chat")).toContainText("您好，键盘也能洽谈。");

    for (const p of [a, b]) {
      await tabTo(p, p.getByTestId("leave-button"));
      await p.keyboard.press("Enter");
    }
    // The slot is over (moved into the past rather than waiting for the room job).
    await queryOne(`UPDATE "Meeting" SET status = 'COMPLETED', "endsAt" = now() - interval '1 second' WHERE id = $1`, [
      id,
    ]);

    // The investor records the outcome: result by arrow keys, amount typed, rating by arrows.
    await a.goto(`/meetings/${id}/outcome`);
    const result = a.getByLabel("洽谈结果");
    await tabTo(a, result);
    const before = await result.inputValue();
    await a.keyboard.press("ArrowDown");
    const chosen = await result.inputValue();
    expect(chosen).not.toBe(before);
    await tabTo(a, a.getByLabel("意向金额"));
    await a.keyboard.type("1500000");
    await tabTo(a, a.getByLabel("1", { exact: true }));
    for (let i = 0; i < 3; i++) await a.keyboard.press("ArrowRight");
    await expect(a.getByLabel("4", { exact: true })).toBeChecked();
    await tabTo(a, a.getByRole("button", { name: "保存" }));
    await a.keyboard.press("Enter");
    await expect(focused(a)).toHaveText("洽谈成果已保存。");
    const saved = await queryOne<{ result: string; rating: number }>(
      `SELECT o.result, o.rating FROM "MeetingOutcome" o JOIN "User" u ON u.id = o."authorId" WHERE o."meetingId" = $1 AND u.email = $2`,
      [id, INVESTOR],
    );
    expect(saved).toEqual({ result: chosen, rating: 4 });
  } finally {
    await Promise.all([investor.close(), exhibitor.close()]);
  }
});

test("the text size setting is chosen with the keyboard and kept across pages", async ({ page }) => {
  await page.goto("/fairs/jiangsu-2026");
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "standard");
  const menu = page.getByTestId("text-size").locator("visible=true");
  await tabTo(page, menu.locator("summary"));
  await page.keyboard.press("Enter");
  await tabTo(page, menu.getByRole("button", { name: "特大" }));
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "xl");
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("24px");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "xl");
  await expect(page.getByTestId("text-size").first().locator('button[value="xl"]')).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  const cookie = (await page.context().cookies()).find((c) => c.name === "cf_text");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 300 * 86400);
});
