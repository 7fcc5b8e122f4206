// Every page at phone size (360×740): no sideways scrolling and touch targets of at least 44×44 px
// (issue 21, docs/decisions/023-phones-and-offline.md). The list of pages is read from app/routes,
// so a new route is visited without anyone remembering to add it here: it only needs a demo value
// for a new kind of URL parameter (the test says which) and, if none of the default roles may see
// it, a line in ROLES.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { createMeetingNow, DEMO_PASSWORD, queryOne, signUpExhibitor } from "./helpers";

const DEMO = "demo.cloudfair.cn";
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const MIN_TARGET = 44;

type Role = "anonymous" | "investor" | "exhibitor" | "staff" | "admin";
const EMAIL: Record<Exclude<Role, "anonymous">, string> = {
  investor: `investor01@${DEMO}`,
  exhibitor: `exhibitor01@${DEMO}`,
  staff: `staff@${DEMO}`,
  admin: `admin@${DEMO}`,
};

interface PageRoute {
  file: string;
  /** URL pattern, e.g. /staff/fairs/:id/dashboard/:list */
  pattern: string;
}

/** Remix flat-route file name → URL pattern (`.` = `/`, `$x` = param, `_` suffix/prefix = layout escape, `[.x]` = literal). */
export function routePattern(file: string): string {
  const base = file.replace(/\.(tsx|ts)$/, "");
  if (base === "_index") return "/";
  const segments = base
    .split(/\.(?![^[]*\])/)
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/^_/, "").replace(/_$/, ""))
    .map((s) => s.replace(/\[(.*?)\]/g, "$1"))
    .map((s) => (s === "$" ? "*" : s.startsWith("$") ? `:${s.slice(1)}` : s));
  return `/${segments.join("/")}`.replace(/\/\*$/, "/*");
}

