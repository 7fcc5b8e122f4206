// On a server started like `npm start` (embedded database, the local stripe-mock it starts itself
// with its own webhook secret), a first exhibitor can pay the booth fee (issue 15, item 1): submit,
// staff approve (the exhibitor is notified), pay on the local test checkout — after cancelling once —
// and the booth is public.
import { expect, test } from "@playwright/test";
import { loginOk, signUpExhibitor } from "./helpers";
import { startLikeNpmStart } from "./npm-start";

test.describe.configure({ mode: "serial" });

let app: Awaited<ReturnType<typeof startLikeNpmStart>>;
test.beforeAll(async () => {
  test.setTimeout(180_000); // a fresh embedded database, migrated and seeded, as on a first start
  app = await startLikeNpmStart();
});
test.afterAll(async () => {
  await app?.stop();
});

test("an exhibitor submits, staff approve, the exhibitor pays on the test checkout and the booth goes public", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const health = await (await fetch(`${app.url}/healthz`)).json();
  expect(health.payments).toMatchObject({ status: "ok" });
  expect(health.payments.detail).toContain("test checkout");

  const exhibitorContext = await browser.newContext({ baseURL: app.url });
  const page = await exhibitorContext.newPage();
  const org = `常州光储${Date.now() % 100000}`;
  await signUpExhibitor(page, org);
  await page.goto("/fairs/jiangsu-2026/apply");
  await page.getByLabel("展馆").selectOption({ label: "新能源馆" });
  await page.getByLabel("展位类型").selectOption({ label: "特装展位 · ¥5,000.00" });
  await page.getByRole("button", { name: "创建展位草稿" }).click();
  await expect(page).toHaveURL(/\/booths\/\w+\/edit$/);
  const boothId = page.url().split("/").at(-2)!;
  await page.getByTestId("details-form").getByLabel("中文介绍").fill("光伏储能一体化解决方案。");
  await page.getByTestId("details-form").getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核，审核结果会通知您。")).toBeVisible();

  const staffContext = await browser.newContext({ baseURL: app.url });
  const staff = await staffContext.newPage();
  await loginOk(staff, "staff@demo.cloudfair.cn");
  await staff.goto("/staff");
  await staff
    .getByRole("link", { name: /个展位待审核/ })
    .first()
    .click();
  const row = staff.getByTestId("review-row").filter({ hasText: org });
  await expect(row.getByTestId("review-fee")).toHaveText(/^展位费：¥5,000\.00 · 待缴费/);
  await row.getByRole("button", { name: "通过" }).click();
  await expect(staff.getByText("已保存。")).toBeVisible();
  await staffContext.close();

  // The exhibitor is told, and the notification leads back to the builder.
  await page.goto("/notifications");
  await page
    .getByTestId("notifications")
    .getByRole("link", { name: /展位已通过审核/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/booths/${boothId}/edit$`));
  await expect(page.getByTestId("booth-status")).toContainText("已通过 · 待缴费");
  await expect(page.getByTestId("public-state")).toContainText("已通过，等待缴费");

  // Pay → the local test checkout, clearly a test; cancel first.
  await page.getByRole("button", { name: /支付展位费/ }).click();
  await expect(page).toHaveURL(new RegExp(`/booths/${boothId}/test-checkout/cs_test_\\w+$`));
  const checkout = page.getByTestId("test-checkout");
  await expect(checkout.getByRole("heading", { name: /测试支付/ })).toBeVisible();
  await expect(checkout).toContainText("不会产生任何真实扣款");
  await expect(checkout).toContainText(org);
  await expect(checkout).toContainText("特装展位");
  await expect(checkout.getByTestId("test-checkout-amount")).toHaveText("¥5,000.00");
  await checkout.getByRole("button", { name: "取消" }).click();
  await expect(page).toHaveURL(new RegExp(`/booths/${boothId}/edit\\?paid=0$`));
  await expect(page.getByText("支付已取消")).toBeVisible();
  await expect(page.getByTestId("booth-status")).toContainText("已通过 · 待缴费");

  // Pay for real (test): back on the builder's success page, paid and public.
  await page.getByRole("button", { name: /支付展位费/ }).click();
  await expect(page).toHaveURL(/\/test-checkout\//);
  await page.getByRole("button", { name: "确认支付（测试）" }).click();
  await expect(page).toHaveURL(new RegExp(`/booths/${boothId}/edit\\?paid=1$`));
  await expect(page.getByTestId("booth-status")).toContainText("已通过 · 已缴费");
  await expect(page.getByTestId("public-state")).toContainText("展位已公开");
  await exhibitorContext.close();

  const visitorContext = await browser.newContext({ baseURL: app.url });
  const visitor = await visitorContext.newPage();
  expect((await visitor.goto(`/booths/${boothId}`))?.status()).toBe(200);
  await expect(visitor.getByTestId("booth-name")).toHaveText(org);
  await visitor.goto("/fairs/jiangsu-2026?hall=new-energy");
  await expect(visitor.getByTestId("booth-card").filter({ hasText: org })).toBeVisible();
  await visitorContext.close();
});
