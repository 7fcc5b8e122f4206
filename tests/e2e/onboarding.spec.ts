// Bulk onboarding end to end (issue 17, ADR 027): the demo fair's staff member uploads a CSV, reads
// the dry run's per-row errors in Chinese, uploads the corrected list as an XLSX workbook, imports it
// and watches the progress bar reach the end; the invited exhibitor follows the claim link from the
// invitation mail they received, in a fresh browser, sets a password, lands in the pre-filled booth
// builder, edits and saves the booth and submits it; the staff list then shows the invitation
// opened, claimed and the booth submitted.
//
// The e2e server's SMTP_URL points at a Mailpit (tests/e2e/global-setup.ts): the mail worker really
// sends the invitation, and the test reads it from Mailpit's inbox as the exhibitor would.
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, loginOk, queryOne, receivedMail } from "./helpers";

const DEMO = "demo.cloudfair.cn";

test("staff import a spreadsheet of exhibitors; the invited exhibitor claims the account from the mail and submits the booth", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = `${Date.now().toString(36)}${Math.round(Math.random() * 1e4)}`;
  const org = `e2e导入科技${tag}`;
  const email = `import-${tag}@e2e.cloudfair.cn`;
  const fair = (await queryOne<{ id: string }>(`SELECT id FROM "Fair" WHERE slug = $1`, ["jiangsu-2026"]))!;
  const header = "机构名称（中文）,联系人,邮箱,展馆,展位类型";
  const csv = (address: string) => Buffer.from(`\uFEFF${header}\r\n${org},陈导入,${address},生物医药馆,标准展位\r\n`);
  const xlsx = async (address: string) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("展商");
    sheet.addRow(header.split(","));
    sheet.addRow([org, "陈导入", address, "生物医药馆", "标准展位"]);
    return Buffer.from(await book.xlsx.writeBuffer());
  };

  await loginOk(page, `staff@${DEMO}`, DEMO_PASSWORD);
  await page.goto(`/staff/fairs/${fair.id}/onboarding`);
  const upload = page.getByTestId("onboarding-upload");

  // Dry run of a file with a bad address: the error by row and column, in Chinese; nothing to import.
  await upload
    .locator("#onboarding-file")
    .setInputFiles({ name: "展商名单.csv", mimeType: "text/csv", buffer: csv("not-an-email") });
  await upload.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByTestId("onboarding-errors")).toContainText("第 2 行 邮箱: 格式不正确");
  await expect(page.getByTestId("onboarding-import")).toHaveCount(0);

  // The corrected list, saved from Excel as a workbook, checks clean and imports, the progress bar
  // reaching its end.
  await upload.locator("#onboarding-file").setInputFiles({
    name: "展商名单.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: await xlsx(email),
  });
  await upload.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByTestId("onboarding-errors")).toHaveCount(0);
  await page.getByTestId("onboarding-import").click();
  await expect(page.getByTestId("onboarding-status")).toHaveText("导入完成", { timeout: 20_000 });
  const progress = page.getByTestId("onboarding-progress");
  await expect(progress).toHaveAttribute("value", "1");
  await expect(progress).toHaveAttribute("max", "1");
  const row = page.getByTestId("onboarding-invitees").locator("tr", { hasText: email });
  await expect(row.locator(`[data-label="已打开链接"]`)).toHaveText("否"); // not opened,
  await expect(row.locator(`[data-label="已激活"]`)).toHaveText("否"); // not claimed,
  await expect(row.locator(`[data-label="展位已提交"]`)).toHaveText("否"); // nothing submitted yet

  // The invitation mail as the exhibitor received it: sent over SMTP, with the claim link on APP_URL.
  const mail = await receivedMail(email, /邀请您参加：请激活账户/);
  expect(mail.subject).toContain("江苏");
  const link = /(http\S+\/claim\/[A-Za-z0-9_-]{20,})/.exec(mail.text)?.[1] ?? "";
  expect(link, mail.text).not.toBe("");
  expect(new URL(link).origin).toBe(new URL(page.url()).origin);
  expect(mail.html).toContain(`href="${link}"`);

  // The exhibitor, in a browser of their own, follows the link: set a password, land in the booth
  // builder, pre-filled; describe the booth, save, submit it for review.
  const theirs = await browser.newContext();
  try {
    const them = await theirs.newPage();
    await them.goto(link);
    await expect(them.getByRole("heading", { name: "激活您的云展洽账户" })).toBeVisible();
    await expect(them.getByText(email)).toBeVisible();
    await them.getByLabel("密码", { exact: true }).fill("Lanterns-over-Qinhuai-47");
    await them.getByRole("button", { name: "设置密码并进入" }).click();
    await expect(them).toHaveURL(/\/booths\/[^/]+\/edit$/);
    await expect(them.locator("main")).toContainText(org);
    await expect(them.locator("main")).toContainText("生物医药馆");
    const boothId = new URL(them.url()).pathname.split("/").at(-2)!;

    const details = them.getByTestId("details-form");
    await details.getByLabel("中文介绍").fill("导入后由展商补充的介绍：生物医药研发服务。");
    await details.getByRole("button", { name: "保存" }).click();
    await expect(them.getByText("已保存。")).toBeVisible();
    await them.getByRole("button", { name: "提交审核" }).click();
    await expect(them.getByText("已提交审核，审核结果会通知您。")).toBeVisible();
    await expect(them.getByTestId("public-state")).toContainText("等待审核");
    const booth = await queryOne<{ status: string; descriptionZh: string; organization: string }>(
      `SELECT b.status, b."descriptionZh", o."nameZh" AS organization FROM "Booth" b JOIN "Organization" o ON o.id = b."organizationId" WHERE b.id = $1`,
      [boothId],
    );
    expect(booth).toEqual({
      status: "SUBMITTED",
      descriptionZh: "导入后由展商补充的介绍：生物医药研发服务。",
      organization: org,
    });
  } finally {
    await theirs.close();
  }

  // Staff see the link opened, the account claimed and the booth submitted, with nothing left to resend.
  await page.reload();
  await expect(row.locator(`[data-label="已打开链接"]`)).not.toHaveText("否");
  await expect(row.locator(`[data-label="已激活"]`)).not.toHaveText("否");
  await expect(row.locator(`[data-label="展位已提交"]`)).toHaveText("是");
  await expect(row.getByRole("button", { name: "重新发送邀请" })).toHaveCount(0);
});