/** Page routes: those that render (a default export). Resource routes (files, JSON, webhooks) have no page. */
function pageRoutes(): PageRoute[] {
  const dir = path.resolve("app/routes");
  return readdirSync(dir)
    .filter((f) => /\.(tsx|ts)$/.test(f))
    .filter((f) => /export default/.test(readFileSync(path.join(dir, f), "utf8")))
    .map((file) => ({ file, pattern: routePattern(file) }))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Who looks at each page. Anything not listed is checked as an investor and as an exhibitor. */
const ROLES: Record<string, Role[]> = {
  "/": ["anonymous", "investor"],
  "/*": ["anonymous"],
  "/login": ["anonymous"],
  "/signup": ["anonymous"],
  "/forgot-password": ["anonymous"],
  "/reset-password/:token": ["anonymous"],
  "/claim/:token": ["anonymous"],
  "/privacy": ["anonymous"],
  "/account/deleted": ["anonymous"],
  "/account/restore": ["anonymous"],
  "/logout": ["investor"],
  "/fairs/:slug": ["anonymous", "investor"],
  // The live roadshow as a viewer on a phone (investor01 is registered) and as its presenter.
  "/fairs/:slug/roadshows": ["anonymous", "investor"],
  "/fairs/:slug/roadshows/:id": ["anonymous", "investor", "exhibitor"],
  "/search": ["anonymous", "investor"],
  "/dashboard": ["investor", "exhibitor", "staff", "admin"],
  "/account": ["investor"],
  "/investor/profile": ["investor"],
  "/fairs/:slug/apply": ["exhibitor"],
  "/booths/:id/edit": ["exhibitor"],
  "/booths/:id/test-checkout/:session": ["exhibitor"],
  "/meetings/invite/:investorOrgId": ["exhibitor"],
  "/exhibitor/inbox": ["exhibitor"],
  "/exhibitor/leads": ["exhibitor"],
  "/exhibitor/organization": ["exhibitor"],
  "/admin": ["admin"],
  "/bureaus/:slug": ["anonymous"],
  // The demo staff member is staff of Nanjing, not its bureau admin: admins open the members page.
  "/staff/bureaus/:id/members": ["admin"],
  "/admin/mail": ["admin"],
  "/admin/mail/:id": ["admin"],
  "/admin/jobs": ["admin"],
  "/mail/unsubscribe/:token": ["anonymous"],
  "/verify-email/:token": ["anonymous"],
};
function rolesFor(pattern: string): Role[] {
  if (ROLES[pattern]) return ROLES[pattern];
  if (pattern.startsWith("/staff")) return ["staff"];
  return ["investor", "exhibitor"];
}

/** Pages that answer an error on purpose with demo values (their error page is checked instead). */
const EXPECTED_ERROR: Record<string, number> = {
  "/*": 404,
  // Needs a live Stripe test session; a made-up one shows the 404 page.
  "/booths/:id/test-checkout/:session": 404,
  // A made-up mail id, unsubscribe and confirmation token: their 404 / 400 pages.
  "/admin/mail/:id": 404,
  "/mail/unsubscribe/:token": 400,
  "/verify-email/:token": 400,
};

interface Demo {
  slug: string;
  fairId: string;
  boothId: string;
  ownBoothId: string;
  meetingId: string;
  investorOrgId: string;
  /** The demo fair's organizing bureau (Nanjing, ADR 028). */
  bureauId: string;
  /** The demo fair's roadshow that is live now (server/seed/demo-roadshows.ts). */
  roadshowId: string;
}

async function demoData(): Promise<Demo> {
  const one = async <T>(sql: string, params: unknown[] = []) => (await queryOne<T>(sql, params))!;
  const fair = await one<{ id: string; slug: string; organizerId: string }>(
    `SELECT id, slug, "organizerId" FROM "Fair" WHERE slug = 'jiangsu-2026'`,
  );
  const own = await one<{ boothId: string }>(
    `SELECT b.id AS "boothId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id
     JOIN "Booth" b ON b."organizationId" = m."organizationId" AND b."fairId" = $1 WHERE u.email = $2`,
    [fair.id, EMAIL.exhibitor],
  );
  const inv = await one<{ orgId: string }>(
    `SELECT m."organizationId" AS "orgId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.email = $1`,
    [EMAIL.investor],
  );
  // A meeting in two days (not in any slot other specs book at "now"), for the room and outcome pages.
  const roadshow = await one<{ id: string }>(
    `SELECT id FROM "Roadshow" WHERE "fairId" = $1 AND status = 'LIVE' ORDER BY "startsAt" DESC LIMIT 1`,
    [fair.id],
  );
  // One per worker (each runs this), at different hours: the parties cannot be double-booked. Other
  // specs book this pair at fixed times of day (dashboard.spec: before the fair), so an hour already
  // taken moves this meeting to the next one.
  let meeting: { id: string } | undefined;
  for (let h = test.info().workerIndex % 48; !meeting; h++) {
    try {
      meeting = await createMeetingNow(EMAIL.investor, EMAIL.exhibitor, 2 * 864e5 + h * 3600e3 + 7 * 60e3, 20 * 60e3);
    } catch (err) {
      if (!String(err).includes("hw_participant_no_overlap") || h > 96) throw err;
    }
  }
  return {
    slug: fair.slug,
    fairId: fair.id,
    boothId: own.boothId, // published in the seed: both the investor and its exhibitor may see it
    ownBoothId: own.boothId,
    meetingId: meeting.id,
    investorOrgId: inv.orgId,
    bureauId: fair.organizerId,
    roadshowId: roadshow.id,
  };
}

/** Fills a pattern's parameters with demo values; several URLs where one parameter names several pages. */
function urlsFor(pattern: string, d: Demo): string[] {
  const value = (param: string): string[] => {
    if (param === "slug" && pattern.startsWith("/bureaus")) return ["nanjing"];
    if (param === "slug") return [d.slug];
    if (param === "id" && pattern.startsWith("/staff/bureaus")) return [d.bureauId];
    if (param === "investorOrgId") return [d.investorOrgId];
    if (param === "token") return ["not-a-real-token-0000000000"];
    if (param === "session") return ["cs_test_not_a_session"];
    if (param === "list") return ["meetings", "requests", "outcomes", "booths", "leads", "surveys"];
    if (param === "id" && pattern.startsWith("/staff/fairs")) return [d.fairId];
    if (param === "id" && pattern.startsWith("/booths")) return [pattern.endsWith(":id") ? d.boothId : d.ownBoothId];
    if (param === "id" && pattern.startsWith("/meetings")) return [d.meetingId];
    if (param === "id" && pattern.startsWith("/fairs/:slug/roadshows")) return [d.roadshowId];
    if (param === "id" && pattern.startsWith("/admin/mail")) return ["no-such-mail"];
    throw new Error(`No demo value for :${param} in ${pattern}: add one in urlsFor (tests/e2e/phone-layout.spec.ts)`);
  };
  let urls = [pattern.replace(/\/\*$/, "/no-such-page-phone-check")];
  for (const m of pattern.matchAll(/:(\w+)/g)) {
    urls = urls.flatMap((u) => value(m[1]).map((v) => u.replace(`:${m[1]}`, encodeURIComponent(v))));
  }
  return urls;
}

interface Offender {
  what: string;
  left: number;
  right: number;
}
interface SmallTarget {
  what: string;
  width: number;
  height: number;
}

/** Measures the page in the browser: overflow and small touch targets (WCAG 2.5.8 inline-text exception). */
async function measure(page: Page): Promise<{ scrollWidth: number; wide: Offender[]; small: SmallTarget[] }> {
  return page.evaluate((min) => {
    // Menus (<details>) are measured open: their items are targets too.
    for (const d of Array.from(document.querySelectorAll("details"))) d.open = true;
    const vw = document.documentElement.clientWidth;
    const describe = (el: Element) => {
      const cls = typeof el.className === "string" ? el.className.split(/\s+/).slice(0, 6).join(".") : "";
      const tid = el.getAttribute("data-testid");
      const text = (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `<${el.tagName.toLowerCase()}${tid ? ` data-testid=${tid}` : ""}${cls ? ` .${cls}` : ""}> "${text}"`;
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return (
        el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) && r.width > 1 && r.height > 1
      );
    };
    // Inside a horizontal scroll container (a wide table in overflow-x-auto) overflow is allowed.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") return true;
      }
      return false;
    };
    const offenders = Array.from(document.body.querySelectorAll("*")).filter((el) => {
      if (!visible(el) || clipped(el)) return false;
      const r = el.getBoundingClientRect();
      return r.right > vw + 0.5 || r.left < -0.5;
    });
    // Report the outermost ones: an element inside a reported element adds nothing.
    const set = new Set(offenders);
    const wide = offenders
      .filter((el) => !(el.parentElement && set.has(el.parentElement)))
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { what: describe(el), left: Math.round(r.left), right: Math.round(r.right) };
      });
    const small: { what: string; width: number; height: number }[] = [];
    const targets = document.body.querySelectorAll(
      'button, [role="button"], input:not([type="hidden"]), select, textarea, summary, a',
    );
    for (const el of Array.from(targets)) {
      if (!visible(el)) continue;
      if (el.closest("[inert]") || el.closest('[aria-hidden="true"]')) continue;
      let box = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (el.tagName === "A") {
        // A link is a button-like target when it looks like one (background, border, an icon alone);
        // a link in running text is exempt (WCAG 2.5.8 "inline").
        const bg = s.backgroundColor !== "rgba(0, 0, 0, 0)" && s.backgroundColor !== "transparent";
        const border = parseFloat(s.borderTopWidth) > 0 && s.borderTopStyle !== "none";
        const iconOnly = !(el.textContent ?? "").trim() && !!el.querySelector("svg, img");
        if (!(bg || border || iconOnly || el.getAttribute("role") === "button")) continue;
      }
      const type = (el as HTMLInputElement).type;
      if (el.tagName === "INPUT" && (type === "checkbox" || type === "radio")) {
        // The label is the target (clicking it toggles the box): measure the label.
        const label =
          el.closest("label") ?? (el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null);
        if (label) box = label.getBoundingClientRect();
      }
      if (el.tagName === "INPUT" && type === "file") continue; // measured through its styled label
      if (box.width + 0.5 < min || box.height + 0.5 < min)
        small.push({ what: describe(el), width: Math.round(box.width), height: Math.round(box.height) });
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      wide,
      small,
    };
  }, MIN_TARGET);
}

