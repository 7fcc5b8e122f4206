import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { deliverStripeEvent, expectSvgIcon, loginOk, queryOne, signUpExhibitor } from "./helpers";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** Signs up a new exhibitor, applies for a booth in the hall and submits it; returns the booth id. */
async function submittedBooth(page: Page, org: string, hall: string) {
  await signUpExhibitor(page, org);
  await page.goto("/fairs/jiangsu-2026/apply");
  await page.getByLabel("展馆").selectOption({ label: hall });
  await page.getByLabel("展位类型").selectOption({ label: "标准展位 · 免费" });
  await page.getByRole("button", { name: "创建展位草稿" }).click();
  await expect(page).toHaveURL(/\/booths\/\w+\/edit$/);
  await page.getByTestId("details-form").getByLabel("中文介绍").fill("待审核的展位。");
  await page.getByTestId("details-form").getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByTestId("booth-status")).toContainText("待审核");
  return page.url().split("/").at(-2)!;
}

test("exhibitor applies, builds with an uploaded image, submits; staff approves; paid via Checkout → public", async ({
  page,
  browser,
  baseURL,
}) => {
  const org = `苏州细胞工场${Date.now() % 100000}`;
  await signUpExhibitor(page, org);
  await page.getByRole("link", { name: "申请展位 →" }).first().click();
  await page.getByLabel("展馆").selectOption({ label: "生物医药馆" });
  await page.getByLabel("展位类型").selectOption({ label: "特装展位 · ¥5,000.00" });
  await page.getByRole("button", { name: "创建展位草稿" }).click();
  await expect(page).toHaveURL(/\/booths\/\w+\/edit$/);
  const boothId = page.url().split("/").at(-2)!;
  await expect(page.getByTestId("booth-status")).toContainText("草稿 · 待缴费");

  const details = page.getByTestId("details-form");
  await details.getByLabel("中文介绍").fill("专注 CAR-T 细胞治疗的创新企业。");
  await details.getByLabel("英文介绍").fill("An innovator in CAR-T cell therapy.");
  await details.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已保存。")).toBeVisible();

  const png = await sharp({ create: { width: 1200, height: 300, channels: 3, background: "#0f2f66" } })
    .png()
    .toBuffer();
  await page
    .getByTestId("banner-form")
    .locator("input[type=file]")
    .setInputFiles({ name: "banner.png", mimeType: "image/png", buffer: png });
  await page.getByTestId("banner-form").getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByTestId("banner-preview")).toBeVisible();
  await expect(page.getByTestId("banner-preview")).toHaveAttribute("src", /\.webp$/);

  const project = page.getByTestId("project-form");
  await project.getByLabel("中文标题").fill("CAR-T 产业化基地");
  await project.getByLabel("英文标题").fill("CAR-T manufacturing site");
  await project.getByLabel("行业").selectOption("biomedicine");
  await project.getByLabel("阶段").selectOption("SERIES_A");
  await project.getByLabel("地区").selectOption("suzhou");
  await project.getByLabel("融资金额（元）").fill("30000000");
  await project.getByRole("button", { name: "添加项目" }).click();
  await expect(page.getByTestId("builder-project")).toContainText("CAR-T 产业化基地");

  // A PNG renamed .pdf is refused with a clear message, and nothing else is lost.
  await page
    .getByTestId("builder-project")
    .locator("input[type=file]")
    .setInputFiles({ name: "deck.pdf", mimeType: "application/pdf", buffer: png });
  await page.getByTestId("builder-project").getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "文件内容与其扩展名或类型不符" })).toBeVisible();
  // A real PDF is listed with an SVG file icon (no emoji: they are boxes without an emoji font).
  await page
    .getByTestId("builder-project")
    .locator("input[type=file]")
    .setInputFiles({ name: "deck.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByTestId("builder-project").getByRole("button", { name: "上传", exact: true }).click();
  await expectSvgIcon(page.getByTestId("builder-project").getByRole("link", { name: "deck.pdf" }));

  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByTestId("booth-status")).toContainText("待审核");

  // Not public yet: anonymous visitors get a 404.
  const anon = await browser.newPage();
  expect((await anon.goto(`/booths/${boothId}`))?.status()).toBe(404);

  const staff = await browser.newPage();
  await loginOk(staff, "staff@demo.cloudfair.cn");
  await staff.goto("/staff");
  await staff
    .getByRole("link", { name: /个展位待审核/ })
    .first()
    .click();
  const row = staff.getByTestId("review-row").filter({ hasText: org });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "通过" }).click();
  await expect(staff.getByText("已保存。")).toBeVisible();

  // Approved but unpaid: still private.
  await page.reload();
  await expect(page.getByTestId("booth-status")).toContainText("已通过 · 待缴费");
  await expect(page.getByTestId("public-state")).toContainText("等待缴费");
  expect((await anon.goto(`/booths/${boothId}`))?.status()).toBe(404);

  // Pay: the app creates a Checkout session (stripe-mock) and sends the browser to Stripe.
  await page.route("https://checkout.stripe.com/**", (route) =>
    route.fulfill({ contentType: "text/html", body: "<title>Stripe Checkout</title><p>checkout</p>" }),
  );
  await page.getByRole("button", { name: /支付展位费/ }).click();
  await expect(page).toHaveURL(/checkout\.stripe\.com/);
  const session = await queryOne<{ stripeSessionId: string }>(
    `SELECT "stripeSessionId" FROM "BoothPayment" WHERE "boothId" = $1`,
    [boothId],
  );
  // With a Stripe key of its own (not the local stripe-mock's), the app has no test checkout.
  const testCheckout = await page.request.get(`/booths/${boothId}/test-checkout/${session!.stripeSessionId}`);
  expect(testCheckout.status()).toBe(404);
  const delivered = await deliverStripeEvent(baseURL!, "checkout.session.completed", {
    id: session!.stripeSessionId,
    object: "checkout.session",
    client_reference_id: boothId,
    payment_status: "paid",
    payment_intent: `pi_e2e_${Date.now()}`,
    amount_total: 500_000,
    currency: "cny",
  });
  expect(delivered.status).toBe(200);

  await page.goto(`/booths/${boothId}/edit?paid=1`);
  await expect(page.getByTestId("booth-status")).toContainText("已通过 · 已缴费");
  await expect(page.getByTestId("public-state")).toContainText("展位已公开");
  await anon.goto("/fairs/jiangsu-2026?hall=biomedicine");
  await expect(anon.getByTestId("booth-card").filter({ hasText: org })).toBeVisible();
  await anon.getByTestId("booth-card").filter({ hasText: org }).click();
  await expect(anon.getByTestId("booth-name")).toHaveText(org);
  await expect(anon.getByTestId("project-title")).toHaveText("CAR-T 产业化基地");
  await expectSvgIcon(anon.getByRole("list", { name: "项目文件" }).getByRole("link", { name: "deck.pdf" }));
  await expect(anon.getByTestId("contacts-hidden")).toBeVisible();
  await anon.close();
  await staff.close();
});

