// Accessibility (issue 21, ADR 024): every page of the core journeys passes axe-core's WCAG 2.2 A/AA
// rules with no serious or critical violation, in zh-CN and English, on a desktop and a phone; with
// the largest text setting at 200% zoom the core pages do not scroll sideways.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Cookie, type Page } from "@playwright/test";
import { createMeetingNow, loginOk, queryOne, signUpExhibitor } from "./helpers";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 360, height: 740 } } as const;
const LOCALES = ["zh-CN", "en"] as const;

// Demo users no other spec signs in as, so nothing here races another test's state.
const INVESTOR = "investor22@demo.cloudfair.cn";
const EXHIBITOR = "exhibitor12@demo.cloudfair.cn";
const STAFF = "staff@demo.cloudfair.cn";

type Who = "anon" | "investor" | "exhibitor" | "staff";

interface Ids {
  fairId: string;
  boothId: string;
  ownBoothId: string;
  investorOrgId: string;
  roomMeetingId: string;
  outcomeMeetingId: string;
}

const PAGES: { name: string; who: Who; path: (ids: Ids) => string }[] = [
  { name: "home", who: "anon", path: () => "/" },
  { name: "fair hall", who: "anon", path: () => "/fairs/jiangsu-2026" },
  { name: "booth", who: "anon", path: (i) => `/booths/${i.boothId}` },
  { name: "search", who: "anon", path: () => "/search?q=%E8%8A%AF%E7%89%87" },
  { name: "sign-up", who: "anon", path: () => "/signup" },
  { name: "login", who: "anon", path: () => "/login" },
  { name: "investor dashboard (recommendations)", who: "investor", path: () => "/dashboard" },
  { name: "investor profile", who: "investor", path: () => "/investor/profile" },
  { name: "booth with meeting request", who: "investor", path: (i) => `/booths/${i.boothId}` },
  { name: "agenda", who: "investor", path: () => "/meetings" },
  { name: "video room", who: "investor", path: (i) => `/meetings/${i.roomMeetingId}/room` },
  { name: "outcome form", who: "investor", path: (i) => `/meetings/${i.outcomeMeetingId}/outcome` },
  { name: "notifications", who: "investor", path: () => "/notifications" },
  { name: "exhibitor dashboard", who: "exhibitor", path: () => "/dashboard" },
  { name: "booth builder", who: "exhibitor", path: (i) => `/booths/${i.ownBoothId}/edit` },
  { name: "exhibitor invites an investor", who: "exhibitor", path: (i) => `/meetings/invite/${i.investorOrgId}` },
  { name: "exhibitor agenda", who: "exhibitor", path: () => "/meetings" },
  { name: "staff home", who: "staff", path: () => "/staff" },
  { name: "staff review queue", who: "staff", path: (i) => `/staff/fairs/${i.fairId}/review` },
  { name: "staff scheduler", who: "staff", path: (i) => `/staff/fairs/${i.fairId}/schedule` },
  { name: "staff dashboard", who: "staff", path: (i) => `/staff/fairs/${i.fairId}/dashboard` },
];

/** The value Remix's createCookie writes for an unsigned string cookie (base64 of its JSON). */
const cookieValue = (v: string) => encodeURIComponent(Buffer.from(JSON.stringify(v)).toString("base64"));

/** The meeting of INVESTOR and EXHIBITOR starting `offsetMs` from now (the workers share it: made once). */
async function meeting(offsetMs: number, durationMs: number): Promise<string> {
  const find = async () =>
    (
      await queryOne<{ id: string }>(
        `SELECT m.id FROM "Meeting" m JOIN "MeetingParticipant" p ON p."meetingId" = m.id JOIN "User" u ON u.id = p."userId"
         WHERE u.email = $1 AND m."startsAt" <= now() + make_interval(secs => $2::float / 1000) AND m."endsAt" > now() + make_interval(secs => $2::float / 1000)`,
        [INVESTOR, offsetMs + 60_000],
      )
    )?.id;
  const existing = await find();
  if (existing) return existing;
  try {
    return (await createMeetingNow(INVESTOR, EXHIBITOR, offsetMs, durationMs)).id;
  } catch {
    await new Promise((r) => setTimeout(r, 500)); // the other worker made it meanwhile
    return (await find())!;
  }
}

async function ids(): Promise<Ids> {
  const q = async <T>(sql: string, params: unknown[] = []) => (await queryOne<T>(sql, params))!;
  const { id: fairId } = await q<{ id: string }>(`SELECT id FROM "Fair" WHERE slug = 'jiangsu-2026'`);
  const booth = async (email: string) =>
    (
      await q<{ id: string }>(
        `SELECT b.id FROM "Booth" b JOIN "Membership" m ON m."organizationId" = b."organizationId" JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 AND b."fairId" = $2`,
        [email, fairId],
      )
    ).id;
  const { organizationId: investorOrgId } = await q<{ organizationId: string }>(
    `SELECT m."organizationId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`,
    [INVESTOR],
  );
  const room = await meeting(-5 * 60_000, 60 * 60_000);
  const past = await meeting(-26 * 3600_000, 30 * 60_000);
  await queryOne(`UPDATE "Meeting" SET status = 'COMPLETED' WHERE id = $1`, [past]);
  return {
    fairId,
    boothId: await booth("exhibitor03@demo.cloudfair.cn"),
    ownBoothId: await booth(EXHIBITOR),
    investorOrgId,
    roomMeetingId: room,
    outcomeMeetingId: past,
  };
}

