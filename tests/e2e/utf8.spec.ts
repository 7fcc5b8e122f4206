// Every public page, in zh-CN and English, is valid UTF-8 with no U+0000 and no U+FFFD. React 18's
// streaming renderer wrote NUL bytes where a chunk boundary split a Chinese character (react issues
// 24985 and 31134); the app now renders with renderToString (docs/decisions/020-request-edge.md).
import { expect, test, type APIRequestContext } from "@playwright/test";

const EN = "cf_lang=ImVuIg%3D%3D"; // the cf_lang cookie as the app writes it for "en"
const FAIR = "/fairs/jiangsu-2026";

/** The public pages: home, the fair hall (every hall, every page), every booth, search, sign-in pages, a 404, the API. */
async function publicPages(request: APIRequestContext): Promise<string[]> {
  const pages = new Set<string>([
    "/",
    "/search",
    "/search?q=%E8%8A%AF%E7%89%87", // 芯片
    "/search?q=%E7%94%9F%E7%89%A9%E5%8C%BB%E8%8D%AF&sort=newest", // 生物医药
    "/search?q=battery",
    "/login",
    "/signup",
    "/forgot-password",
    "/api/v1/fairs",
    "/api/v1/projects",
  ]);
  const queue = [FAIR];
  const seen = new Set<string>();
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    pages.add(url);
    const html = await (await request.get(url)).text();
    const links = html.matchAll(
      /href="(\/booths\/\w+|\/fairs\/jiangsu-2026\?(?:hall=[\w-]+|page=\d+)(?:&amp;page=\d+)?)"/g,
    );
    for (const [, href] of links) {
      const link = href.replace(/&amp;/g, "&");
      if (link.startsWith("/booths/")) pages.add(link);
      else queue.push(link);
    }
  }
  return [...pages];
}

function expectCleanUtf8(body: Buffer, where: string) {
  let text = "";
  expect(
    () => (text = new TextDecoder("utf-8", { fatal: true }).decode(body)),
    `${where} is valid UTF-8`,
  ).not.toThrow();
  expect(text.indexOf("\u0000"), `${where} has no U+0000`).toBe(-1);
  expect(text.indexOf("\uFFFD"), `${where} has no U+FFFD`).toBe(-1);
}

test("every public page is clean UTF-8 in zh-CN and English", async ({ request }) => {
  const pages = await publicPages(request);
  expect(pages.filter((p) => p.startsWith("/booths/")).length).toBeGreaterThanOrEqual(30);
  expect(pages.filter((p) => p.includes("hall=")).length).toBeGreaterThanOrEqual(5);
  let checked = 0;
  for (const cookie of [undefined, EN]) {
    for (const page of [...pages, "/no-such-page-不存在"]) {
      const res = await request.get(page, { headers: cookie ? { Cookie: cookie } : {} });
      expect(res.status(), page).toBe(page.startsWith("/no-such-page") ? 404 : 200);
      expectCleanUtf8(await res.body(), `${page} (${cookie ? "en" : "zh-CN"})`);
      checked++;
    }
  }
  console.log(`utf8: ${checked} responses checked (${pages.length + 1} pages × 2 languages)`);
});
