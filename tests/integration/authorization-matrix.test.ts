// The authorization matrix (issue 14), generated from the route list: every route of the production
// build × every role × the tenants it applies to (own / another's booth, bureau, meeting, thread), GET
// for its loader and POST for its action, through the real Express app with real sessions (a document
// request, rendered, as a browser makes it). Each cell's expected answer is written by hand in
// ./route-matrix.ts — never derived from the app's guards.
//
// A route in app/routes without rows there fails this suite, naming it; so does a new actor (role or
// tenant, e.g. the parent/sibling/child bureaus of issue 18) without a value in every row.
// A refused POST must change nothing: the whole database (row count and a digest of every table) is
// compared before and after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import { startTestApp, type TestApp } from "../harness/app-server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { appRoutes, fillPattern, routeFileIds, type AppRoute } from "../harness/route-list.ts";
import { hit, outcomeToken } from "../harness/route-requests.ts";
import {
  ACTOR_NAMES,
  buildWorld,
  changedTables,
  snapshotDatabase,
  type ActorName,
  type World,
} from "../harness/world.ts";
import {
  CASES,
  KNOWN_FAILURES,
  LIVEKIT,
  UNSET_LIVEKIT,
  REFUSED,
  ROWS,
  TABLE_PROBLEMS,
  targetsOf,
} from "./route-matrix.ts";

