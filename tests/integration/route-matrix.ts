// The authorization matrix's table (used by authorization-matrix.test.ts, and by hostile-input.test.ts
// to pick, for each route, a user who is allowed to use it): for every route of the app, the tenants
// its params stand for, a valid-looking form for its action, and the answer each role must get.
//
// Each cell's expected answer is written here by hand, from the rules (ADR 003: sign-in pages send
// anonymous visitors to /login; missing roles are 403; things the viewer may not manage are 404 so
// drafts do not leak; staff pages belong to the organizing bureau, ADR 021 for contacts) — never
// derived from the app's guards.
//
// Bureaus (issue 18, ADR 028): staffA is staff of the organizing bureau, staffB of a sibling,
// staffParent of the province above both, staffChild of a district below A, staffCo of a bureau
// co-organizing fair A, viewerA a read-only member of A, bureauAdminA A's bureau admin. A new actor
// goes into ACTOR_NAMES and tests/harness/world.ts, with a column here (the suite names every row
// without a value); a new tenant is a target in CASES with its rows.
//
// Tokens: 200 …  a status; `login` a redirect to /login?next=…; `302` any other redirect.
import { ACTOR_NAMES, type ActorName, type World } from "../harness/world.ts";
import type { FormEntries } from "../harness/route-requests.ts";
import { db } from "../../app/db/client.server.ts";
import { newClaimToken, UNUSABLE_PASSWORD } from "../../app/domain/onboarding/invitations.server.ts";
import { signedToken } from "../../app/domain/mail/links.server.ts";

export type Params = Record<string, string>;
/** LiveKit as configured in production; no server is reached (webhooks are verified locally). */
export const LIVEKIT = {
  LIVEKIT_URL: "ws://127.0.0.1:9",
  LIVEKIT_API_KEY: "matrix-key",
  LIVEKIT_API_SECRET: "matrix-secret-0123456789abcdef0123456789",
};
/** Back to the configuration the other test files expect once a suite that set LIVEKIT is done. */
export const UNSET_LIVEKIT = {
  LOG_LEVEL: undefined,
  LIVEKIT_URL: undefined,
  LIVEKIT_API_KEY: undefined,
  LIVEKIT_API_SECRET: undefined,
};
export interface RouteCase {
  /** The param bindings (tenants) the route is tried with, by the name the table uses. */
  targets?: Record<string, (w: World) => Params | Promise<Params>>;
  /** A valid-looking form for the action (default: an intent-only form). */
  form?: (w: World, target: string, actor: ActorName) => FormEntries | Promise<FormEntries>;
}

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;
const STRONG = "Lanterns-over-Qinhuai-47";
const missing = () => ({ id: "no-such-id" });
/** A live roadshow of fair A, a proposal awaiting approval, fair B's roadshow under fair A's slug, none. */
const roadshowTargets: RouteCase["targets"] = {
  live: (w) => ({ slug: w.fairA.slug, id: w.roadshowLive.id }),
  proposed: (w) => ({ slug: w.fairA.slug, id: w.roadshowProposed.id }),
  crossFair: (w) => ({ slug: w.fairA.slug, id: w.roadshowB.id }),
  missing: (w) => ({ slug: w.fairA.slug, id: "no-such-id" }),
};

/** A live claim link of an account imported into fair A (ADR 027): its own, so claiming it ends nobody's session. */
async function freshClaimToken(w: World): Promise<string> {
  const t = newClaimToken();
  const u = unique();
  const org = await db().organization.create({
    data: { kind: "EXHIBITOR", nameZh: `导入${u}`, nameEn: `Imported ${u}` },
  });
  const user = await db().user.create({
    data: {
      email: `claim-${u}@test.cloudfair.cn`,
      name: "导入联系人",
      passwordHash: UNUSABLE_PASSWORD,
      memberships: { create: { organizationId: org.id, role: "EXHIBITOR" } },
    },
  });
  await db().invitation.create({
    data: {
      fairId: w.fairA.id,
      organizationId: org.id,
      userId: user.id,
      kind: "EXHIBITOR",
      tokenHash: t.tokenHash,
      expiresAt: t.expiresAt,
      sends: 1,
    },
  });
  return t.token;
}