test("rejection shows the reason to the exhibitor; the booth never goes public", async ({ page, browser }) => {
  const org = `无锡芯测${Date.now() % 100000}`;
  const boothId = await submittedBooth(page, org, "集成电路馆");
  const staff = await browser.newPage();
  await loginOk(staff, "staff@demo.cloudfair.cn");
  await staff.goto("/staff");
  await staff
    .getByRole("link", { name: /个展位待审核/ })
    .first()
    .click();
  const row = staff.getByTestId("review-row").filter({ hasText: org });
  await row.getByLabel(/原因/).fill("请补充流片验证报告");
  await row.getByRole("button", { name: "拒绝" }).click();
  await expect(staff.getByText("已保存。")).toBeVisible();
  await staff.close();

  await page.goto("/dashboard");
  await expect(page.getByTestId("dash-booth-status").first()).toContainText("未通过");
  await page.getByRole("link", { name: "编辑展位" }).first().click();
  await expect(page.getByTestId("review-note")).toContainText("请补充流片验证报告");
  const anon = await browser.newPage();
  expect((await anon.goto(`/booths/${boothId}`))?.status()).toBe(404);
  await anon.close();
});

test("investors see team contacts once the exhibitor reaches out, and can bookmark; signed-in visitors cannot see contacts", async ({
  page,
  browser,
}) => {
  // A semiconductors booth that has neither met nor invited investor02's organization.
  const target = (await queryOne<{ boothId: string; orgId: string; exhibitorId: string; investorOrgId: string }>(
    `SELECT b.id AS "boothId", b."organizationId" AS "orgId", em."userId" AS "exhibitorId", im."organizationId" AS "investorOrgId"
     FROM "Booth" b JOIN "Fair" f ON f.id = b."fairId" JOIN "Hall" h ON h.id = b."hallId"
     JOIN "Membership" em ON em."organizationId" = b."organizationId" AND em.role = 'EXHIBITOR'
     JOIN "Membership" im ON im.role = 'INVESTOR' JOIN "User" iu ON iu.id = im."userId" AND iu.email = 'investor02@demo.cloudfair.cn'
     WHERE f.slug = 'jiangsu-2026' AND h.slug = 'semiconductors' AND b."isPublic"
       AND NOT EXISTS (SELECT 1 FROM "Meeting" m WHERE m."exhibitorOrgId" = b."organizationId" AND m."investorOrgId" = im."organizationId")
       AND NOT EXISTS (SELECT 1 FROM "MeetingRequest" r WHERE r."fromOrgId" = b."organizationId" AND r."toOrgId" = im."organizationId")
     ORDER BY b.position LIMIT 1`,
    [],
  ))!;
  await loginOk(page, "investor02@demo.cloudfair.cn");
  await page.goto(`/booths/${target.boothId}`);
  await expect(page.getByTestId("contacts-hidden")).toContainText("展商接受您的预约");
  await expect(page.getByText("投资者关系")).toHaveCount(0);
  // The exhibitor invites investor02's organization to a meeting: its contacts are now shown.
  await queryOne(
    `INSERT INTO "MeetingRequest" (id, "fairId", "fromUserId", "fromOrgId", "toOrgId", status)
     SELECT gen_random_uuid()::text, b."fairId", $2, $3, $4, 'PENDING' FROM "Booth" b WHERE b.id = $1 RETURNING id`,
    [target.boothId, target.exhibitorId, target.orgId, target.investorOrgId],
  );
  await page.reload();
  await expect(page.getByTestId("contacts")).toContainText("投资者关系");
  if ((await page.getByTestId("bookmark").getAttribute("aria-pressed")) === "true") {
    await page.getByTestId("bookmark").click(); // left over from an earlier run: start unbookmarked
    await expect(page.getByTestId("bookmark")).toHaveAttribute("aria-pressed", "false");
  }
  await page.getByTestId("bookmark").click();
  await expect(page.getByTestId("bookmark")).toHaveText(/已收藏/);
  const name = (await page.getByTestId("booth-name").textContent())!;
  await page.goto("/dashboard");
  await expect(page.getByTestId("bookmarks")).toContainText(name);

  const visitor = await browser.newPage();
  await visitor.goto("/signup");
  await visitor.getByLabel(/访客/).check();
  await visitor.getByLabel("姓名").fill("访客甲");
  await visitor.getByLabel("邮箱").fill(`visitor-${Date.now()}@e2e.cloudfair.cn`);
  await visitor.getByLabel("密码").fill("e2e-password-1");
  await visitor.getByRole("button", { name: "创建账户" }).click();
  await expect(visitor).toHaveURL(/\/dashboard$/);
  await visitor.goto("/fairs/jiangsu-2026?hall=semiconductors");
  await visitor.getByTestId("booth-card").first().click();
  await expect(visitor.getByTestId("contacts-hidden")).toBeVisible();
  await expect(visitor.getByText("投资者关系")).toHaveCount(0);
  await visitor.close();
});

test("fair hall filters by sector and region without JavaScript-only controls", async ({ page }) => {
  await page.goto("/fairs/jiangsu-2026");
  await page.getByLabel("行业").selectOption("new-energy");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/sector=new-energy/);
  const cards = page.getByTestId("booth-card");
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(7);
  for (const text of await cards.allTextContents()) expect(text).toContain("新能源");
});