/** Session cookies per signed-in role, made once per worker: every test of that role reuses them. */
const sessions = new Map<Exclude<Who, "anon">, Promise<Cookie[]>>();

function signedIn(browser: Browser, who: Exclude<Who, "anon">): Promise<Cookie[]> {
  let cookies = sessions.get(who);
  if (!cookies) {
    cookies = (async () => {
      const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
      try {
        const page = await context.newPage();
        await loginOk(page, { investor: INVESTOR, exhibitor: EXHIBITOR, staff: STAFF }[who]);
        return await context.cookies();
      } finally {
        await context.close();
      }
    })();
    sessions.set(who, cookies);
    cookies.catch(() => sessions.delete(who)); // a failed sign-in is retried by the next test
  }
  return cookies;
}

async function contextFor(browser: Browser, who: Who, locale: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale, baseURL: test.info().project.use.baseURL });
  if (who !== "anon") await context.addCookies(await signedIn(browser, who));
  const url = new URL(test.info().project.use.baseURL!);
  await context.addCookies([{ name: "cf_lang", value: cookieValue(locale), domain: url.hostname, path: "/" }]);
  return context;
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

let shared: Ids | undefined;

// One test per (locale, size, role): the 21 pages of a configuration are spread over the workers
// instead of walked by one of them, and the largest group (the investor's) is queued first.
const ROLES: Who[] = ["investor", "anon", "exhibitor", "staff"];

for (const who of ROLES) {
  const pages = PAGES.filter((p) => p.who === who);
  for (const locale of LOCALES) {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      test(`axe: ${who} pages in ${locale} at ${size} size have no serious or critical violation`, async ({
        browser,
      }) => {
        test.setTimeout(300_000); // up to 7 pages and a sign-in; the shared test machine is slow
        shared ??= await ids();
        const found: string[] = [];
        const context = await contextFor(browser, who, locale, viewport);
        try {
          for (const p of pages) {
            const page = await context.newPage();
            const res = await page.goto(p.path(shared));
            expect(res?.status(), p.name).toBe(200);
            await expect(page.locator("html")).toHaveAttribute("lang", locale);
            // One visible h1 names every page (headings are how screen-reader users move through it).
            if ((await page.locator("h1:visible").count()) !== 1) found.push(`${p.name}: not exactly one visible h1`);
            for (const v of await seriousViolations(page)) found.push(`${p.name} ${p.path(shared)}: ${v}`);
            await page.close();
          }
        } finally {
          await context.close();
        }
        expect(found).toEqual([]);
      });
    }
  }
}

for (const who of ROLES) {
  const pages = PAGES.filter((p) => p.who === who);
  test(`largest text at 200% zoom: ${who} pages do not scroll sideways at a 1280 px window`, async ({ browser }) => {
    test.setTimeout(300_000);
    shared ??= await ids();
    // 200% zoom of a 1280 px window is a 640 px wide CSS viewport at device scale 2.
    const viewport = { width: 640, height: 400 };
    const wide: string[] = [];
    const context = await contextFor(browser, who, "zh-CN", viewport);
    try {
      const url = new URL(test.info().project.use.baseURL!);
      await context.addCookies([{ name: "cf_text", value: cookieValue("xl"), domain: url.hostname, path: "/" }]);
      for (const p of pages) {
        const page = await context.newPage();
        await page.goto(p.path(shared));
        await expect(page.locator("html")).toHaveAttribute("data-text-size", "xl");
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) wide.push(`${p.name}: ${overflow}px`);
        await page.close();
      }
    } finally {
      await context.close();
    }
    expect(wide).toEqual([]);
  });
}

// A fresh sign-up has an unconfirmed address: the site-wide banner (ADR 026) is on every page.
test("axe: the unconfirmed-address banner in both languages, desktop and phone", async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "zh-CN" });
  const page = await context.newPage();
  await signUpExhibitor(page, `横幅无障碍公司${Date.now()}`);
  for (const locale of LOCALES) {
    await context.addCookies([{ name: "cf_lang", value: cookieValue(locale), url: test.info().project.use.baseURL! }]);
    for (const viewport of Object.values(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await page.goto("/dashboard");
      await expect(page.getByTestId("address-banner")).toBeVisible();
      expect(await seriousViolations(page), `${locale} ${viewport.width}px`).toEqual([]);
    }
  }
  await context.close();
});