export const CASES: Record<string, RouteCase> = {
  "/*": { targets: { nowhere: () => ({ "*": "no-such-page" }) } },
  "/account": {
    form: () => [
      ["intent", "name"],
      ["name", `新名字 ${unique()}`],
    ],
  },
  "/account/notifications": {
    form: () => [
      ["intent", "save"],
      ["on", "meeting.request"],
    ],
  },
  "/admin/mail/:id": {
    targets: {
      mail: async () => {
        const row = await db().mailOutbox.create({
          data: {
            eventKey: `matrix:${unique()}`,
            kind: "verify-email",
            toEmail: "matrix@test.cloudfair.cn",
            locale: "en",
            data: { name: "M", link: "https://fair.example.cn/v" },
          },
        });
        return { id: row.id };
      },
      missing,
    },
  },
  "/mail/unsubscribe/:token": {
    targets: {
      valid: async (w) => ({
        token: await signedToken(db(), "unsubscribe", w.actors.visitor.userId!, "fair.survey"),
      }),
      bogus: () => ({ token: "no-such-token" }),
    },
    form: () => [["List-Unsubscribe", "One-Click"]],
  },
  "/verify-email/:token": {
    targets: {
      valid: async (w) => ({
        token: await signedToken(db(), "verify", w.actors.visitor.userId!, w.actors.visitor.email!),
      }),
      bogus: () => ({ token: "no-such-token" }),
    },
  },
  // Without the restore cookie no deletion is known: the page (its loader) sends you to /login.
  "/account/restore": { form: () => [["intent", "cancel"]] },
  // Two forms with different rules: a partner key, and a bureau with its first admin (issue 18), a
  // city under the world's province as the page offers it (a fresh slug and email for each actor).
  "/admin": {
    targets: { "-": () => ({}), bureauCreate: () => ({}) },
    form: (w, target) => {
      if (target !== "bureauCreate")
        return [
          ["intent", "key-create"],
          ["name", `partner ${unique()}`],
        ];
      const u = unique();
      return [
        ["intent", "bureau-create"],
        ["nameZh", `无锡市商务局 ${u}`],
        ["nameEn", `Wuxi Bureau ${u}`],
        ["slug", `wuxi-${u}`],
        ["level", "CITY"],
        ["parentId", w.bureaus.p.id],
        ["region", ""],
        ["name", "钱主任"],
        ["email", `wuxi-${u}@test.cloudfair.cn`],
        ["password", STRONG],
      ];
    },
  },
  "/api/v1/*": {
    targets: {
      fairs: () => ({ "*": "fairs" }),
      publicBooth: (w) => ({ "*": `booths/${w.publicBooth.id}` }),
      draftBooth: (w) => ({ "*": `booths/${w.draftBooth.id}` }),
    },
  },
  "/booths/:id": {
    targets: {
      public: (w) => ({ id: w.publicBooth.id }),
      draft: (w) => ({ id: w.draftBooth.id }),
      missing,
    },
    form: () => [["bookmark", "on"]],
  },
  "/booths/:id/edit": {
    targets: {
      public: (w) => ({ id: w.publicBooth.id }),
      draft: (w) => ({ id: w.draftBooth.id }),
      missing,
    },
    form: () => [
      ["intent", "details"],
      ["descriptionZh", `介绍 ${unique()}`],
      ["descriptionEn", "About us"],
    ],
  },
  // Only while the payment provider is the local stripe-mock (not here): 404 for everyone (ADR 007).
  "/booths/:id/test-checkout/:session": {
    targets: { ownBooth: (w) => ({ id: w.publicBooth.id, session: "cs_test_no_such_session" }) },
    form: () => [["intent", "pay"]],
  },
  "/calendar/:token.ics": {
    targets: { valid: (w) => ({ token: w.feedToken }), bogus: () => ({ token: "no-such-token" }) },
  },
  "/chat/:threadId": { targets: { thread: (w) => ({ threadId: w.thread.id }), missing: () => ({ threadId: "nope" }) } },
  "/exhibitor/organization": {
    form: () => [
      ["nameZh", `参展商 ${unique()}`],
      ["nameEn", "Exhibitor Ltd"],
    ],
  },
  "/fairs/:slug": {
    targets: {
      live: (w) => ({ slug: w.fairA.slug }),
      draft: (w) => ({ slug: w.draftFair.slug }),
      missing: () => ({ slug: "no-such-fair" }),
    },
  },
  "/fairs/:slug/apply": {
    targets: {
      open: (w) => ({ slug: w.fairB.slug }),
      draft: (w) => ({ slug: w.draftFair.slug }),
      missing: () => ({ slug: "no-such-fair" }),
    },
    form: (w) => [
      ["hallId", w.fairB.halls[0].id],
      ["tierId", w.fairB.tiers[0].id],
    ],
  },
  "/fairs/:slug/availability": {
    targets: { live: (w) => ({ slug: w.fairA.slug }), draft: (w) => ({ slug: w.draftFair.slug }) },
    form: (w) => [
      ["timeZone", "Asia/Shanghai"],
      ["slots", w.slots[5].startsAt.toISOString()],
    ],
  },
  "/fairs/:slug/roadshows": {
    targets: {
      live: (w) => ({ slug: w.fairA.slug }),
      draft: (w) => ({ slug: w.draftFair.slug }),
      missing: () => ({ slug: "no-such-fair" }),
    },
    form: () => [
      ["intent", "propose"],
      ["titleZh", `推介 ${unique()}`],
      ["titleEn", "Roadshow"],
      ["startsAt", "2027-05-10T09:00"],
      ["durationMin", "60"],
      ["capacity", "100"],
    ],
  },
  "/fairs/:slug/roadshows/:id": {
    targets: roadshowTargets,
    form: () => [
      ["intent", "register"],
      ["shareContact", "on"],
    ],
  },
  "/fairs/:slug/roadshows/:id.ics": { targets: roadshowTargets },
  "/fairs/:slug/roadshows/:id/live": { targets: roadshowTargets, form: () => [["intent", "token"]] },
  "/fairs/:slug/survey": {
    targets: { live: (w) => ({ slug: w.fairA.slug }), draft: (w) => ({ slug: w.draftFair.slug }) },
    form: () => [
      ["nps", "9"],
      ["satisfaction", "4"],
      ["comment", "很好"],
    ],
  },
  // An address of its own per cell: asking is limited to 3 per email and 15 minutes.
  "/forgot-password": { form: () => [["email", `forgot-${unique()}@test.cloudfair.cn`]] },
  "/investor/profile": {
    form: () => [
      ["sectors", "biomedicine"],
      ["stages", "SERIES_A"],
      ["ticketMin", "1000000"],
      ["ticketMax", "50000000"],
      ["currency", "CNY"],
      ["meetingCapacity", "10"],
    ],
  },
  "/locale": {
    form: () => [
      ["locale", "en"],
      ["redirectTo", "/"],
    ],
  },
  "/text-size": {
    form: () => [
      ["size", "large"],
      ["redirectTo", "/"],
    ],
  },
  "/login": {
    form: (w) => [
      ["email", w.actors.visitor.email!],
      ["password", "correct-horse-9"],
    ],
  },
  "/meetings": {
    // Declining a fresh pending request to the exhibitor: only the exhibitor may.
    form: async (w) => [
      ["intent", "decline"],
      ["id", (await w.pendingRequest()).id],
      ["reason", "时间不合适"],
    ],
  },
  "/meetings/:id.ics": { targets: { held: (w) => ({ id: w.heldMeeting.id }), missing } },
  "/meetings/:id/outcome": {
    targets: { held: (w) => ({ id: w.heldMeeting.id }), missing },
    form: () => [
      ["intent", "outcome"],
      ["result", "FOLLOW_UP"],
      ["rating", "4"],
      ["notes", "继续跟进"],
    ],
  },
  "/meetings/:id/room": { targets: { held: (w) => ({ id: w.heldMeeting.id }), missing } },
  "/meetings/:id/video": {
    targets: { scheduled: (w) => ({ id: w.scheduledMeeting.id }), missing },
    form: () => [["intent", "extend"]],
  },
  "/meetings/invite/:investorOrgId": {
    targets: {
      investorOrg: (w) => ({ investorOrgId: w.actors.investor.organizationId! }),
      missing: () => ({ investorOrgId: "no-such-org" }),
    },
    form: (w) => [
      ["slots", w.slots[6].startsAt.toISOString()],
      ["message", "欢迎洽谈"],
    ],
  },
  "/recommendations/dismiss": { form: (w) => [["projectId", w.project.id]] },
  "/claim/:token": {
    targets: { live: async (w) => ({ token: await freshClaimToken(w) }), bogus: () => ({ token: "no-such-token" }) },
    form: () => [["password", STRONG]],
  },
  "/reset-password/:token": {
    targets: { live: async (w) => ({ token: await w.freshResetToken() }), bogus: () => ({ token: "no-such-token" }) },
    form: () => [["password", STRONG]],
  },
  "/signup": {
    form: () => [
      ["accountType", "visitor"],
      ["name", "新访客"],
      ["email", `signup-${unique()}@test.cloudfair.cn`],
      ["password", STRONG],
    ],
  },
  "/bureaus/:slug": {
    targets: { bureauA: (w) => ({ slug: w.bureaus.a.slug! }), missing: () => ({ slug: "no-such-bureau" }) },
  },
  // Bureaus (issue 18, ADR 028): bureau A (organizes fair A) is a city under province P, beside
  // bureau B; district D sits under A; bureau C co-organizes fair A.
  "/staff/bureaus/:id": {
    targets: { bureauA: (w) => ({ id: w.bureaus.a.id }), parent: (w) => ({ id: w.bureaus.p.id }), missing },
  },
  "/staff/bureaus/:id/export": {
    targets: { bureauA: (w) => ({ id: w.bureaus.a.id }), parent: (w) => ({ id: w.bureaus.p.id }), missing },
  },
  "/staff/bureaus/:id/members": {
    targets: { bureauA: (w) => ({ id: w.bureaus.a.id }), bureauB: (w) => ({ id: w.bureaus.b.id }), missing },
    form: () => [
      ["intent", "invite"],
      ["name", `新同事 ${unique()}`],
      ["email", `member-${unique()}@test.cloudfair.cn`],
      ["password", STRONG],
      ["role", "VIEWER"],
    ],
  },
  "/staff/fairs/:id": {
    targets: { fairA: (w) => ({ id: w.fairA.id }), childFair: (w) => ({ id: w.childFair.id }), missing },
    form: () => {
      const slug = `hall-${unique()}`;
      return [
        ["intent", "hall"],
        ["slug", slug],
        ["nameZh", "新展馆"],
        ["nameEn", "New hall"],
        ["sector", "biomedicine"],
      ];
    },
  },
  "/staff/fairs/:id/dashboard": {
    targets: { fairA: (w) => ({ id: w.fairA.id }), childFair: (w) => ({ id: w.childFair.id }), missing },
  },
  "/staff/fairs/:id/dashboard/:list": {
    targets: {
      fairA: (w) => ({ id: w.fairA.id, list: "meetings" }),
      badList: (w) => ({ id: w.fairA.id, list: "passwords" }),
      missing: () => ({ id: "no-such-id", list: "meetings" }),
    },
  },
  "/staff/fairs/:id/dashboard/:list/export": {
    targets: {
      fairA: (w) => ({ id: w.fairA.id, list: "meetings" }),
      missing: () => ({ id: "no-such-id", list: "meetings" }),
    },
  },
  "/staff/fairs/:id/negotiations": { targets: { fairA: (w) => ({ id: w.fairA.id }), missing } },
  // A check without a file: the page's own form, refused for its missing file (400) by those who may use it.
  "/staff/fairs/:id/onboarding": {
    targets: { fairA: (w) => ({ id: w.fairA.id }), missing },
    form: () => [
      ["intent", "check"],
      ["kind", "exhibitor"],
    ],
  },
  "/staff/fairs/:id/onboarding/template": { targets: { fairA: (w) => ({ id: w.fairA.id }), missing } },
  "/staff/fairs/:id/privacy-log": { targets: { fairA: (w) => ({ id: w.fairA.id }), missing } },
  "/staff/fairs/:id/review": {
    targets: { fairA: (w) => ({ id: w.fairA.id }), missing },
    form: (w) => [
      ["intent", "feature"],
      ["boothId", w.publicBooth.id],
      ["featured", "on"],
    ],
  },
  "/staff/fairs/:id/schedule": {
    targets: { fairA: (w) => ({ id: w.fairA.id }), missing },
    form: () => [["intent", "run"]],
  },
  "/staff/fairs/:id/roadshows": {
    targets: { fairA: (w) => ({ id: w.fairA.id }), missing },
    form: () => [
      ["intent", "schedule"],
      ["titleZh", `推介 ${unique()}`],
      ["titleEn", "Roadshow"],
      ["startsAt", "2027-05-10T09:00"],
      ["durationMin", "60"],
      ["capacity", "100"],
    ],
  },
  // The organizer as the page offers it (ADR 028): the actor's own bureau; for the platform admin,
  // who may choose any bureau, bureau A.
  "/staff/fairs/new": {
    form: (w, _target, actor) => [
      ["bureauId", actor === "admin" ? w.bureaus.a.id : (w.actors[actor].organizationId ?? "")],
      ["slug", `fair-${unique()}`],
      ["titleZh", "新展会"],
      ["titleEn", "New fair"],
      ["timeZone", "Asia/Shanghai"],
      ["startsAt", "2027-05-10T09:00"],
      ["endsAt", "2027-05-12T17:00"],
    ],
  },
};

