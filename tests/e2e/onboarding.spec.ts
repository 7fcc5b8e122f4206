// Bulk onboarding end to end (issue 17, ADR 027): the demo fair's staff member uploads a CSV, reads
// the dry run's per-row errors in Chinese, uploads the corrected file, imports it and watches the
// progress bar reach the end; the invited exhibitor follows the claim link from their invitation mail
// in a fresh browser, sets a password and lands in the pre-filled booth builder; the staff list then
// shows the invitation claimed.
//
// The e2e server has no SMTP_URL, so its mails are KEPT in the outbox (ADR 026) — which keeps the
// claim path; the test reads the link from there, as an admin would at /admin/mail.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, loginOk, queryOne } from "./helpers";

const DEMO = "demo.cloudfair.cn";

test("staff import a CSV of exhibitors; the invited exhibitor claims the account and lands in the booth builder", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const tag = `${Date.now().toString(36)}${Math.round(Math.random() * 1e4)}`;
  const org = `e2e导入科技${tag}`;
  const email = `import-${tag}@e2e.cloudfair.cn`;
  const fair = (await queryOne<{ id: string }>(`SELECT id FROM "Fair" WHERE slug = $1`, ["jiangsu-2026"]))!;
  const header = "机构名称（中文）,联系人,邮箱,展馆,展位类型";
  const csv = (address: string) => Buffer.from(`\uFEFF${header}\r\n${org},陈导入,${address},生物医药馆,标准展位\r\n`);

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

  // The corrected file checks clean and imports, the progress bar reaching its end.
  await upload
    .locator("#onboarding-file")
    .setInputFiles({ name: "展商名单.csv", mimeType: "text/csv", buffer: csv(email) });
  await upload.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByTestId("onboarding-errors")).toHaveCount(0);
  await page.getByTestId("onboarding-import").click();
  await expect(page.getByTestId("onboarding-status")).toHaveText("导入完成", { timeout: 20_000 });
  const progress = page.getByTestId("onboarding-progress");
  await expect(progress).toHaveAttribute("value", "1");
  await expect(progress).toHaveAttribute("max", "1");
  const row = page.getByTestId("onboarding-invitees").locator("tr", { hasText: email });
  await expect(row.locator(`[data-label="已激活"]`)).toHaveText("否"); // not claimed yet

  // The invitation mail, as the outbox holds it (KEPT: no SMTP server in e2e).
  let claimPath = "";
  await expect
    .poll(
      async () => {
        const mail = await queryOne<{ path: string | null }>(
          `SELECT data->>'claimPath' AS path FROM "MailOutbox" WHERE "toEmail" = $1 AND kind = 'exhibitor-invite'`,
          [email],
        );
        claimPath = mail?.path ?? "";
        return claimPath;
      },
      { timeout: 10_000 },
    )
    .toMatch(/^\/claim\/[A-Za-z0-9_-]{20,}$/);

  // The exhibitor, in a browser of their own: set a password, land in the booth builder, pre-filled.
  const theirs = await browser.newContext();
  try {
    const them = await theirs.newPage();
    await them.goto(claimPath);
    await expect(them.getByRole("heading", { name: "激活您的云展洽账户" })).toBeVisible();
    await expect(them.getByText(email)).toBeVisible();
    await them.getByLabel("密码", { exact: true }).fill("Lanterns-over-Qinhuai-47");
    await them.getByRole("button", { name: "设置密码并进入" }).click();
    await expect(them).toHaveURL(/\/booths\/[^/]+\/edit$/);
    await expect(them.locator("main")).toContainText(org);
    await expect(them.locator("main")).toContainText("生物医药馆");
  } finally {
    await theirs.close();
  }

  // Staff see it claimed (a date instead of 否), with nothing left to resend.
  await page.reload();
  await expect(row.locator(`[data-label="已激活"]`)).not.toHaveText("否");
  await expect(row.getByRole("button", { name: "重新发送邀请" })).toHaveCount(0);
});
