import { expect, test } from "@playwright/test";
import { loginOk, queryOne } from "./helpers";

const ownerOf = async (orgNameZh: string) =>
  (await queryOne<{ email: string }>(
    `SELECT u.email FROM "User" u JOIN "Membership" m ON m."userId" = u.id JOIN "Organization" o ON o.id = m."organizationId" WHERE o."nameZh" = $1 AND m.role = 'EXHIBITOR'`,
    [orgNameZh.trim()],
  ))!.email;

test("investor requests a meeting with 3 slots; exhibitor accepts one; both see it; .ics has the right times", async ({
  page,
  browser,
}) => {
  await loginOk(page, "investor05@demo.cloudfair.cn");
  await page.goto("/fairs/jiangsu-2026?hall=digital-economy");
  await page.getByTestId("booth-card").nth(3).click();
  await expect(page.getByTestId("booth-name")).toBeVisible();
  const exhibitorOrg = (await page.getByTestId("booth-name").textContent())!;
  const form = page.getByTestId("meeting-request");
  // Slots are checkboxes labelled with the fair's local time; take three from different hours.
  const boxes = form.locator('input[name="slots"]');
  const picked = [4, 9, 14];
  const values: string[] = [];
  for (const i of picked) {
    await boxes.nth(i).check();
    values.push((await boxes.nth(i).getAttribute("value"))!);
  }
  await form.getByLabel("留言").fill("希望了解贵司工业互联网平台的落地案例。");
  await form.getByRole("button", { name: "发送邀请" }).click();
  await expect(page.getByText("邀请已发送")).toBeVisible();
  await page.goto("/meetings");
  await expect(page.getByTestId("agenda-outgoing")).toContainText(exhibitorOrg.trim());
  await expect(page.getByTestId("agenda-outgoing")).toContainText("待回复");

  const exhibitor = await browser.newPage();
  await loginOk(exhibitor, await ownerOf(exhibitorOrg));
  await expect(exhibitor.getByTestId("unread").locator("visible=true")).toHaveText(/[1-9]/); // told about the invitation
  await exhibitor.goto("/meetings");
  const invitation = exhibitor
    .getByTestId("agenda-incoming")
    .locator("li")
    .filter({ hasText: "工业互联网平台" })
    .first();
  await expect(invitation).toBeVisible();
  await expect(page.getByTestId("unread").locator("visible=true")).toHaveCount(0);
  await invitation
    .getByRole("button", { name: /接受此时段/ })
    .nth(1)
    .click();
  await expect(exhibitor.getByTestId("agenda-meetings")).toContainText("已安排");
  // The investor, still on the agenda page, hears about it live (socket.io), without reloading; one
  // notification counts once even when a revalidation saw it before its push arrived (it showed 2).
  await expect(page.getByTestId("unread").locator("visible=true")).toHaveText("1");
  await expect(page.getByTestId("agenda-meetings")).toContainText(exhibitorOrg.trim());

  await page.reload();
  await expect(page.getByTestId("agenda-meetings")).toContainText(exhibitorOrg.trim());
  await expect(page.getByTestId("agenda-outgoing")).toContainText("已接受");

  // .ics: the accepted (second) slot, in the fair's zone with its TZID.
  const href = await page
    .getByTestId("agenda-meetings")
    .getByRole("link", { name: "加入日历 (.ics)" })
    .first()
    .getAttribute("href");
  const ics = await (await page.request.get(href!)).text();
  expect(ics).toContain("BEGIN:VEVENT");
  expect(ics).toContain("TZID=Asia/Shanghai");
  const start = new Date(values[1]);
  const local = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(start);
  const get = (t: string) => local.find((p) => p.type === t)!.value;
  expect(ics).toContain(
    `DTSTART;TZID=Asia/Shanghai:${get("year")}${get("month")}${get("day")}T${get("hour")}${get("minute")}00`,
  );
  // The same instant in a second zone (Berlin) is what a calendar there shows: UTC offset arithmetic holds.
  const berlin = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Berlin",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(start);
  expect(Number(berlin.slice(0, 2))).toBe((Number(get("hour")) - 7 + 24) % 24);
  // Reschedule with a reason: the calendar entry gets a higher SEQUENCE and the new time.
  const reschedule = page.getByTestId("reschedule-form").first();
  const newStart = await reschedule.locator("select option").nth(5).getAttribute("value");
  await reschedule.locator("select").selectOption(newStart!);
  await reschedule.getByPlaceholder("改期原因").fill("航班改签");
  await reschedule.getByRole("button", { name: "改期" }).click();
  await expect(page.getByText("已更新。")).toBeVisible();
  const moved = await (await page.request.get(href!)).text();
  expect(moved).toContain("SEQUENCE:1");
  const nl = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(newStart!));
  expect(moved).toMatch(
    new RegExp(
      `DTSTART;TZID=Asia/Shanghai:\\d{8}T${nl.find((p) => p.type === "hour")!.value}${nl.find((p) => p.type === "minute")!.value}00`,
    ),
  );
  // Nobody else can download it.
  const outsider = await browser.newPage();
  await loginOk(outsider, "investor06@demo.cloudfair.cn");
  expect((await outsider.request.get(href!)).status()).toBe(404);
  await outsider.close();
  await exhibitor.close();
});

