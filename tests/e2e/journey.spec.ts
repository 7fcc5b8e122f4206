import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectSvgIcon, login } from "./helpers";

test("investor signs up, logs out and in, browses the fair hall and opens a booth", async ({ page }) => {
  const email = `investor-${Date.now()}@e2e.cloudfair.cn`;
  await page.goto("/signup");
  await page.getByLabel(/投资人/).check();
  await page.getByLabel("姓名").fill("周投资");
  await page.getByLabel("机构名称").fill("紫金新兴产业基金");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill("e2e-password-1");
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "欢迎，周投资" })).toBeVisible();
  await expect(page.getByText("尚未填写投资偏好")).toBeVisible();
  const bell = page.getByTestId("bell").locator("visible=true");
  await expect(bell).toHaveAccessibleName("通知");
  await expectSvgIcon(bell);

  await page.getByRole("button", { name: "退出" }).first().click();
  await expect(page.getByRole("link", { name: "登录" }).first()).toBeVisible();
  await login(page, email, "e2e-password-1");
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "2026 江苏云投资洽谈会" })).toBeVisible();
  await page.getByRole("link", { name: "进入展会" }).first().click(); // the first organizer's (Nanjing) first fair
  await expect(page.getByTestId("fair-title")).toHaveText("2026 江苏云投资洽谈会");
  await expect(page.getByTestId("hall-link")).toHaveCount(5);
  await expect(page.getByTestId("booth-card")).toHaveCount(24); // first page of 35
  const hallChip = page.getByRole("link", { name: /生物医药馆/ });
  const inHall = Number((await hallChip.textContent())!.match(/\((\d+)\)/)![1]);
  expect(inHall).toBeGreaterThanOrEqual(7); // 7 seeded; other tests may add booths meanwhile
  await hallChip.click();
  await expect(page).toHaveURL(/hall=biomedicine/);
  await expect(page.getByTestId("booth-card")).toHaveCount(inHall);
  const first = page.getByTestId("booth-card").first();
  const name = (await first.locator("p").first().textContent())!;
  await first.click();
  await expect(page.getByTestId("booth-name")).toHaveText(name);
  await expect(page.getByTestId("project-title")).toHaveCount(2);
  await expect(page.getByTestId("project-amount").first()).toContainText("¥");
  await expect(page.getByTestId("meeting-request")).toBeVisible(); // investors can request a meeting here
  const logo = page.locator("img").nth(1);
  await expect(logo).toHaveJSProperty("complete", true);
  expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test("switches language to English and keeps it across pages and reloads", async ({ page }) => {
  await page.goto("/fairs/jiangsu-2026");
  await expect(page.getByRole("link", { name: "全部展馆" })).toBeVisible();
  await page.getByTestId("lang-switch").first().click();
  await expect(page.getByTestId("fair-title")).toHaveText("2026 Jiangsu Online Investment Fair");
  await expect(page.getByRole("link", { name: "All halls" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.getByRole("link", { name: /Biomedicine Hall/ })).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Live and upcoming fairs" })).toBeVisible();
  await expect(page.getByText(/December \d+, 2026/).first()).toBeVisible();
  await page.getByTestId("lang-switch").first().click();
  await expect(page.getByRole("heading", { name: "正在进行与即将开幕的展会" })).toBeVisible();
});

test("bad sign-up input shows localized field errors and keeps what was typed", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel(/展商/).check();
  await page.getByLabel("姓名").fill("陈展商");
  await page.getByLabel("邮箱").fill("not-an-email");
  await page.getByLabel("密码").fill("short");
  await page.getByRole("button", { name: "创建账户" }).click();
  await expect(page.getByText("请输入有效的邮箱地址。")).toBeVisible();
  await expect(page.getByText("密码至少需要 10 个字符（不计空格）。")).toBeVisible();
  await expect(page.getByText("展商和投资人需填写机构名称。")).toBeVisible();
  await expect(page.getByLabel("姓名")).toHaveValue("陈展商");
  await expect(page.getByLabel("邮箱")).toHaveValue("not-an-email");
  await expect(page.getByLabel(/展商/)).toBeChecked();
});

test("wrong password gets a clear message; exhibitors get a 403 page for staff pages", async ({ page }) => {
  await login(page, "exhibitor01@demo.cloudfair.cn", "wrong-password");
  await expect(page.getByRole("alert")).toHaveText("邮箱或密码不正确。");
  await expect(page.getByLabel("邮箱")).toHaveValue("exhibitor01@demo.cloudfair.cn");
  await login(page, "exhibitor01@demo.cloudfair.cn", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText("我的展位")).toBeVisible();
  const res = await page.goto("/staff");
  expect(res?.status()).toBe(403);
  await expect(page.getByTestId("error-403")).toContainText("没有权限");
});

test("an investor cannot open a booth's edit page; staff can open staff pages", async ({ page, browser }) => {
  await login(page, "investor01@demo.cloudfair.cn", DEMO_PASSWORD);
  await expect(page.getByTestId("investor-profile")).toBeVisible();
  await page.goto("/fairs/jiangsu-2026");
  await page.getByTestId("booth-card").first().click();
  await expect(page).toHaveURL(/\/booths\/\w+$/);
  await expect(page.getByTestId("booth-name")).toBeVisible();
  await expect(page.getByRole("link", { name: "编辑展位" })).toHaveCount(0);
  const res = await page.goto(page.url() + "/edit");
  expect(res?.status()).toBe(403);

  const staff = await browser.newPage();
  await login(staff, "staff@demo.cloudfair.cn", DEMO_PASSWORD);
  await staff.goto("/staff");
  await expect(staff.getByTestId("staff-title")).toHaveText("展会管理");
  await expect(staff.getByText(/\d+ 个公开展位 \/ 共 \d+ 个/).first()).toBeVisible(); // exact counts: tests/integration
  await staff.close();
});

test("unknown pages get a localized 404 page, never a stack trace", async ({ page }) => {
  const res = await page.goto("/no/such/page");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("error-404")).toContainText("页面不存在");
  const booth = await page.goto("/booths/does-not-exist");
  expect(booth?.status()).toBe(404);
});

