// Read-only users see no forms they cannot submit (issue 18, ADR 028). Every staff fair page — taken
// from the route list, so a new /staff/fairs/:id… page is checked without anyone listing it — is
// opened through the real app (rendered HTML, as a browser gets it) as a viewer of the organizing
// bureau and as staff of a parent bureau, on the fair and on a child bureau's fair: whatever they may
// open holds no POST form, and a page with actions says it is read-only instead. The organizing
// bureau's and the co-organizer's staff see the forms. The loaders' `canAct` flag says the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import * as fairPage from "../../app/routes/staff.fairs.$id.tsx";
import * as negotiationsPage from "../../app/routes/staff.fairs.$id_.negotiations.tsx";
import * as onboardingPage from "../../app/routes/staff.fairs.$id_.onboarding.tsx";
import * as reviewPage from "../../app/routes/staff.fairs.$id_.review.tsx";
import * as roadshowsPage from "../../app/routes/staff.fairs.$id_.roadshows.tsx";
import * as schedulePage from "../../app/routes/staff.fairs.$id_.schedule.tsx";
import { startTestApp, type TestApp } from "../harness/app-server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, req } from "../harness/factories.ts";
import { parseForms } from "../harness/html-forms.ts";
import { appRoutes, fillPattern, type AppRoute } from "../harness/route-list.ts";
import { hit } from "../harness/route-requests.ts";
import { buildWorld, type ActorName, type World } from "../harness/world.ts";
import { LIVEKIT, UNSET_LIVEKIT } from "./route-matrix.ts";

/** The staff fair pages that act (their action's forms), by pattern: each must show them to acting staff. */
const ACTING_PAGES = [
  "/staff/fairs/:id",
  "/staff/fairs/:id/onboarding",
  "/staff/fairs/:id/review",
  "/staff/fairs/:id/roadshows",
  "/staff/fairs/:id/schedule",
];
const READ_ONLY_NOTE = 'data-testid="read-only"';

describe("read-only users get no forms on staff fair pages (ADR 028)", () => {
  let app: TestApp;
  let w: World;
  let pages: AppRoute[];

  beforeAll(async () => {
    await useTestDatabase();
    configure({ LOG_LEVEL: "silent", ...LIVEKIT });
    pages = (await appRoutes()).filter((r) => r.page && /^\/staff\/fairs\/:id(\/|$)/.test(r.pattern));
    w = await buildWorld();
    app = await startTestApp();
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    configure(UNSET_LIVEKIT);
  });

  const open = async (actor: ActorName, route: AppRoute, fairId: string) => {
    const path = fillPattern(route.pattern, { id: fairId, list: "meetings" });
    const res = await hit(app, { method: "GET", path, cookie: w.actors[actor].cookie });
    // The page's own actions (and any other staff fair page's); the layout's forms (sign out, language,
    // text size) post elsewhere and are everyone's.
    const posts = parseForms(res.text).filter(
      (f) => f.method === "post" && new URL(f.action || path, `http://x${path}`).pathname.startsWith("/staff/fairs/"),
    );
    return { path, status: res.status, html: res.text, posts };
  };

  it("finds the staff fair pages, those with actions among them", () => {
    const patterns = pages.map((p) => p.pattern);
    expect(patterns).toEqual(expect.arrayContaining([...ACTING_PAGES, "/staff/fairs/:id/dashboard"]));
    // A page with an action is either listed above (its forms are for acting staff) or has no form.
    for (const p of pages.filter((r) => r.action)) expect(ACTING_PAGES, p.pattern).toContain(p.pattern);
  });

  it("shows viewers and parent bureaus no POST form anywhere, and a read-only note where there are actions", async () => {
    // viewerA: read on fair A, and (a member of A, the parent of district D) report on the child fair;
    // staffParent: report on both; staffA: report on the child fair, below its bureau.
    const cases: [ActorName, string][] = [
      ["viewerA", w.fairA.id],
      ["staffParent", w.fairA.id],
      ["viewerA", w.childFair.id],
      ["staffParent", w.childFair.id],
      ["staffA", w.childFair.id],
    ];
    const problems: string[] = [];
    let opened = 0;
    for (const [actor, fairId] of cases)
      for (const route of pages) {
        const page = await open(actor, route, fairId);
        if (page.status !== 200) continue; // refused pages are the matrix's business
        opened++;
        if (page.posts.length)
          problems.push(
            `${page.path} as ${actor}: ${page.posts.length} POST form(s), e.g. ${page.posts[0].fields.map((f) => f.name).join(",")}`,
          );
        if (ACTING_PAGES.includes(route.pattern) && !page.html.includes(READ_ONLY_NOTE))
          problems.push(`${page.path} as ${actor}: no read-only note`);
        if (/href="\/meetings\/[^"]+\/room"/.test(page.html))
          problems.push(`${page.path} as ${actor}: a link to observe a meeting room (needs "act")`);
      }
    expect(problems).toEqual([]);
    // The viewer opens every page of fair A; the parent at least the dashboard and its lists.
    expect(opened).toBeGreaterThanOrEqual(pages.length + 2);
  });

  it("shows the organizing bureau's and the co-organizer's staff the forms, without the note", async () => {
    const problems: string[] = [];
    for (const actor of ["staffA", "staffCo", "bureauAdminA", "admin"] as const)
      for (const route of pages.filter((r) => ACTING_PAGES.includes(r.pattern))) {
        const page = await open(actor, route, w.fairA.id);
        if (page.status !== 200) problems.push(`${page.path} as ${actor}: ${page.status}`);
        else if (!page.posts.length) problems.push(`${page.path} as ${actor}: no POST form`);
        else if (page.html.includes(READ_ONLY_NOTE)) problems.push(`${page.path} as ${actor}: a read-only note`);
      }
    // The scheduled meeting of fair A can be observed by acting staff.
    const negotiations = pages.find((r) => r.pattern === "/staff/fairs/:id/negotiations")!;
    const neg = await open("staffA", negotiations, w.fairA.id);
    expect(neg.html).toMatch(/href="\/meetings\/[^"]+\/room"/);
    expect(problems).toEqual([]);
  });

  it("answers canAct from the loaders: false for viewers, true for acting staff", async () => {
    const loaders: [string, (args: never) => unknown][] = [
      ["", fairPage.loader],
      ["/review", reviewPage.loader],
      ["/schedule", schedulePage.loader],
      ["/roadshows", roadshowsPage.loader],
      ["/onboarding", onboardingPage.loader],
      ["/negotiations", negotiationsPage.loader],
    ];
    const flags: Record<string, Record<string, boolean>> = {};
    for (const [suffix, loader] of loaders)
      for (const actor of ["viewerA", "staffA", "staffCo", "admin"] as const) {
        const res = await call(
          loader,
          req(`/staff/fairs/${w.fairA.id}${suffix}`, { cookie: w.actors[actor].cookie! }),
          { id: w.fairA.id },
        );
        expect(res.status, `${suffix} as ${actor}`).toBe(200);
        (flags[suffix || "/"] ??= {})[actor] = ((await res.json()) as { canAct: boolean }).canAct;
      }
    for (const [suffix, byActor] of Object.entries(flags))
      expect(byActor, suffix).toEqual({ viewerA: false, staffA: true, staffCo: true, admin: true });
  });
});
