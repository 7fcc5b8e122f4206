// The installable app (issue 21, docs/decisions/023-phones-and-offline.md): manifest and worker served
// with the right types and allowed by the CSP; the agenda, upcoming meetings and bookmarked booths
// readable offline with a notice; nothing personal left in the caches after logging out.
import { expect, test, type Page } from "@playwright/test";
import { createMeetingNow, loginOk, queryOne } from "./helpers";

const DEMO = "demo.cloudfair.cn";
const INVESTOR = `investor07@${DEMO}`;
const EXHIBITOR = `exhibitor07@${DEMO}`;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

test("manifest, icons and service worker are served with their types and allowed by the CSP", async ({ request }) => {
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  expect(manifest.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const body = await manifest.json();
  expect(body).toMatchObject({
    name: "云展洽 CloudFair",
    short_name: "云展洽",
    display: "standalone",
    start_url: "/dashboard",
  });
  const en = await request.get("/manifest.webmanifest", { headers: { Cookie: "cf_lang=ImVuIg%3D%3D" } });
  expect((await en.json()).short_name).toBe("CloudFair");
  for (const icon of body.icons as { src: string }[]) {
    const res = await request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
  }

  const sw = await request.get("/sw.js");
  expect(sw.status()).toBe(200);
  expect(sw.headers()["content-type"]).toMatch(/^(application|text)\/javascript/);
  expect(sw.headers()["cache-control"]).toBe("no-cache");

  const csp = (await request.get("/")).headers()["content-security-policy"];
  expect(csp).toContain("worker-src 'self'");
  expect(csp).toContain("manifest-src 'self'");
});

async function cachedUrls(page: Page) {
  return page.evaluate(async () => {
    const names = await caches.keys();
    const urls: string[] = [];
    for (const n of names.filter((x) => x.startsWith("cf-personal")))
      for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname);
    return urls;
  });
}

test("agenda, meetings and bookmarked booths stay readable offline; logging out removes them", async ({ browser }) => {
  test.setTimeout(120_000);
  const booth = (await queryOne<{ id: string; nameZh: string }>(
    `SELECT b.id, o."nameZh" FROM "Booth" b JOIN "Organization" o ON o.id = b."organizationId"
     JOIN "Membership" m ON m."organizationId" = o.id JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`,
    [EXHIBITOR],
  ))!;
  await queryOne(
    `INSERT INTO "Bookmark" ("userId", "boothId") SELECT id, $2 FROM "User" WHERE email = $1 ON CONFLICT DO NOTHING`,
    [INVESTOR, booth.id],
  );
  // Four days ahead at an hour no other spec books for these two.
  await createMeetingNow(INVESTOR, EXHIBITOR, 4 * 864e5 + 5 * 3600e3, 30 * 60e3);

  const context = await browser.newContext({ ...PHONE });
  const page = await context.newPage();
  await loginOk(page, INVESTOR);
  // The worker installs and takes control of the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
  });

  // Online visits save the pages.
  await page.goto("/meetings");
  await expect(page.getByTestId("agenda-meetings")).toContainText(booth.nameZh);
  await page.goto(`/booths/${booth.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(booth.nameZh);
  await page.goto("/dashboard");
  await expect(page.getByTestId("bookmarks")).toContainText(booth.nameZh);
  await expect(page.getByTestId("offline-notice")).toHaveCount(0);
  await expect
    .poll(() => cachedUrls(page))
    .toEqual(expect.arrayContaining(["/meetings", "/dashboard", `/booths/${booth.id}`]));

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("bookmarks")).toContainText(booth.nameZh);
  await expect(page.getByTestId("offline-notice")).toContainText(/离线 — 正在显示 .+ 保存的副本/);
  await page.goto("/meetings");
  await expect(page.getByTestId("agenda-meetings")).toContainText(booth.nameZh);
  await expect(page.getByTestId("offline-notice")).toContainText("离线");
  // The bookmarked booth, followed from the dashboard's list like a person would.
  await page.goto("/dashboard");
  await page.getByTestId("bookmarks").getByRole("link", { name: booth.nameZh }).click();
  await expect(page).toHaveURL(new RegExp(`/booths/${booth.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(booth.nameZh);
  await expect(page.getByTestId("offline-notice")).toContainText("离线");

  // Back online: the notice goes; logging out empties the saved personal pages.
  await context.setOffline(false);
  await page.goto("/logout");
  await expect(page.getByTestId("offline-notice")).toHaveCount(0);
  await page.getByRole("button", { name: "确认退出" }).click();
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  await expect.poll(() => cachedUrls(page)).toEqual([]);
  await context.setOffline(true);
  await expect(page.goto("/meetings")).rejects.toThrow(/ERR_INTERNET_DISCONNECTED|ERR_FAILED/);
  await context.close();
});