test("works on a phone: menu, hall chips and booth cards fit a 390 px screen, scripts run under the CSP", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("response", (r) => {
    if (/^\/favicon\./.test(new URL(r.url()).pathname) && r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/fairs/jiangsu-2026");
  await expect(page.getByTestId("booth-card").first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByLabel("菜单").locator("visible=true").click();
  await expect(page.getByRole("link", { name: "注册" }).locator("visible=true")).toBeVisible();
  // Hydrated (client-side navigation works) and no CSP violations were reported.
  await page.getByRole("link", { name: /集成电路馆/ }).click();
  await expect(page).toHaveURL(/hall=semiconductors/);
  expect(await page.evaluate(() => typeof (window as unknown as { __remixContext?: unknown }).__remixContext)).toBe(
    "object",
  );
  expect(errors).toEqual([]);
});

test("health reports every service and pages carry security headers with a fresh nonce", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  const body = await health.json();
  expect(body.database.status).toBe("ok");
  // The e2e server runs real LiveKit and stripe-mock with the keys it was given: both must answer them.
  for (const k of ["search", "video", "payments"]) expect(body[k].status, k).toBe("ok");
  const a = await request.get("/");
  const b = await request.get("/");
  const csp = a.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(b.headers()["content-security-policy"]).not.toBe(csp);
  expect(a.headers()["x-frame-options"]).toBe("DENY");
  expect(a.headers()["x-content-type-options"]).toBe("nosniff");
  // Browsers ask for /favicon.ico whatever the page links: a real multi-size icon, cacheable.
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)$/);
  expect(ico.headers()["cache-control"]).toMatch(/max-age=[1-9]\d*/);
  const icoBody = await ico.body();
  expect([...icoBody.subarray(0, 4)]).toEqual([0, 0, 1, 0]); // ICONDIR: reserved 0, type 1 (icon)
  expect(icoBody.readUInt16LE(4)).toBeGreaterThanOrEqual(3); // 16, 32 and 48 px
  // Booth media: served per file with the sandbox CSP and a short public cache (issue 14), never immutable.
  const hall = await (await request.get("/fairs/jiangsu-2026")).text();
  const logoUrl = hall.match(/\/media\/booths\/[^"]+\.svg/)![0];
  const logoRes = await request.get(logoUrl);
  expect(logoRes.status()).toBe(200);
  expect(logoRes.headers()["content-type"]).toBe("image/svg+xml");
  expect(logoRes.headers()["content-security-policy"]).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
  expect(logoRes.headers()["cache-control"]).toBe("public, max-age=600");
  expect(logoRes.headers()["etag"]).toBeTruthy();
  const unknown = await request.get(logoUrl.replace("logo.svg", "logo-removed.svg"));
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["cache-control"]).toBe("no-store");
  const apiRes = await request.get("/api/v1/fairs/jiangsu-2026/booths?perPage=5");
  expect(apiRes.status()).toBe(200);
  expect(apiRes.headers()["access-control-allow-origin"]).toBe("*");
  expect((await apiRes.json()).data).toHaveLength(5);
  expect((await request.get("/api/v1/fairs", { headers: { Authorization: "Bearer cf_bogus" } })).status()).toBe(401);
  const nonce = csp.match(/'nonce-([^']+)'/)![1];
  const html = await a.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
  expect(inline.length).toBeGreaterThan(0);
  for (const m of inline) expect(m[1]).toContain(`nonce="${nonce}"`);
});