// prettier-ignore
const TABLE = `
route                                   target       method anon visitor investor investorB exhibitor exhibitorB staffA staffB staffParent staffChild staffCo viewerA bureauAdminA admin
/                                       -            GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/*                                      nowhere      GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/*                                      nowhere      POST   404  404     404      404       404       404        404    404    404         404        404     404     404          404
/account                                -            GET    login 200     200      200       200       200        200    200    200         200        200     200     200          200
/account                                -            POST   login 302     302      302       302       302        302    302    302         302        302     302     302          302
/account/deleted                        -            GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/account/export                         -            GET    302  302     302      302       302       302        302    302    302         302        302     302     302          302
/account/export                         -            POST   login 200     200      200       200       200        200    200    200         200        200     200     200          200
/account/notifications                  -            GET    login 200    200      200       200       200        200    200    200         200        200     200     200          200
/account/notifications                  -            POST   login 302    302      302       302       302        302    302    302         302        302     302     302          302
/account/restore                        -            GET    302  302     302      302       302       302        302    302    302         302        302     302     302          302
/account/restore                        -            POST   302  302     302      302       302       302        302    302    302         302        302     302     302          302
/admin                                  -            GET    login 403     403      403       403       403        403    403    403         403        403     403     403          200
/admin                                  -            POST   login 403     403      403       403       403        403    403    403         403        403     403     403          200
/admin                                  bureauCreate GET    login 403     403      403       403       403        403    403    403         403        403     403     403          200
/admin                                  bureauCreate POST   login 403     403      403       403       403        403    403    403         403        403     403     403          200
/admin/jobs                             -            GET    login 403    403      403       403       403        403    403    403         403        403     403     403          200
/admin/mail                             -            GET    login 403    403      403       403       403        403    403    403         403        403     403     403          200
/admin/mail/:id                         mail         GET    login 403    403      403       403       403        403    403    403         403        403     403     403          200
/admin/mail/:id                         mail         POST   login 403    403      403       403       403        403    403    403         403        403     403     403          409
/admin/mail/:id                         missing      GET    login 403    403      403       403       403        403    403    403         403        403     403     403          404
/admin/mail/:id                         missing      POST   login 403    403      403       403       403        403    403    403         403        403     403     403          404
/api/v1/*                               fairs        GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/api/v1/*                               fairs        POST   405  405     405      405       405       405        405    405    405         405        405     405     405          405
/api/v1/*                               publicBooth  GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/api/v1/*                               draftBooth   GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/api/v1/*                               draftBooth   POST   405  405     405      405       405       405        405    405    405         405        405     405     405          405
/booths/:id                             public       GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/booths/:id                             public       POST   login 200     200      200       200       200        200    200    200         200        200     200     200          200
/booths/:id                             draft        GET    404  404     404      404       404       200        200    404    404         404        200     200     200          200
/booths/:id                             draft        POST   login 404     404      404       404       404        404    404    404         404        404     404     404          404
/booths/:id                             missing      GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/booths/:id                             missing      POST   login 404     404      404       404       404        404    404    404         404        404     404     404          404
/booths/:id/edit                        public       GET    login 403     403      403       200       403        403    403    403         403        403     403     403          403
/booths/:id/edit                        public       POST   login 403     403      403       302       403        403    403    403         403        403     403     403          403
/booths/:id/edit                        draft        GET    login 403     403      403       403       200        403    403    403         403        403     403     403          403
/booths/:id/edit                        draft        POST   login 403     403      403       403       302        403    403    403         403        403     403     403          403
/booths/:id/edit                        missing      GET    login 403     403      403       404       404        403    403    403         403        403     403     403          403
/booths/:id/edit                        missing      POST   login 403     403      403       404       404        403    403    403         403        403     403     403          403
/booths/:id/test-checkout/:session      ownBooth     GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/booths/:id/test-checkout/:session      ownBooth     POST   404  404     404      404       404       404        404    404    404         404        404     404     404          404
/calendar/:token.ics                    valid        GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/calendar/:token.ics                    bogus        GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/chat/:threadId                         thread       GET    login 404     200      404       200       404        404    404    404         404        404     404     404          404
/chat/:threadId                         missing      GET    login 404     404      404       404       404        404    404    404         404        404     404     404          404
/claim/:token                           live         GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/claim/:token                           live         POST   302  302     302      302       302       302        302    302    302         302        302     302     302          302
/claim/:token                           bogus        GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/claim/:token                           bogus        POST   400  400     400      400       400       400        400    400    400         400        400     400     400          400
/dashboard                              -            GET    login 200     200      200       200       200        200    200    200         200        200     200     200          200
/exhibitor/inbox                        -            GET    login 403     403      403       200       200        403    403    403         403        403     403     403          403
/exhibitor/leads                        -            GET    login 403     403      403       200       200        403    403    403         403        403     403     403          403
/exhibitor/leads.csv                    -            GET    login 403     403      403       200       200        403    403    403         403        403     403     403          403
/exhibitor/organization                 -            GET    login 403     403      403       200       200        403    403    403         403        403     403     403          403
/exhibitor/organization                 -            POST   login 403     403      403       302       302        403    403    403         403        403     403     403          403
/fairs/:slug                            live         GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/fairs/:slug                            draft        GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug                            missing      GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/apply                      open         GET    login 403     403      403       200       200        403    403    403         403        403     403     403          403
/fairs/:slug/apply                      open         POST   login 403     403      403       302       302        403    403    403         403        403     403     403          403
/fairs/:slug/apply                      draft        GET    login 403     403      403       404       404        403    403    403         403        403     403     403          403
/fairs/:slug/apply                      draft        POST   login 403     403      403       404       404        403    403    403         403        403     403     403          403
/fairs/:slug/apply                      missing      GET    login 403     403      403       404       404        403    403    403         403        403     403     403          403
/fairs/:slug/apply                      missing      POST   login 403     403      403       404       404        403    403    403         403        403     403     403          403
/fairs/:slug/availability               live         GET    login 200     200      200       200       200        200    200    200         200        200     200     200          200
/fairs/:slug/availability               live         POST   login 200     200      200       200       200        200    200    200         200        200     200     200          200
/fairs/:slug/availability               draft        GET    login 404     404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/availability               draft        POST   login 404     404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows                  live         GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/fairs/:slug/roadshows                  live         POST   login 403    403      403       302       403        403    403    403         403        403     403     403          403
/fairs/:slug/roadshows                  draft        GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows                  draft        POST   login 404    404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows                  missing      GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows                  missing      POST   login 404    404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows/:id              live         GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/fairs/:slug/roadshows/:id              live         POST   login 302    302      302       302       302        302    302    302         302        302     302     302          302
/fairs/:slug/roadshows/:id              proposed     GET    404  404     404      404       200       404        200    404    404         404        200     200     200          200
/fairs/:slug/roadshows/:id              proposed     POST   login 404    404      404       409       404        409    404    404         404        409     409     409          409
/fairs/:slug/roadshows/:id              crossFair    GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows/:id              crossFair    POST   login 404    404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows/:id              missing      GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows/:id              missing      POST   login 404    404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows/:id.ics          live         GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/fairs/:slug/roadshows/:id.ics          proposed     GET    404  404     404      404       200       404        200    404    404         404        200     200     200          200
/fairs/:slug/roadshows/:id.ics          crossFair    GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows/:id.ics          missing      GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows/:id/live         live         GET    405  405     405      405       405       405        405    405    405         405        405     405     405          405
/fairs/:slug/roadshows/:id/live         live         POST   login 503    503      503       503       503        503    503    503         503        503     503     503          503
/fairs/:slug/roadshows/:id/live         proposed     GET    405  405     405      405       405       405        405    405    405         405        405     405     405          405
/fairs/:slug/roadshows/:id/live         crossFair    GET    405  405     405      405       405       405        405    405    405         405        405     405     405          405
/fairs/:slug/roadshows/:id/live         missing      GET    405  405     405      405       405       405        405    405    405         405        405     405     405          405
/fairs/:slug/roadshows/:id/live         proposed     POST   login 404    404      404       403       404        403    404    404         404        403     403     403          403
/fairs/:slug/roadshows/:id/live         crossFair    POST   login 404    404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/roadshows/:id/live         missing      POST   login 404    404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/survey                     live         GET    login 403     200      403       200       403        403    403    403         403        403     403     403          403
/fairs/:slug/survey                     live         POST   login 403     200      403       200       403        403    403    403         403        403     403     403          403
/fairs/:slug/survey                     draft        GET    login 404     404      404       404       404        404    404    404         404        404     404     404          404
/fairs/:slug/survey                     draft        POST   login 404     404      404       404       404        404    404    404         404        404     404     404          404
/forgot-password                        -            POST   200  200     200      200       200       200        200    200    200         200        200     200     200          200
/investor/profile                       -            GET    login 403     200      200       403       403        403    403    403         403        403     403     403          403
/investor/profile                       -            POST   login 403     302      302       403       403        403    403    403         403        403     403     403          403
/locale                                 -            GET    302  302     302      302       302       302        302    302    302         302        302     302     302          302
/locale                                 -            POST   302  302     302      302       302       302        302    302    302         302        302     302     302          302
/login                                  -            GET    200  302     302      302       302       302        302    302    302         302        302     302     302          302
/login                                  -            POST   302  302     302      302       302       302        302    302    302         302        302     302     302          302
/logout                                 -            GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/logout                                 -            POST   302  302     302      302       302       302        302    302    302         302        302     302     302          302
/mail/unsubscribe/:token                valid        GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/mail/unsubscribe/:token                valid        POST   200  200     200      200       200       200        200    200    200         200        200     200     200          200
/mail/unsubscribe/:token                bogus        GET    400  400     400      400       400       400        400    400    400         400        400     400     400          400
/mail/unsubscribe/:token                bogus        POST   400  400     400      400       400       400        400    400    400         400        400     400     400          400
/manifest.webmanifest                   -            GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/meetings                               -            GET    login 200     200      200       200       200        200    200    200         200        200     200     200          200
/meetings                               -            POST   login 403     403      403       302       403        403    403    403         403        403     403     403          403
/meetings/:id.ics                       held         GET    login 404     200      404       200       404        404    404    404         404        404     404     404          404
/meetings/:id.ics                       missing      GET    login 404     404      404       404       404        404    404    404         404        404     404     404          404
/meetings/:id/outcome                   held         GET    login 403     200      403       200       403        403    403    403         403        403     403     403          403
/meetings/:id/outcome                   held         POST   login 403     302      403       302       403        403    403    403         403        403     403     403          403
/meetings/:id/outcome                   missing      GET    login 404     404      404       404       404        404    404    404         404        404     404     404          404
/meetings/:id/outcome                   missing      POST   login 404     404      404       404       404        404    404    404         404        404     404     404          404
/meetings/:id/room                      held         GET    login 403     200      403       200       403        200    403    403         403        200     403     200          200
/meetings/:id/room                      missing      GET    login 404     404      404       404       404        404    404    404         404        404     404     404          404
/meetings/:id/video                     scheduled    GET    405  405     405      405       405       405        405    405    405         405        405     405     405          405
/meetings/:id/video                     scheduled    POST   login 403     409      403       409       403        403    403    403         403        403     403     403          403
/meetings/:id/video                     missing      GET    405  405     405      405       405       405        405    405    405         405        405     405     405          405
/meetings/:id/video                     missing      POST   login 404     404      404       404       404        404    404    404         404        404     404     404          404
/meetings/invite/:investorOrgId         investorOrg  GET    login 403     403      403       200       409        403    403    403         403        403     403     403          403
/meetings/invite/:investorOrgId         investorOrg  POST   login 403     403      403       200       409        403    403    403         403        403     403     403          403
/meetings/invite/:investorOrgId         missing      GET    login 403     403      403       404       404        403    403    403         403        403     403     403          403
/meetings/invite/:investorOrgId         missing      POST   login 403     403      403       404       404        403    403    403         403        403     403     403          403
/notifications                          -            GET    login 200     200      200       200       200        200    200    200         200        200     200     200          200
/notifications                          -            POST   login 302     302      302       302       302        302    302    302         302        302     302     302          302
/privacy                                -            GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/recommendations/dismiss                -            GET    302  302     302      302       302       302        302    302    302         302        302     302     302          302
/recommendations/dismiss                -            POST   login 403     302      302       403       403        403    403    403         403        403     403     403          403
/reset-password/:token                  live         GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/reset-password/:token                  live         POST   200  200     200      200       200       200        200    200    200         200        200     200     200          200
/reset-password/:token                  bogus        GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/reset-password/:token                  bogus        POST   400  400     400      400       400       400        400    400    400         400        400     400     400          400
/search                                 -            GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/signup                                 -            GET    200  302     302      302       302       302        302    302    302         302        302     302     302          302
/signup                                 -            POST   302  302     302      302       302       302        302    302    302         302        302     302     302          302
/staff                                  -            GET    login 403     403      403       403       403        200    200    200         200        200     200     200          200
/staff/fairs/:id                        fairA        GET    login 403     403      403       403       403        200    403    403         403        200     200     200          200
/staff/fairs/:id                        fairA        POST   login 403     403      403       403       403        302    403    403         403        302     403     302          302
/staff/fairs/:id                        missing      GET    login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id                        missing      POST   login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/dashboard              fairA        GET    login 403     403      403       403       403        200    403    200         403        200     200     200          200
/staff/fairs/:id/dashboard              missing      GET    login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/dashboard/:list        fairA        GET    login 403     403      403       403       403        200    403    200         403        200     200     200          200
/staff/fairs/:id/dashboard/:list        badList      GET    login 403     403      403       403       403        404    403    404         403        404     404     404          404
/staff/fairs/:id/dashboard/:list        missing      GET    login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/dashboard/:list/export fairA        GET    login 403     403      403       403       403        200    403    200         403        200     200     200          200
/staff/fairs/:id/dashboard/:list/export missing      GET    login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/negotiations           fairA        GET    login 403     403      403       403       403        200    403    403         403        200     200     200          200
/staff/fairs/:id/negotiations           missing      GET    login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/onboarding             fairA        GET    login 403    403      403       403       403        200    403    403         403        200     200     200          200
/staff/fairs/:id/onboarding             fairA        POST   login 403    403      403       403       403        400    403    403         403        400     403     400          400
/staff/fairs/:id/onboarding             missing      GET    login 403    403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/onboarding             missing      POST   login 403    403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/onboarding/template    fairA        GET    login 403    403      403       403       403        200    403    403         403        200     200     200          200
/staff/fairs/:id/onboarding/template    missing      GET    login 403    403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/privacy-log            fairA        GET    login 403     403      403       403       403        200    403    403         403        200     200     200          200
/staff/fairs/:id/privacy-log            missing      GET    login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/review                 fairA        GET    login 403     403      403       403       403        200    403    403         403        200     200     200          200
/staff/fairs/:id/review                 fairA        POST   login 403     403      403       403       403        302    403    403         403        302     403     302          302
/staff/fairs/:id/review                 missing      GET    login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/review                 missing      POST   login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/roadshows              fairA        GET    login 403    403      403       403       403        200    403    403         403        200     200     200          200
/staff/fairs/:id/roadshows              fairA        POST   login 403    403      403       403       403        302    403    403         403        302     403     302          302
/staff/fairs/:id/roadshows              missing      GET    login 403    403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/roadshows              missing      POST   login 403    403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/schedule               fairA        GET    login 403     403      403       403       403        200    403    403         403        200     200     200          200
/staff/fairs/:id/schedule               fairA        POST   login 403     403      403       403       403        302    403    403         403        302     403     302          302
/staff/fairs/:id/schedule               missing      GET    login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id/schedule               missing      POST   login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/new                        -            GET    login 403     403      403       403       403        200    200    200         200        200     403     200          200
/staff/fairs/new                        -            POST   login 403     403      403       403       403        302    302    302         302        302     403     302          302
/text-size                              -            GET    302  302     302      302       302       302        302    302    302         302        302     302     302          302
/text-size                              -            POST   302  302     302      302       302       302        302    302    302         302        302     302     302          302
/verify-email/:token                    valid        GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/verify-email/:token                    bogus        GET    400  400     400      400       400       400        400    400    400         400        400     400     400          400
/webhooks/livekit                       -            GET    405  405     405      405       405       405        405    405    405         405        405     405     405          405
/webhooks/livekit                       -            POST   401  401     401      401       401       401        401    401    401         401        401     401     401          401
/webhooks/stripe                        -            GET    405  405     405      405       405       405        405    405    405         405        405     405     405          405
/webhooks/stripe                        -            POST   400  400     400      400       400       400        400    400    400         400        400     400     400          400
/bureaus/:slug                          bureauA      GET    200  200     200      200       200       200        200    200    200         200        200     200     200          200
/bureaus/:slug                          missing      GET    404  404     404      404       404       404        404    404    404         404        404     404     404          404
/staff/bureaus/:id                      bureauA      GET    login 403     403      403       403       403        200    403    200         403        403     200     200          200
/staff/bureaus/:id                      parent       GET    login 403     403      403       403       403        403    403    200         403        403     403     403          200
/staff/bureaus/:id                      missing      GET    login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/bureaus/:id/export               bureauA      GET    login 403     403      403       403       403        200    403    200         403        403     200     200          200
/staff/bureaus/:id/export               parent       GET    login 403     403      403       403       403        403    403    200         403        403     403     403          200
/staff/bureaus/:id/export               missing      GET    login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/bureaus/:id/members              bureauA      GET    login 403     403      403       403       403        403    403    403         403        403     403     200          200
/staff/bureaus/:id/members              bureauA      POST   login 403     403      403       403       403        403    403    403         403        403     403     200          200
/staff/bureaus/:id/members              bureauB      GET    login 403     403      403       403       403        403    403    403         403        403     403     403          200
/staff/bureaus/:id/members              bureauB      POST   login 403     403      403       403       403        403    403    403         403        403     403     403          200
/staff/bureaus/:id/members              missing      GET    login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/bureaus/:id/members              missing      POST   login 403     403      403       403       403        404    404    404         404        404     404     404          404
/staff/fairs/:id                        childFair    GET    login 403     403      403       403       403        403    403    403         200        403     403     403          200
/staff/fairs/:id                        childFair    POST   login 403     403      403       403       403        403    403    403         302        403     403     403          302
/staff/fairs/:id/dashboard              childFair    GET    login 403     403      403       403       403        200    403    200         200        403     200     200          200
`;