async function phoneContext(browser: Browser, role: Role) {
  const context = await browser.newContext({ ...PHONE, serviceWorkers: "block" });
  if (role !== "anonymous") {
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("邮箱").fill(EMAIL[role]);
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/dashboard$/), page.getByRole("button", { name: "登录" }).click()]);
    await page.close();
  }
  return context;
}

const routes = pageRoutes();

test("the route list is read from app/routes", () => {
  expect(routes.length).toBeGreaterThan(30);
  expect(routes.map((r) => r.pattern)).toEqual(
    expect.arrayContaining(["/", "/meetings", "/staff/fairs/:id/dashboard/:list", "/booths/:id/edit", "/*"]),
  );
  expect(routePattern("meetings_.$id.outcome.tsx")).toBe("/meetings/:id/outcome");
  expect(routePattern("calendar.$token[.ics].tsx")).toBe("/calendar/:token.ics");
});

const ALL_ROLES: Role[] = ["anonymous", "investor", "exhibitor", "staff", "admin"];
test.describe("every page at 360×740", () => {
  test.describe.configure({ mode: "parallel" });
  let demo: Demo;
  test.beforeAll(async () => {
    demo = await demoData();
  });

  for (const role of ALL_ROLES) {
    const mine = routes.filter((r) => rolesFor(r.pattern).includes(role));
    if (mine.length === 0) continue;
    test(`as ${role}: no sideways scrolling, touch targets ≥ 44 px`, async ({ browser }) => {
      test.setTimeout(240_000);
      const context = await phoneContext(browser, role);
      const page = await context.newPage();
      const problems: string[] = [];
      for (const route of mine) {
        for (const url of urlsFor(route.pattern, demo)) {
          for (const locale of ["zh-CN", "en"] as const) {
            // The cf_lang cookie as the app writes it (Remix: base64 of the JSON value, URL-encoded).
            const value = encodeURIComponent(Buffer.from(JSON.stringify(locale)).toString("base64"));
            await context.addCookies([{ name: "cf_lang", value, url: test.info().project.use.baseURL! }]);
            const response = await page.goto(url);
            const status = response?.status() ?? 0;
            const expected = EXPECTED_ERROR[route.pattern];
            if (expected ? status !== expected : status >= 400)
              problems.push(`${url} (${route.file}) as ${role}: HTTP ${status}`);
            await page.waitForLoadState("load");
            const m = await measure(page);
            const where = `${url} [${locale}] as ${role}`;
            if (m.scrollWidth > 360 || m.wide.length)
              problems.push(
                `${where}: page is ${m.scrollWidth}px wide; too wide: ${m.wide.map((w) => `${w.what} [${w.left}..${w.right}]`).join("; ")}`,
              );
            for (const s of m.small) problems.push(`${where}: small target ${s.width}×${s.height} ${s.what}`);
          }
        }
      }
      await context.close();
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
});

// Demo accounts are confirmed; a fresh sign-up is not, so it sees the address banner (ADR 026) on
// every page. At 360 px it wraps instead of widening the page, and its button is a full touch target.
test("the unconfirmed-address banner fits 360×740 and its resend is rate-limited", async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ ...PHONE, serviceWorkers: "block" });
  const page = await context.newPage();
  await signUpExhibitor(page, `窄屏横幅公司${Date.now()}`);
  const problems: string[] = [];
  for (const url of ["/", "/dashboard", "/meetings", "/fairs/jiangsu-2026"]) {
    for (const locale of ["zh-CN", "en"] as const) {
      const value = encodeURIComponent(Buffer.from(JSON.stringify(locale)).toString("base64"));
      await context.addCookies([{ name: "cf_lang", value, url: test.info().project.use.baseURL! }]);
      await page.goto(url);
      await expect(page.getByTestId("address-banner")).toBeVisible();
      const m = await measure(page);
      if (m.scrollWidth > 360 || m.wide.length)
        problems.push(`${url} [${locale}]: ${m.scrollWidth}px; ${m.wide.map((w) => w.what).join("; ")}`);
      for (const s of m.small) problems.push(`${url} [${locale}]: small target ${s.width}×${s.height} ${s.what}`);
    }
  }
  expect(problems, problems.join("\n")).toEqual([]);
  // English is set last: the resend goes to the settings page, which says it was sent …
  await page.goto("/dashboard");
  await page.getByTestId("address-banner").getByRole("button", { name: "Send the confirmation mail again" }).click();
  await expect(page).toHaveURL(/\/account\/notifications\?sent=1$/);
  await expect(page.getByText("Confirmation mail sent.")).toBeVisible();
  // … and a second one within the hour is refused, in words.
  await page.goto("/meetings");
  await page.getByTestId("address-banner").getByRole("button", { name: "Send the confirmation mail again" }).click();
  await expect(page.getByText(/was sent a moment ago/)).toBeVisible();
  await context.close();
});
