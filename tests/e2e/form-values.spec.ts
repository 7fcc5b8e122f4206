// What a person sees when an amount is out of range (issue 15, item 8): the field says the range (1e14
// was told "请输入大于 0 的金额"), the earlier "已保存。" banner does not stay beside the new error,
// and an amount typed with thousands separators is accepted.
import { expect, test } from "@playwright/test";
import { signUpExhibitor } from "./helpers";

test("an out-of-range amount says the range, the old 已保存 banner goes, separators are accepted", async ({ page }) => {
  await signUpExhibitor(page, `苏州数值${Date.now() % 100000}`);
  await page.goto("/fairs/jiangsu-2026/apply");
  await page.getByLabel("展馆").selectOption({ label: "数字经济馆" });
  await page.getByLabel("展位类型").selectOption({ label: "标准展位 · 免费" });
  await page.getByRole("button", { name: "创建展位草稿" }).click();
  await expect(page).toHaveURL(/\/booths\/\w+\/edit$/);

  const details = page.getByTestId("details-form");
  await details.getByLabel("中文介绍").fill("专注工业数据平台。");
  await details.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已保存。")).toBeVisible();

  const form = page.getByTestId("project-form");
  await form.getByLabel("中文标题").fill("工业数据平台");
  await form.getByLabel("英文标题").fill("Industrial data platform");
  await form.getByLabel("行业").selectOption("digital-economy");
  await form.getByLabel("阶段").selectOption("SEED");
  await form.getByLabel("地区").selectOption("suzhou");
  const amount = form.getByLabel("融资金额（元）");
  await amount.fill("1e14");
  await form.getByRole("button", { name: "添加项目" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "不超过 1,000 亿" })).toBeVisible();
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("已保存。")).toHaveCount(0);

  await amount.fill("12,000,000.50");
  await form.getByRole("button", { name: "添加项目" }).click();
  await expect(
    page.getByTestId("builder-project").filter({ hasText: "工业数据平台" }).filter({ hasText: "¥1200万" }),
  ).toBeVisible();
  await expect(page.getByText("已保存。")).toBeVisible();
});