/**
 * Cells known to answer otherwise, in code other people are changing now (handed over, see the
 * report of this suite's change): `route target method` → why. Their rows run as `it.fails`.
 */
export const KNOWN_FAILURES: Record<string, string> = {};

export interface Row {
  pattern: string;
  target: string;
  method: "GET" | "POST";
  expected: Partial<Record<ActorName, string>>;
  line: number;
}

function parseTable(text: string): { rows: Row[]; problems: string[] } {
  const lines = text.split("\n").filter((l) => l.trim());
  const header = lines[0].trim().split(/\s+/);
  const actorColumns = header.slice(3);
  const problems: string[] = [];
  for (const a of ACTOR_NAMES) if (!actorColumns.includes(a)) problems.push(`the table has no column for actor "${a}"`);
  for (const a of actorColumns)
    if (!(ACTOR_NAMES as readonly string[]).includes(a))
      problems.push(`the table has a column for unknown actor "${a}"`);
  const rows = lines.slice(1).map((l, i) => {
    const [pattern, target, method, ...values] = l.trim().split(/\s+/);
    if (values.length !== actorColumns.length)
      problems.push(
        `row ${i + 1} (${pattern} ${target} ${method}) has ${values.length} values for ${actorColumns.length} actors`,
      );
    return {
      pattern,
      target,
      method: method as Row["method"],
      expected: Object.fromEntries(actorColumns.map((a, j) => [a, values[j]])) as Row["expected"],
      line: i + 1,
    };
  });
  return { rows, problems };
}

export const { rows: ROWS, problems: TABLE_PROBLEMS } = parseTable(TABLE);
/** Answers that refuse the request: nothing may change. */
export const REFUSED = new Set(["login", "400", "401", "403", "404", "405", "409", "415", "429"]);
export const targetsOf = (pattern: string): Record<string, (w: World) => Params | Promise<Params>> =>
  CASES[pattern]?.targets ?? { "-": () => ({}) };
