// What an exhibitor sees while building a booth (issue 15): oversized files are refused before they
// are sent, or with a page that says so (item 2); every state says what it is and submitting says
// what happens next (item 11); staff decisions reach the exhibitor (item 15); add forms empty
// themselves after a successful add and keep what was typed after a failed one (item 12).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signUpExhibitor, openReviewQueue } from "./helpers";

const MiB = 1024 * 1024;
const image = (mb: number) => ({ name: "海报.png", mimeType: "image/png", buffer: Buffer.alloc(mb * MiB, 1) });
const pdf = (mb: number) => ({ name: "招商手册.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(mb * MiB, 1) });
/** 60 MB is above what Playwright passes as a buffer: a file on disk instead. */
function sixtyMegabyteFile() {
  const dir = mkdtempSync(path.join(tmpdir(), "cf-e2e-upload-"));
  const file = path.join(dir, "宣传片.png");
  writeFileSync(file, Buffer.alloc(60 * MiB, 1));
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new exhibitor's draft booth on the free tier, with one project; returns the booth id. */
async function draftBooth(page: Page, org: string) {
  await signUpExhibitor(page, org);
  await page.goto("/fairs/jiangsu-2026/apply");
  await page.getByLabel("展馆").selectOption({ label: "数字经济馆" });
  await page.getByLabel("展位类型").selectOption({ label: "标准展位 · 免费" });
  await page.getByRole("button", { name: "创建展位草稿" }).click();
  await expect(page).toHaveURL(/\/booths\/\w+\/edit$/);
  return page.url().split("/").at(-2)!;
}

async function addProject(page: Page, title: string) {
  const form = page.getByTestId("project-form");
  await form.getByLabel("中文标题").fill(title);
  await form.getByLabel("英文标题").fill(`${title} (en)`);
  await form.getByLabel("行业").selectOption("digital-economy");
  await form.getByLabel("阶段").selectOption("SEED");
  await form.getByLabel("地区").selectOption("nanjing");
  await form.getByLabel("融资金额（元）").fill("1000000");
  await form.getByRole("button", { name: "添加项目" }).click();
  await expect(page.getByTestId("builder-project").filter({ hasText: title })).toBeVisible();
}

test("oversized files are refused in the browser before sending, with the limit next to the field", async ({
  page,
}) => {
  test.setTimeout(120_000); // 12, 30 and 60 MB buffers cross into Chromium: slow on a busy machine
  await draftBooth(page, `南京数智${Date.now() % 100000}`);
  await addProject(page, "城市数据中台");
  const builderUrl = page.url();
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });

  // 12 MB image (limit 10 MB).
  const logo = page.getByTestId("logo-form");
  await logo.locator("input[type=file]").setInputFiles(image(12));
  await expect(logo.getByTestId("upload-error")).toHaveText("文件过大：最大 10 MB。");
  await logo.getByRole("button", { name: "上传", exact: true }).click();
  // 30 MB PDF (limit 20 MB).
  const project = page.getByTestId("builder-project").first();
  await project.locator("input[type=file]").setInputFiles(pdf(30));
  await expect(project.getByTestId("upload-error")).toHaveText("文件过大：最大 20 MB。");
  await project.getByRole("button", { name: "上传", exact: true }).click();
  // 60 MB anything.
  const big = sixtyMegabyteFile();
  try {
    const gallery = page.getByTestId("gallery-form");
    await gallery.locator("input[type=file]").setInputFiles(big.file);
    await expect(gallery.getByTestId("upload-error")).toHaveText("文件过大：最大 10 MB。");
    await gallery.getByRole("button", { name: "上传", exact: true }).click();
  } finally {
    big.cleanup();
  }
  await page.waitForTimeout(500);
  expect(posts).toEqual([]); // nothing was sent
  await expect(page).toHaveURL(builderUrl);

  // A file within the limit clears the message and uploads.
  await logo.locator("input[type=file]").setInputFiles(image(1));
  await expect(logo.getByTestId("upload-error")).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("every oversized upload gets a message: next to the field, or a 413 page that leads back", async ({ page }) => {
    const boothId = await draftBooth(page, `南京云算${Date.now() % 100000}`);
    await addProject(page, "算力调度平台");

    // 12 MB image: the builder comes back with the message next to the logo field.
    const logo = page.getByTestId("logo-form");
    await logo.locator("input[type=file]").setInputFiles(image(12));
    await logo.getByRole("button", { name: "上传", exact: true }).click();
    await expect(page.getByTestId("logo-form").getByTestId("upload-error")).toHaveText("文件过大：最大 10 MB。");

    // 30 MB PDF: above the body limit, the edge answers with a page that says what happened and leads back.
    const project = page.getByTestId("builder-project").first();
    await project.locator("input[type=file]").setInputFiles(pdf(30));
    await project.getByRole("button", { name: "上传", exact: true }).click();
    const refused = page.getByTestId("edge-error-413");
    await expect(refused).toContainText("文件过大：最大 20 MB。");
    await expect(refused).toContainText("请返回上一页，修改后重试。");
    await refused.getByTestId("edge-back").click();
    await expect(page).toHaveURL(new RegExp(`/booths/${boothId}/edit$`));

    // 60 MB anything: the same page.
    const big = sixtyMegabyteFile();
    try {
      await page.getByTestId("gallery-form").locator("input[type=file]").setInputFiles(big.file);
      await page.getByTestId("gallery-form").getByRole("button", { name: "上传", exact: true }).click();
      await expect(page.getByTestId("edge-error-413")).toContainText("文件过大");
      await expect(page.getByTestId("edge-back")).toHaveAttribute("href", `/booths/${boothId}/edit`);
    } finally {
      big.cleanup();
    }
  });

  test("add forms are empty after a successful add and keep what was typed after a failed one", async ({ page }) => {
    await draftBooth(page, `南京链创${Date.now() % 100000}`);
    await expectAddFormsReset(page);
  });
});

test("add forms are empty after a successful add and keep what was typed after a failed one", async ({ page }) => {
  await draftBooth(page, `南京链创${Date.now() % 100000}`);
  await expectAddFormsReset(page);
});

async function expectAddFormsReset(page: Page) {
  await addProject(page, "区块链溯源平台");
  const project = page.getByTestId("project-form");
  await expect(project.getByLabel("中文标题")).toHaveValue("");
  await expect(project.getByLabel("融资金额（元）")).toHaveValue("");

  const product = page.getByTestId("product-form");
  await product.getByLabel("中文名称").fill("溯源一体机");
  await product.getByLabel("英文名称").fill("Traceability box");
  await product.getByRole("button", { name: "添加产品" }).click();
  await expect(page.getByText("溯源一体机")).toBeVisible();
  await expect(page.getByTestId("product-form").getByLabel("中文名称")).toHaveValue("");
  await expect(page.getByTestId("product-form").getByLabel("英文名称")).toHaveValue("");

  const contact = () => page.getByTestId("contact-form");
  await contact().getByLabel("姓名").fill("周经理");
  await contact().getByLabel("电话").fill("not a phone");
  await contact().getByRole("button", { name: "添加联系人" }).click();
  await expect(contact().getByText("请输入有效的电话号码。")).toBeVisible();
  await expect(contact().getByLabel("姓名")).toHaveValue("周经理"); // a failed add keeps the values
  await expect(contact().getByLabel("电话")).toHaveValue("not a phone");
  await contact().getByLabel("电话").fill("+86 25 8888 6666");
  await contact().getByRole("button", { name: "添加联系人" }).click();
  await expect(page.getByText("+86 25 8888 6666")).toBeVisible();
  await expect(contact().getByLabel("姓名")).toHaveValue("");
  await expect(contact().getByLabel("电话")).toHaveValue("");
}

test("each state says what it is, submitting says what happens next, and staff decisions reach the exhibitor", async ({
  page,
  browser,
}) => {
  const org = `南京智算${Date.now() % 100000}`;
  await draftBooth(page, org);
  await expect(page.getByTestId("public-state")).toContainText("草稿，尚未提交审核");
  await expect(page.getByTestId("public-state")).not.toContainText("等待审核");
  await page.getByTestId("details-form").getByLabel("中文介绍").fill("智能算力服务商。");
  await page.getByTestId("details-form").getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核，审核结果会通知您。")).toBeVisible();
  await expect(page.getByText("已保存。")).toHaveCount(0);
  await expect(page.getByTestId("public-state")).toContainText("等待审核");

  const staff = await browser.newPage();
  await openReviewQueue(staff);
  const row = () => staff.getByTestId("review-row").filter({ hasText: org });
  await expect(row().getByTestId("review-fee")).toHaveText(/^展位费：免费( · |$)/);
  await expect(row()).not.toContainText("免费 · 免费");
  await row().getByLabel(/原因/).fill("请补充算力中心的能耗指标");
  await row().getByRole("button", { name: "要求修改" }).click();
  await expect(staff.getByText("已保存。")).toBeVisible();

  await page.goto("/notifications");
  await expect(page.getByTestId("notifications")).toContainText("展位需修改：请补充算力中心的能耗指标");
  await page
    .getByTestId("notifications")
    .getByRole("link", { name: /需修改/ })
    .click();
  await expect(page).toHaveURL(/\/booths\/\w+\/edit$/);
  await expect(page.getByTestId("booth-status")).toContainText("需修改");
  await expect(page.getByTestId("review-note")).toHaveText("需修改：请补充算力中心的能耗指标");
  await expect(page.getByTestId("public-state")).toContainText("需修改");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByText("已提交审核，审核结果会通知您。")).toBeVisible();

  // Reopen the queue without the first decision's ?saved=1: "已保存。" below must be this decision's,
  // or the page could close while the rejection is still on its way.
  const queue = new URL(staff.url());
  queue.searchParams.delete("saved");
  await staff.goto(queue.pathname + queue.search);
  await expect(staff.getByText("已保存。")).toHaveCount(0);
  await row().getByLabel(/原因/).fill("不符合本届展会的产业方向");
  await row().getByRole("button", { name: "拒绝" }).click();
  await expect(staff.getByText("已保存。")).toBeVisible();
  await staff.close();

  await page.goto("/notifications");
  await expect(page.getByTestId("notifications")).toContainText("展位申请未通过：不符合本届展会的产业方向");
  await page
    .getByTestId("notifications")
    .getByRole("link", { name: /未通过/ })
    .click();
  await expect(page.getByTestId("booth-status")).toContainText("未通过");
  await expect(page.getByTestId("review-note")).toHaveText("未通过原因：不符合本届展会的产业方向");
  await expect(page.getByTestId("public-state")).toContainText("未通过审核");
  await expect(page.getByTestId("public-state")).not.toContainText("等待审核");
});
