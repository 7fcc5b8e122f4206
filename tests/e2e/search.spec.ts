import { expect, test } from "@playwright/test";

test("header search finds projects in Chinese and English, with facets, highlights and a shareable URL", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByTestId("header-search").first().fill("集成电路");
  await page.getByTestId("header-search").first().press("Enter");
  await expect(page).toHaveURL(/\/search\?q=%E9%9B%86%E6%88%90%E7%94%B5%E8%B7%AF/);
  const hits = page.getByTestId("search-hit");
  await expect(hits.first()).toBeVisible();
  await expect(page.locator("mark").first()).toBeVisible();
  const total = Number((await page.getByTestId("search-total").textContent())!.match(/\d+/)![0]);
  expect(total).toBeGreaterThan(5);

  // Facet: only investment projects; the count shown equals the results that follow.
  const projectFacet = page.getByTestId("facet-type").getByRole("link", { name: /招商项目/ });
  const facetCount = Number(await projectFacet.getByTestId("facet-count").textContent());
  await projectFacet.click();
  await expect(page).toHaveURL(/type=project/);
  await expect(page.getByTestId("search-total")).toHaveText(`找到 ${facetCount} 条结果`);
  for (const text of await hits.allTextContents()) expect(text).toContain("招商项目");

  // Sorting by amount keeps the filter and orders the amounts.
  await page.getByLabel("排序").selectOption("amount:desc");
  await expect(page).toHaveURL(/sort=amount%3Adesc/);
  await expect(page).toHaveURL(/type=project/);

  // The URL is the state: opening it fresh gives the same first result.
  const first = await hits.first().textContent();
  const fresh = await page.context().newPage();
  await fresh.goto(page.url());
  await expect(fresh.getByTestId("search-hit").first()).toHaveText(first!);
  await fresh.close();
});

test("typos and English find biotech exhibitors; instant results as you type", async ({ page }) => {
  await page.goto("/search");
  await page.getByRole("searchbox", { name: "搜索" }).last().fill("biotecnology");
  await expect(page).toHaveURL(/q=biotecnology/); // submitted by itself after a short pause
  await expect(page.getByTestId("search-hit").first()).toBeVisible();
  await expect(page.getByTestId("search-hit").first()).toContainText(/生物|医药|基因|细胞|诊断|医疗/);
});

test("云推介 finds the demo fair's programme and its live roadshow (LIVE badge, time in the fair's zone) on a phone", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(`/search?q=${encodeURIComponent("云推介")}`);
  const hits = page.getByTestId("search-hit");
  await expect(hits.filter({ has: page.locator('a[href="/fairs/jiangsu-2026/roadshows"]') })).toHaveCount(1);
  const live = hits
    .filter({ has: page.locator('a[href^="/fairs/jiangsu-2026/roadshows/"]') })
    .filter({ has: page.getByTestId("roadshow-status").filter({ hasText: "直播中" }) });
  await expect(live.first()).toBeVisible();
  await expect(live.first().getByTestId("search-hit-time")).toContainText("Asia/Shanghai");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Their own type in the facet; the card leads to the roadshow's page.
  await page
    .getByTestId("facet-type")
    .getByRole("link", { name: /^云推介\s*\d+$/ })
    .click();
  await expect(page).toHaveURL(/type=roadshow/);
  for (const text of await hits.allTextContents()) expect(text).toContain("云推介");
  await live.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/fairs\/jiangsu-2026\/roadshows\/[\w-]+$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the search form, facets and pagination work as plain links and forms", async ({ page }) => {
    await page.goto("/search");
    await page.getByRole("searchbox", { name: "搜索" }).last().fill("新能源汽车");
    await page.getByRole("button", { name: "搜索" }).click();
    await expect(page.getByTestId("search-hit").first()).toBeVisible();
    await expect(page.getByTestId("search-hit").first()).toContainText(/新能源|储能|电池|光伏|氢能/);
    await page.getByTestId("facet-sector").getByRole("link").first().click();
    await expect(page).toHaveURL(/sector=/);
    await expect(page.getByTestId("search-hit").first()).toBeVisible();
  });

  test("路演 finds the fair's roadshow programme as a plain link", async ({ page }) => {
    await page.goto("/search");
    await page.getByRole("searchbox", { name: "搜索" }).last().fill("江苏 路演");
    await page.getByRole("button", { name: "搜索" }).click();
    await page.locator('[data-testid="search-hit"] a[href="/fairs/jiangsu-2026/roadshows"]').click();
    await expect(page).toHaveURL(/\/fairs\/jiangsu-2026\/roadshows$/);
  });
});