describe("authorization matrix (every route × every role × own/other tenant)", () => {
  let app: TestApp;
  let w: World;
  let routes: AppRoute[];

  beforeAll(async () => {
    await useTestDatabase();
    // LiveKit as configured in production (no server is reached: webhooks are verified locally and
    // the scheduled meeting's room is not open yet), so its routes answer as they would there.
    configure({ LOG_LEVEL: "silent", ...LIVEKIT });
    routes = await appRoutes();
    w = await buildWorld();
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
    configure(UNSET_LIVEKIT);
  });

  /**
   * Nothing of another tenant in the answer. A refused request (4xx, a redirect to login) shows
   * nothing of anyone else: no other account's email or name, no other organization's name, not the
   * draft fair, not the pending request's message, not a booth contact. An allowed page shows no
   * account email of people the actor does not deal with (the investor and the exhibitor of the
   * world deal with each other; the organizing bureau's staff and the admin see their fair's people).
   */
  const DEALS_WITH: Partial<Record<ActorName, ActorName[]>> = { investor: ["exhibitor"], exhibitor: ["investor"] };
  // Staff of the organizer and of the co-organizer, its viewers and admins see the fair's people; a
  // parent bureau reads the fair's lists with contact data hidden (ADR 028), so it is checked.
  const SEES_EVERYONE: ActorName[] = ["staffA", "staffCo", "viewerA", "bureauAdminA", "admin"];
  const leaks: string[] = [];
  function checkBody(actor: ActorName, expected: string, text: string, what: string) {
    const others = ACTOR_NAMES.filter((a) => a !== actor).map((a) => w.actors[a]);
    let forbidden: string[];
    if (REFUSED.has(expected) || expected === "302")
      forbidden = [
        ...others.flatMap((o) => o.secrets),
        w.draftFair.titleZh,
        w.draftFair.titleEn,
        w.request.message,
        ...w.contacts,
      ];
    else if (SEES_EVERYONE.includes(actor)) forbidden = [];
    else forbidden = others.filter((o) => !(DEALS_WITH[actor] ?? []).includes(o.name) && o.email).map((o) => o.email!);
    for (const s of forbidden) if (s && text.includes(s)) leaks.push(`${what} as ${actor} (${expected}) shows "${s}"`);
  }

  it("has a well-formed table with a column for every actor", () => {
    expect(TABLE_PROBLEMS).toEqual([]);
  });

  it("reads every file of app/routes from the build (and nothing else)", () => {
    expect(routes.map((r) => r.id).sort()).toEqual(routeFileIds());
  });

  it("has rows for every route of the app, each target and each method it answers (and no stale rows)", () => {
    const problems: string[] = [];
    const have = new Set(ROWS.map((r) => `${r.pattern} ${r.target} ${r.method}`));
    for (const r of routes) {
      if (r.params.length && !CASES[r.pattern]?.targets)
        problems.push(`route ${r.pattern} (${r.id}) needs targets: the tenants its ${r.params.join(", ")} stand for`);
      for (const target of Object.keys(targetsOf(r.pattern))) {
        if (r.loader && !have.has(`${r.pattern} ${target} GET`))
          problems.push(`route ${r.pattern} (${r.id}) has no row for GET with target "${target}"`);
      }
      if (r.action && !ROWS.some((row) => row.pattern === r.pattern && row.method === "POST"))
        problems.push(`route ${r.pattern} (${r.id}) has an action but no row for POST`);
    }
    const patterns = new Set(routes.map((r) => r.pattern));
    for (const row of ROWS) {
      if (!patterns.has(row.pattern)) problems.push(`row ${row.line}: ${row.pattern} is no route of the app`);
      else if (!(row.target in targetsOf(row.pattern)))
        problems.push(`row ${row.line}: ${row.pattern} has no target "${row.target}"`);
      const route = routes.find((r) => r.pattern === row.pattern);
      if (route && row.method === "GET" && !route.loader)
        problems.push(`row ${row.line}: ${row.pattern} has no loader`);
      if (route && row.method === "POST" && !route.action)
        problems.push(`row ${row.line}: ${row.pattern} has no action`);
    }
    expect(problems).toEqual([]);
  });

  for (const row of ROWS) {
    const key = `${row.pattern} ${row.target} ${row.method}`;
    const known = KNOWN_FAILURES[key];
    (known ? it.fails : it)(`${key}${known ? ` — known failure: ${known}` : ""}`, async () => {
      const route = routes.find((r) => r.pattern === row.pattern);
      if (!route) return; // reported by the coverage test above
      const mismatches: string[] = [];
      const pathFor = async () => {
        const params = await targetsOf(row.pattern)[row.target](w);
        return fillPattern(row.pattern, params) + (row.method === "POST" && route.index ? "?index" : "");
      };
      if (row.method === "GET") {
        // Reading changes nothing the next cell depends on: all actors at once.
        await Promise.all(
          ACTOR_NAMES.filter((a) => row.expected[a]).map(async (actor) => {
            const res = await hit(app, { method: "GET", path: await pathFor(), cookie: w.actors[actor].cookie });
            const got = outcomeToken(res);
            if (got !== row.expected[actor]) mismatches.push(`${actor}: expected ${row.expected[actor]}, got ${got}`);
            checkBody(actor, got, res.text, key);
          }),
        );
      } else {
        // Refused actors first, between one pair of database snapshots (a snapshot hashes every table:
        // one pair per row keeps the suite fast); then the allowed ones, whose changes are expected.
        // Each actor's session and form are made before the snapshot (a form may need a fresh row).
        const prepare = async (actor: ActorName) => ({
          actor,
          cookie: await w.freshCookie(actor),
          form: (await CASES[row.pattern]?.form?.(w, row.target, actor)) ?? [["intent", "submit"]],
          path: await pathFor(),
        });
        const post = async ({ actor, cookie, form, path }: Awaited<ReturnType<typeof prepare>>) => {
          // Each actor from its own documentation address (192.0.2.0/24, a header only: nothing is sent there).
          const forwardedFor = `192.0.2.${ACTOR_NAMES.indexOf(actor) + 1}`;
          const res = await hit(app, { method: "POST", path, cookie, form, forwardedFor });
          const got = outcomeToken(res);
          if (got !== row.expected[actor]) mismatches.push(`${actor}: expected ${row.expected[actor]}, got ${got}`);
          checkBody(actor, got, res.text, key);
        };
        const refused = ACTOR_NAMES.filter((a) => REFUSED.has(row.expected[a] ?? ""));
        const prepared = [];
        for (const actor of refused) prepared.push(await prepare(actor));
        const before = await snapshotDatabase();
        for (const p of prepared) await post(p);
        const changed = changedTables(before, await snapshotDatabase());
        if (changed.length) mismatches.push(`refused (${refused.join(", ")}) but changed ${changed.join(", ")}`);
        for (const actor of ACTOR_NAMES.filter((a) => row.expected[a] && !refused.includes(a)))
          await post(await prepare(actor));
      }
      expect(mismatches).toEqual([]);
    });
  }

  it("shows nothing of another tenant in any answer (run after every cell above)", () => {
    expect(leaks).toEqual([]);
  });
});