test("an exhibitor declines with a reason; the investor sees it", async ({ page, browser }) => {
  await loginOk(page, "investor07@demo.cloudfair.cn");
  await page.goto("/fairs/jiangsu-2026?hall=advanced-manufacturing");
  await page.getByTestId("booth-card").nth(1).click();
  const org = (await page.getByTestId("booth-name").textContent())!;
  const form = page.getByTestId("meeting-request");
  await form.locator('input[name="slots"]').nth(20).check();
  await form.getByLabel("留言").fill("请求洽谈产线自动化项目");
  await form.getByRole("button", { name: "发送邀请" }).click();
  await expect(page.getByText("邀请已发送")).toBeVisible();

  const exhibitor = await browser.newPage();
  await loginOk(exhibitor, await ownerOf(org));
  await exhibitor.goto("/meetings");
  const invitation = exhibitor.getByTestId("agenda-incoming").locator("li").filter({ hasText: "产线自动化" }).first();
  await invitation.getByPlaceholder("婉拒原因（对方可见）").fill("本周日程已满，欢迎下次联系");
  await invitation.getByRole("button", { name: "婉拒" }).click();
  await expect(exhibitor.getByText("已更新。")).toBeVisible();
  await exhibitor.close();

  await page.goto("/meetings");
  await expect(page.getByTestId("agenda-outgoing")).toContainText("已婉拒 · 本周日程已满，欢迎下次联系");
});

test("booth chat: an investor writes, the exhibitor's inbox shows it and the reply arrives live", async ({
  page,
  browser,
}) => {
  await loginOk(page, "investor09@demo.cloudfair.cn");
  await page.goto("/fairs/jiangsu-2026?hall=new-energy");
  await page.getByTestId("booth-card").nth(2).click();
  const org = (await page.getByTestId("booth-name").textContent())!;
  await expect(page.getByTestId("presence")).toContainText(/当前有 \d+ 人在此展位/);
  const chat = page.getByTestId("chat");
  await chat.getByPlaceholder("输入消息（最多 1000 字）").fill("<script>alert(1)</script> 请问储能项目的产能规划？");
  await chat.getByRole("button", { name: "发送" }).click();
  await expect(page.getByTestId("chat-messages")).toContainText("<script>alert(1)</script> 请问储能项目的产能规划？"); // shown as text

  const team = await browser.newPage();
  await loginOk(team, await ownerOf(org));
  await team.goto("/exhibitor/inbox");
  await expect(team.getByTestId("inbox")).toContainText("请问储能项目的产能规划");
  await team.getByTestId("chat").getByPlaceholder("输入消息（最多 1000 字）").fill("您好，年产 2GWh，欢迎预约洽谈。");
  await team.getByTestId("chat").getByRole("button", { name: "发送" }).click();
  await expect(page.getByTestId("chat-messages")).toContainText("年产 2GWh"); // live, no reload
  await team.close();
});

test("participants mark availability in their own time zone, with both zones named", async ({ page }) => {
  await loginOk(page, "investor11@demo.cloudfair.cn");
  await page.goto("/meetings");
  await page.getByTestId("availability-link").first().click();
  await expect(page.getByTestId("avail-zones")).toContainText("Asia/Shanghai");
  await page.getByLabel("我的时区").selectOption("Europe/Berlin");
  const first = page.locator('input[name="slots"]').first();
  await first.check();
  await page.getByRole("button", { name: "保存可洽谈时段" }).click();
  await expect(page.getByText("已保存 1 个时段。")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("avail-zones")).toContainText("Europe/Berlin");
  await expect(page.locator('input[name="slots"]').first()).toBeChecked();
  // 09:00 in Shanghai is 02:00 in Berlin in winter: the first slot is labelled in the viewer's zone.
  await expect(
    page
      .locator("label")
      .filter({ has: page.locator('input[name="slots"]') })
      .first(),
  ).toHaveText(/0[12]:00/);
});
