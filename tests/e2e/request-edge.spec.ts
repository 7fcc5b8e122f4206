// What a person sees at the request edge (docs/decisions/020-request-edge.md): a login with a
// crafted `next` stays on the site; an upload above the body limit shows a localized message.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, loginOk } from "./helpers";

test("a login with next=%2F%09%2Fevil.example stays on the site", async ({ page, baseURL }) => {
  await page.goto("/login?next=%2F%09%2Fevil.example");
  await page.getByLabel("邮箱").fill("investor02@demo.cloudfair.cn");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

async function openOwnBooth(page: Page) {
  await loginOk(page, "exhibitor02@demo.cloudfair.cn");
  await page.goto("/dashboard");
  await page.locator('a[href^="/booths/"][href$="/edit"]').first().click();
  await expect(page).toHaveURL(/\/booths\/\w+\/edit$/);
}

const tooBig = { name: "招商手册.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(25 * 1024 * 1024, "0") };

test("an upload above 20 MB shows the localized limit, not a blank page", async ({ page }) => {
  await openOwnBooth(page);
  const project = page.getByTestId("builder-project").first();
  // With JavaScript the browser refuses it before sending (issue 15): the limit shows at the field.
  const posts: string[] = [];
  page.on("request", (r) => void (r.method() === "POST" && posts.push(r.url())));
  await project.locator("input[type=file]").setInputFiles(tooBig);
  await project.getByRole("button", { name: "上传", exact: true }).click();
  await expect(project.getByTestId("upload-error")).toHaveText("文件过大：最大 20 MB。");
  expect(posts).toEqual([]);
});

test("without JavaScript, the same upload gets the localized 413 page", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("邮箱").fill("exhibitor02@demo.cloudfair.cn");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.locator('a[href^="/booths/"][href$="/edit"]').first().click();
  const project = page.getByTestId("builder-project").first();
  await project.locator("input[type=file]").setInputFiles(tooBig);
  await project.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByTestId("edge-error-413")).toContainText("文件过大：最大 20 MB。");
  await expect(page.getByTestId("edge-back")).toHaveAttribute("href", /^\/booths\/\w+\/edit$/);
  await context.close();
});
