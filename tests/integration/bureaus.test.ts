// Bureaus in a province → city → district tree (issue 18, ADR 028): staff accounts join the bureau
// named; cross-bureau pages answer 403/404; a parent bureau reads its children's fair dashboards
// and lists with personal contact data hidden unless the fair is shared, and never acts; a
// co-organizer's staff act; a viewer reads; a bureau admin manages only their own bureau's members;
// refused requests change nothing; the rollup counts each deal once, per currency; public pages.
import { beforeAll, describe, expect, it } from "vitest";
import { createStaffAccount } from "../../app/auth/accounts.server.ts";
import { fairAccess } from "../../app/auth/fair-access.server.ts";
import { getUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { bureauRollup } from "../../app/domain/reports/rollup.server.ts";
import * as bureauPage from "../../app/routes/bureaus.$slug.tsx";
import * as fairPage from "../../app/routes/staff.fairs.$id.tsx";
import * as listPage from "../../app/routes/staff.fairs.$id_.dashboard_.$list.tsx";
import * as listExport from "../../app/routes/staff.fairs.$id_.dashboard_.$list_.export.tsx";
import * as reviewPage from "../../app/routes/staff.fairs.$id_.review.tsx";
import * as membersPage from "../../app/routes/staff.bureaus.$id_.members.tsx";
import * as rollupExport from "../../app/routes/staff.bureaus.$id_.export.tsx";
import * as home from "../../app/routes/_index.tsx";
import * as adminPage from "../../app/routes/admin._index.tsx";
import * as loginPage from "../../app/routes/login.tsx";
import * as staffHome from "../../app/routes/staff._index.tsx";
import * as boothPage from "../../app/routes/booths.$id.tsx";
import * as dashboardPage from "../../app/routes/staff.fairs.$id_.dashboard.tsx";
import * as newFairPage from "../../app/routes/staff.fairs.new.tsx";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import { snapshotDatabase, changedTables } from "../harness/world.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeMeeting, makeUser, req } from "../harness/factories.ts";

type U = Awaited<ReturnType<typeof makeUser>>;
const STRONG = "Lanterns-over-Qinhuai-47";
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

async function bureau(level: "PROVINCE" | "CITY" | "DISTRICT", parentId?: string) {
  const slug = `b-${uniq()}`;
  return db().organization.create({
    data: { kind: "BUREAU", nameZh: `商务局${slug}`, nameEn: `Bureau ${slug}`, slug, level, parentId },
  });
}
const sessionOf = async (u: U) => (await getUser(req("/", { cookie: u.cookie })))!;

describe("bureaus (ADR 028)", () => {
  let province: { id: string };
  let cityA: { id: string; slug: string | null };
  let cityB: { id: string };
  let coOrg: { id: string };
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staffA: U, staffB: U, staffP: U, staffCo: U, viewerA: U, adminA: U, adminB: U, investor: U, exhibitor: U;

  beforeAll(async () => {
    await useTestDatabase();
    province = await bureau("PROVINCE");
    cityA = await bureau("CITY", province.id);
    cityB = await bureau("CITY", province.id);
    coOrg = await bureau("CITY");
    fair = await makeFair();
    await db().fair.update({ where: { id: fair.id }, data: { organizerId: cityA.id } });
    await db().fairCoOrganizer.create({ data: { fairId: fair.id, organizationId: coOrg.id } });
    [staffA, staffB, staffP, staffCo, viewerA, adminA, adminB, investor, exhibitor] = await Promise.all([
      makeUser("STAFF", cityA.id),
      makeUser("STAFF", cityB.id),
      makeUser("STAFF", province.id),
      makeUser("STAFF", coOrg.id),
      makeUser("VIEWER", cityA.id),
      makeUser("BUREAU_ADMIN", cityA.id),
      makeUser("BUREAU_ADMIN", cityB.id),
      makeUser("INVESTOR"),
      makeUser("EXHIBITOR"),
    ]);
    const booth = await makeBooth(fair, exhibitor.organizationId!, "APPROVED");
    // A lead with consented contact data: the investor asked the exhibitor for a meeting.
    await db().meetingRequest.create({
      data: {
        fairId: fair.id,
        fromUserId: investor.user.id,
        fromOrgId: investor.organizationId!,
        toOrgId: exhibitor.organizationId!,
        message: "想了解",
      },
    });
    expect(booth.id).toBeTruthy();
  });

  it("creates a staff account in the bureau named, not in the oldest bureau", async () => {
    const email = `new-${uniq()}@test.cloudfair.cn`;
    const { id } = await createStaffAccount(
      { name: "新同事", email, password: STRONG, role: "STAFF", bureauId: cityB.id },
      null,
    );
    const ms = await db().membership.findMany({ where: { userId: id } });
    expect(ms.map((m) => [m.organizationId, m.role])).toEqual([[cityB.id, "STAFF"]]);
    await expect(
      createStaffAccount({ name: "x", email: `x-${uniq()}@t.cn`, password: STRONG, role: "STAFF" }, null),
    ).rejects.toMatchObject({ key: "bureau.error.unknown" });
  });

  it("answers every relation with the right permission", async () => {
    const access = async (u: U) => (await fairAccess(await sessionOf(u), fair.id)) ?? null;
    expect(await access(staffA)).toMatchObject({ relation: "organizer", can: "act" });
    expect(await access(adminA)).toMatchObject({ relation: "organizer", can: "act" });
    expect(await access(staffCo)).toMatchObject({ relation: "coOrganizer", can: "act" });
    expect(await access(viewerA)).toMatchObject({ relation: "viewer", can: "read", hideContacts: false });
    expect(await access(staffP)).toMatchObject({ relation: "parent", can: "report", hideContacts: true });
    expect(await access(staffB)).toBeNull();
    expect(await fairAccess(await sessionOf(staffA), "no-such-fair")).toBeUndefined();
  });

  it("refuses another bureau's fair (403) and an unknown fair (404), changing nothing", async () => {
    const before = await snapshotDatabase();
    const form = { intent: "hall", slug: `h-${uniq()}`, nameZh: "馆", nameEn: "Hall", sector: "biomedicine" };
    expect(
      (await call(fairPage.loader, req(`/staff/fairs/${fair.id}`, { cookie: staffB.cookie }), { id: fair.id })).status,
    ).toBe(403);
    expect(
      (await call(fairPage.action, req(`/staff/fairs/${fair.id}`, { cookie: staffB.cookie, form }), { id: fair.id }))
        .status,
    ).toBe(403);
    expect(
      (await call(fairPage.action, req(`/staff/fairs/nope`, { cookie: staffA.cookie, form }), { id: "nope" })).status,
    ).toBe(404);
    expect(changedTables(before, await snapshotDatabase())).toEqual([]);
  });

  it("lets the parent bureau read lists with contact data hidden unless shared, and never act", async () => {
    const leads = (u: U) =>
      call(listPage.loader, req(`/staff/fairs/${fair.id}/dashboard/leads`, { cookie: u.cookie }), {
        id: fair.id,
        list: "leads",
      });
    const own = await leads(staffA);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain(investor.email);
    const parent = await leads(staffP);
    expect(parent.status).toBe(200);
    const text = await parent.text();
    expect(text).not.toContain(investor.email);
    expect(text).not.toContain(investor.user.name);
    const csv = await call(
      listExport.loader,
      req(`/staff/fairs/${fair.id}/dashboard/leads/export?format=csv`, { cookie: staffP.cookie }),
      { id: fair.id, list: "leads" },
    );
    expect(csv.status).toBe(200);
    expect(await csv.text()).not.toContain(investor.email);
    // Shared with parents: the parent sees contacts too.
    await db().fair.update({ where: { id: fair.id }, data: { sharedWithParents: true } });
    expect(await (await leads(staffP)).text()).toContain(investor.email);
    await db().fair.update({ where: { id: fair.id }, data: { sharedWithParents: false } });
    // Never acts, never opens setup pages; nothing changes.
    const before = await snapshotDatabase();
    const form = { intent: "hall", slug: `h-${uniq()}`, nameZh: "馆", nameEn: "Hall", sector: "biomedicine" };
    expect(
      (await call(fairPage.loader, req(`/staff/fairs/${fair.id}`, { cookie: staffP.cookie }), { id: fair.id })).status,
    ).toBe(403);
    expect(
      (await call(fairPage.action, req(`/staff/fairs/${fair.id}`, { cookie: staffP.cookie, form }), { id: fair.id }))
        .status,
    ).toBe(403);
    expect(changedTables(before, await snapshotDatabase())).toEqual([]);
  });

  it("lets a co-organizer's staff act on the fair", async () => {
    const slug = `co-${uniq()}`;
    const form = { intent: "hall", slug, nameZh: "协办馆", nameEn: "Co hall", sector: "biomedicine" };
    const res = await call(fairPage.action, req(`/staff/fairs/${fair.id}`, { cookie: staffCo.cookie, form }), {
      id: fair.id,
    });
    expect(res.status).toBe(302);
    expect(await db().hall.count({ where: { fairId: fair.id, slug } })).toBe(1);
  });

  it("lets a viewer read the fair's staff pages but change nothing", async () => {
    expect(
      (
        await call(reviewPage.loader, req(`/staff/fairs/${fair.id}/review`, { cookie: viewerA.cookie }), {
          id: fair.id,
        })
      ).status,
    ).toBe(200);
    const before = await snapshotDatabase();
    const form = { intent: "hall", slug: `v-${uniq()}`, nameZh: "馆", nameEn: "Hall", sector: "biomedicine" };
    expect(
      (await call(fairPage.action, req(`/staff/fairs/${fair.id}`, { cookie: viewerA.cookie, form }), { id: fair.id }))
        .status,
    ).toBe(403);
    expect(changedTables(before, await snapshotDatabase())).toEqual([]);
  });

  it("shows a draft booth to co-organizer staff and viewers, never to a parent or another bureau", async () => {
    const draft = await makeBooth(fair, (await makeUser("EXHIBITOR")).organizationId!, "DRAFT");
    const open = async (u: U) =>
      (await call(boothPage.loader, req(`/booths/${draft.id}`, { cookie: u.cookie }), { id: draft.id })).status;
    expect(await open(staffA)).toBe(200);
    expect(await open(staffCo)).toBe(200);
    expect(await open(viewerA)).toBe(200);
    expect(await open(staffP)).toBe(404);
    expect(await open(staffB)).toBe(404);
  });

  it("lets the organizer (only) add and remove co-organizers and share with parents, audited", async () => {
    const other = await bureau("CITY");
    const post = (u: U, form: Record<string, string>) =>
      call(fairPage.action, req(`/staff/fairs/${fair.id}`, { cookie: u.cookie, form }), { id: fair.id });
    const page = await call(fairPage.loader, req(`/staff/fairs/${fair.id}`, { cookie: staffA.cookie }), {
      id: fair.id,
    });
    expect(page.status).toBe(200);
    const data = await page.json();
    expect(data.canAct).toBe(true);
    expect(data.manageCo).toBe(true);
    expect(data.coOrganizers.current.map((c: { id: string }) => c.id)).toEqual([coOrg.id]);
    expect(data.coOrganizers.candidates.map((c: { id: string }) => c.id)).toContain(other.id);
    expect(data.coOrganizers.candidates.map((c: { id: string }) => c.id)).not.toContain(cityA.id);

    // Co-organizers, viewers and parents may not change the list; nothing changes.
    const before = await snapshotDatabase();
    expect((await post(staffCo, { intent: "addCoOrganizer", bureauId: other.id })).status).toBe(403);
    expect((await post(staffCo, { intent: "shared", sharedWithParents: "on" })).status).toBe(403);
    expect((await post(viewerA, { intent: "addCoOrganizer", bureauId: other.id })).status).toBe(403);
    expect((await post(staffP, { intent: "removeCoOrganizer", bureauId: coOrg.id })).status).toBe(403);
    // Its own fair, an unknown id, an empty or huge one: a localized 400.
    for (const bureauId of [cityA.id, "no-such-bureau", "", "x".repeat(5000), "\u0000"]) {
      const res = await post(staffA, { intent: "addCoOrganizer", bureauId });
      expect(res.status).toBe(400);
    }
    expect((await post(staffA, { intent: "removeCoOrganizer", bureauId: other.id })).status).toBe(400);
    expect(changedTables(before, await snapshotDatabase())).toEqual([]);

    expect((await post(staffA, { intent: "addCoOrganizer", bureauId: other.id })).status).toBe(302);
    expect(await db().fairCoOrganizer.count({ where: { fairId: fair.id, organizationId: other.id } })).toBe(1);
    expect((await post(adminA, { intent: "shared", sharedWithParents: "on" })).status).toBe(302);
    expect((await db().fair.findUniqueOrThrow({ where: { id: fair.id } })).sharedWithParents).toBe(true);
    expect((await post(staffA, { intent: "shared" })).status).toBe(302);
    expect((await db().fair.findUniqueOrThrow({ where: { id: fair.id } })).sharedWithParents).toBe(false);
    expect((await post(staffA, { intent: "removeCoOrganizer", bureauId: other.id })).status).toBe(302);
    expect(await db().fairCoOrganizer.count({ where: { fairId: fair.id, organizationId: other.id } })).toBe(0);
    const actions = (
      await db().auditLog.findMany({ where: { entityType: "Fair", entityId: fair.id }, select: { action: true } })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["fair.coOrganizer.add", "fair.coOrganizer.remove", "fair.sharedWithParents"]),
    );
  });

  it("gives read-only users no forms and parents no link to a page that refuses them", async () => {
    const viewerPage = await call(fairPage.loader, req(`/staff/fairs/${fair.id}`, { cookie: viewerA.cookie }), {
      id: fair.id,
    });
    expect(viewerPage.status).toBe(200);
    expect(await viewerPage.json()).toMatchObject({ canAct: false, manageCo: false });
    const coPage = await call(fairPage.loader, req(`/staff/fairs/${fair.id}`, { cookie: staffCo.cookie }), {
      id: fair.id,
    });
    expect(await coPage.json()).toMatchObject({ canAct: true, manageCo: false });
    const dash = async (u: U) =>
      (
        await (
          await call(dashboardPage.loader, req(`/staff/fairs/${fair.id}/dashboard`, { cookie: u.cookie }), {
            id: fair.id,
          })
        ).json()
      ).canOpenFair;
    expect(await dash(staffP)).toBe(false);
    expect(await dash(viewerA)).toBe(true);
    expect(await dash(staffA)).toBe(true);
  });

  it("creates a fair for the bureau chosen among those the user acts for, and refuses any other", async () => {
    const inZh = serverTranslator("zh-CN");
    // Staff of A and of B, a viewer of the co-organizer: chooses between A and B only.
    const both = await makeUser("STAFF", cityA.id);
    await db().membership.createMany({
      data: [
        { userId: both.user.id, organizationId: cityB.id, role: "STAFF" },
        { userId: both.user.id, organizationId: coOrg.id, role: "VIEWER" },
      ],
    });
    const choices = async (u: U) =>
      (
        (await (await call(newFairPage.loader, req("/staff/fairs/new", { cookie: u.cookie }))).json()) as {
          bureaus: { id: string }[];
        }
      ).bureaus.map((b) => b.id);
    expect(await choices(both)).toEqual([cityA.id, cityB.id]);
    expect(await choices(staffA)).toEqual([cityA.id]);
    expect(await choices(staffP)).toEqual([province.id]); // a parent creates for itself, never for its cities
    const platformAdmin = await makeUser("ADMIN");
    expect(await choices(platformAdmin)).toEqual(expect.arrayContaining([province.id, cityA.id, cityB.id, coOrg.id]));
    // A viewer creates no fair at all.
    expect((await call(newFairPage.loader, req("/staff/fairs/new", { cookie: viewerA.cookie }))).status).toBe(403);

    const fairForm = (extra: Record<string, string>) => ({
      slug: `org-${uniq()}`,
      titleZh: "新展会",
      titleEn: "New fair",
      timeZone: "Asia/Shanghai",
      startsAt: "2027-05-10T09:00",
      endsAt: "2027-05-12T17:00",
      ...extra,
    });
    const create = (u: U, form: Record<string, string>) =>
      call(newFairPage.action, req("/staff/fairs/new", { cookie: u.cookie, form }));

    // Refused, each a 400 with the error on the bureau field in the user's language; nothing stored.
    const before = await snapshotDatabase();
    const refusals: [U, Record<string, string>, string][] = [
      [both, fairForm({ bureauId: coOrg.id }), "staff.error.organizer"], // only a viewer there
      [both, fairForm({ bureauId: province.id }), "staff.error.organizer"], // the parent of A and B
      [both, fairForm({}), "staff.error.organizerChoose"], // two bureaus and no choice
      [both, fairForm({ bureauId: "" }), "staff.error.organizerChoose"],
      [staffA, fairForm({ bureauId: cityB.id }), "staff.error.organizer"], // another tenant's bureau
      [staffB, fairForm({ bureauId: cityA.id }), "staff.error.organizer"],
      [staffA, fairForm({ bureauId: "no-such-bureau" }), "staff.error.organizer"],
      [staffA, fairForm({ bureauId: "x".repeat(5000) }), "staff.error.organizer"],
      [staffP, fairForm({ bureauId: cityA.id }), "staff.error.organizer"], // a child's: parents never act
    ];
    for (const [u, form, key] of refusals) {
      const res = await create(u, form);
      expect(res.status, JSON.stringify(form.bureauId)).toBe(400);
      expect((await res.json()).errors, JSON.stringify(form.bureauId)).toEqual({ bureauId: inZh(key as never) });
    }
    // Twice, or with a NUL: refused too.
    const twice = new URLSearchParams(fairForm({}));
    twice.append("bureauId", cityA.id);
    twice.append("bureauId", cityB.id);
    const twiceReq = req("/staff/fairs/new", { cookie: both.cookie, method: "POST" });
    expect(
      (
        await call(
          newFairPage.action,
          new Request(twiceReq.url, { method: "POST", headers: twiceReq.headers, body: twice }),
        )
      ).status,
    ).toBe(400);
    expect((await create(staffA, fairForm({ bureauId: `${cityA.id}\u0000` }))).status).toBe(400);
    expect(changedTables(before, await snapshotDatabase())).toEqual([]);

    // Chosen: the fair is organized by that bureau.
    const chosen = fairForm({ bureauId: cityB.id });
    expect((await create(both, chosen)).status).toBe(302);
    expect((await db().fair.findUniqueOrThrow({ where: { slug: chosen.slug } })).organizerId).toBe(cityB.id);
    // One bureau: no choice needed (and the page offers only it).
    const single = fairForm({});
    expect((await create(staffA, single)).status).toBe(302);
    expect((await db().fair.findUniqueOrThrow({ where: { slug: single.slug } })).organizerId).toBe(cityA.id);
    // The platform admin chooses any bureau.
    const byAdmin = fairForm({ bureauId: coOrg.id });
    expect((await create(platformAdmin, byAdmin)).status).toBe(302);
    expect((await db().fair.findUniqueOrThrow({ where: { slug: byAdmin.slug } })).organizerId).toBe(coOrg.id);
  });

  it("lets a bureau admin invite and remove their own bureau's members, and nobody else's", async () => {
    const email = `viewer-${uniq()}@test.cloudfair.cn`;
    const invite = { intent: "invite", name: "只读同事", email, password: STRONG, role: "VIEWER" };
    const ok = await call(
      membersPage.action,
      req(`/staff/bureaus/${cityA.id}/members`, { cookie: adminA.cookie, form: invite }),
      {
        id: cityA.id,
      },
    );
    expect(ok.status).toBe(200);
    const invited = await db().user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(invited.memberships.map((m) => [m.organizationId, m.role])).toEqual([[cityA.id, "VIEWER"]]);

    const before = await snapshotDatabase();
    // Another bureau's members page: 403, whatever the intent.
    const refusedForms: Record<string, string>[] = [
      { ...invite, email: `x-${uniq()}@test.cloudfair.cn` },
      { intent: "remove", userId: staffB.user.id },
    ];
    for (const form of refusedForms)
      expect(
        (
          await call(membersPage.action, req(`/staff/bureaus/${cityB.id}/members`, { cookie: adminA.cookie, form }), {
            id: cityB.id,
          })
        ).status,
      ).toBe(403);
    // Another bureau's member through one's own page: not a member here (404).
    expect(
      (
        await call(
          membersPage.action,
          req(`/staff/bureaus/${cityA.id}/members`, {
            cookie: adminA.cookie,
            form: { intent: "remove", userId: staffB.user.id },
          }),
          { id: cityA.id },
        )
      ).status,
    ).toBe(404);
    // Staff (not admins) of the bureau cannot manage it either.
    expect(
      (
        await call(membersPage.loader, req(`/staff/bureaus/${cityA.id}/members`, { cookie: staffA.cookie }), {
          id: cityA.id,
        })
      ).status,
    ).toBe(403);
    expect(changedTables(before, await snapshotDatabase())).toEqual([]);
    expect(await db().membership.count({ where: { userId: staffB.user.id, organizationId: cityB.id } })).toBe(1);

    const removed = await call(
      membersPage.action,
      req(`/staff/bureaus/${cityA.id}/members`, {
        cookie: adminA.cookie,
        form: { intent: "remove", userId: invited.id },
      }),
      { id: cityA.id },
    );
    expect(removed.status).toBe(200);
    expect(await db().membership.count({ where: { userId: invited.id } })).toBe(0);
    expect(adminB).toBeTruthy();
  });

  describe("a platform admin creates a bureau and its first admin (/admin, intent bureau-create)", () => {
    let platformAdmin: U;
    beforeAll(async () => {
      platformAdmin = await makeUser("ADMIN");
    });
    const bureauForm = (extra: Record<string, string> = {}) => {
      const u = uniq();
      return {
        intent: "bureau-create",
        nameZh: `无锡市商务局${u}`,
        nameEn: `Wuxi Bureau ${u}`,
        slug: `wuxi-${u}`,
        level: "CITY",
        parentId: province.id,
        region: "wuxi",
        name: "钱主任",
        email: `wuxi-${u}@test.cloudfair.cn`,
        password: STRONG,
        ...extra,
      };
    };
    const post = (u: U, form: Record<string, string> | URLSearchParams) => {
      const r = req("/admin", { cookie: u.cookie, method: "POST" });
      return call(
        adminPage.action,
        new Request(r.url, { method: "POST", headers: r.headers, body: new URLSearchParams(form) }),
      );
    };

    it("creates the bureau under its parent and a first BUREAU_ADMIN who signs in and sees it", async () => {
      const form = bureauForm();
      const res = await post(platformAdmin, form);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ intent: "bureau-create", created: form.nameZh, errors: {} });
      const created = await db().organization.findUniqueOrThrow({ where: { slug: form.slug } });
      expect(created).toMatchObject({
        kind: "BUREAU",
        nameZh: form.nameZh,
        nameEn: form.nameEn,
        level: "CITY",
        parentId: province.id,
        region: "wuxi",
      });
      const first = await db().user.findUniqueOrThrow({ where: { email: form.email }, include: { memberships: true } });
      expect(first.memberships.map((m) => [m.organizationId, m.role])).toEqual([[created.id, "BUREAU_ADMIN"]]);
      expect(
        await db().auditLog.count({
          where: { action: "bureau.create", entityId: created.id, actorId: platformAdmin.user.id },
        }),
      ).toBe(1);
      // The admin page lists it under its parent.
      const listed = (await (await call(adminPage.loader, req("/admin", { cookie: platformAdmin.cookie }))).json()) as {
        bureaus: { id: string; parentId: string | null; depth: number }[];
      };
      const row = listed.bureaus.find((b) => b.id === created.id);
      expect(row).toMatchObject({ parentId: province.id, depth: 1 });

      // The first admin signs in through the login page and finds their bureau, which they manage.
      const login = await call(
        loginPage.action,
        req("/login", { form: { email: form.email.toUpperCase(), password: STRONG, next: "/staff" } }),
      );
      expect(login.status).toBe(302);
      const cookie = login.headers.get("Set-Cookie")!.split(";")[0];
      const staff = (await (await call(staffHome.loader, req("/staff", { cookie }))).json()) as {
        bureaus: { id: string; manage: boolean }[];
      };
      expect(staff.bureaus).toEqual([expect.objectContaining({ id: created.id, manage: true })]);
      const members = await call(membersPage.loader, req(`/staff/bureaus/${created.id}/members`, { cookie }), {
        id: created.id,
      });
      expect(members.status).toBe(200);
      // … and nobody else's.
      const other = await call(membersPage.loader, req(`/staff/bureaus/${cityA.id}/members`, { cookie }), {
        id: cityA.id,
      });
      expect(other.status).toBe(403);
      // The province, its parent, now reads it in its rollup.
      expect((await bureauRollup(province.id, {})).cities.map((c) => c.bureauId)).toContain(created.id);
    });

    it("refuses a parent of a lower or equal level with a localized 400 on the level, writing nothing", async () => {
      const district = await bureau("DISTRICT", cityA.id);
      const before = await snapshotDatabase();
      const cases: [string, string][] = [
        ["CITY", cityA.id], // equal
        ["PROVINCE", cityA.id], // lower
        ["PROVINCE", province.id], // equal, at the top
        ["CITY", district.id], // lower
        ["DISTRICT", district.id], // equal, at the bottom
      ];
      for (const [level, parentId] of cases) {
        const res = await post(platformAdmin, bureauForm({ level, parentId }));
        expect(res.status, `${level} under ${parentId}`).toBe(400);
        const body = await res.json();
        expect(body.errors, `${level} under ${parentId}`).toEqual({
          level: serverTranslator("zh-CN")("bureau.error.level"),
        });
        expect(body.intent, "the error shows on the bureau form, not the staff account form").toBe("bureau-create");
      }
      // An unknown parent, a taken slug or email: refused on their field, on the bureau form.
      const taken = await db().user.findUniqueOrThrow({ where: { id: staffA.user.id } });
      const refusals: [Record<string, string>, number, string][] = [
        [{ parentId: "no-such-bureau" }, 400, "parentId"],
        [{ parentId: exhibitor.organizationId! }, 400, "parentId"], // an organization, not a bureau
        [{ slug: cityA.slug! }, 409, "slug"],
        [{ email: taken.email }, 409, "email"],
      ];
      for (const [extra, status, field] of refusals) {
        const res = await post(platformAdmin, bureauForm(extra));
        expect(res.status, JSON.stringify(extra)).toBe(status);
        const body = await res.json();
        expect(Object.keys(body.errors), JSON.stringify(extra)).toEqual([field]);
        expect(body.intent, JSON.stringify(extra)).toBe("bureau-create");
      }
      expect(changedTables(before, await snapshotDatabase())).toEqual([]);
      // In the admin's own language.
      await db().user.update({ where: { id: platformAdmin.user.id }, data: { locale: "en" } });
      const beforeEn = await snapshotDatabase();
      const en = await post(platformAdmin, bureauForm({ level: "CITY", parentId: cityB.id }));
      expect(en.status).toBe(400);
      expect((await en.json()).errors).toEqual({ level: serverTranslator("en")("bureau.error.level") });
      expect(changedTables(beforeEn, await snapshotDatabase())).toEqual([]);
      await db().user.update({ where: { id: platformAdmin.user.id }, data: { locale: "zh-CN" } });
    });

    it("refuses hostile values (empty, huge, NUL, sent twice) with a 4xx and writes nothing", async () => {
      const before = await snapshotDatabase();
      const fields = ["nameZh", "nameEn", "slug", "level", "parentId", "region", "name", "email", "password"];
      const sent: [string, Record<string, string> | URLSearchParams][] = [];
      for (const f of fields) {
        if (!["parentId", "region"].includes(f)) sent.push([`${f} empty`, bureauForm({ [f]: "" })]);
        sent.push([`${f} huge`, bureauForm({ [f]: "长".repeat(100_000) })]);
        sent.push([`${f} NUL`, bureauForm({ [f]: `a\u0000b` })]);
        const twice = new URLSearchParams(bureauForm());
        twice.append(f, twice.get(f)!);
        sent.push([`${f} twice`, twice]);
      }
      sent.push(["unknown level", bureauForm({ level: "COUNTRY" })]);
      sent.push(["bad slug", bureauForm({ slug: "无锡 市" })]);
      sent.push(["bad email", bureauForm({ email: "not-an-email" })]);
      sent.push(["weak password", bureauForm({ password: "123" })]);
      for (const [what, form] of sent) {
        const res = await post(platformAdmin, form);
        expect(res.status, what).toBeGreaterThanOrEqual(400);
        expect(res.status, what).toBeLessThan(500);
      }
      expect(changedTables(before, await snapshotDatabase())).toEqual([]);
    });

    it("refuses anyone but a platform admin (403), writing nothing", async () => {
      const before = await snapshotDatabase();
      for (const u of [staffA, adminA, staffP, viewerA, investor]) {
        const form = bureauForm();
        expect((await post(u, form)).status, u.email).toBe(403);
      }
      const anon = await call(adminPage.action, req("/admin", { form: bureauForm() }));
      expect(anon.status).toBe(302);
      expect(anon.headers.get("Location")).toMatch(/^\/login/);
      expect(changedTables(before, await snapshotDatabase())).toEqual([]);
    });
  });

  it("shows a bureau's public fairs (never drafts) and groups the home page by organizer", async () => {
    const draft = await makeFair("DRAFT");
    await db().fair.update({ where: { id: draft.id }, data: { organizerId: cityA.id } });
    const res = await call(bureauPage.loader, req(`/bureaus/${cityA.slug}`), { slug: cityA.slug! });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.fairs.map((f: { slug: string }) => f.slug)).toEqual([fair.slug]);
    expect((await call(bureauPage.loader, req(`/bureaus/nope`), { slug: "nope" })).status).toBe(404);
    const homeBody = await (await call(home.loader, req("/"))).json();
    const mine = homeBody.fairs.find((f: { slug: string }) => f.slug === fair.slug);
    expect(mine.organizer).toMatchObject({ id: cityA.id, slug: cityA.slug });
  });
});

describe("bureau rollup (ADR 028)", () => {
  it("counts booths, meetings, no-shows, outcomes and each deal once per currency, city by city", async () => {
    await useTestDatabase();
    const p = await bureau("PROVINCE");
    const a = await bureau("CITY", p.id);
    const b = await bureau("CITY", p.id);
    const d = await bureau("DISTRICT", a.id);
    const [inv, invUS, exA, exB] = await Promise.all([
      makeUser("INVESTOR"),
      makeUser("INVESTOR"),
      makeUser("EXHIBITOR"),
      makeUser("EXHIBITOR"),
    ]);
    await db().organization.update({ where: { id: invUS.organizationId! }, data: { country: "US" } });
    const fairA = await makeFair();
    const fairD = await makeFair();
    const fairB = await makeFair();
    await db().fair.update({ where: { id: fairA.id }, data: { organizerId: a.id } });
    await db().fair.update({ where: { id: fairD.id }, data: { organizerId: d.id } });
    await db().fair.update({ where: { id: fairB.id }, data: { organizerId: b.id } });
    await makeBooth(fairA, exA.organizationId!, "APPROVED");
    await makeBooth(fairD, exA.organizationId!, "APPROVED");
    await makeBooth(fairB, exB.organizationId!, "APPROVED");
    await makeBooth(fairB, exA.organizationId!, "SUBMITTED"); // not approved: not counted
    const at = (day: string, h = 2) => new Date(`${day}T0${h}:00:00Z`);
    const meet = (fair: { id: string }, i: U, e: U, day: string, status: "COMPLETED" | "NO_SHOW", h = 2) =>
      makeMeeting({ fair, investor: i, exhibitor: e, startsAt: at(day, h), endsAt: at(day, h + 1), status });
    const m1 = await meet(fairA, inv, exA, "2026-12-08", "COMPLETED");
    const m2 = await meet(fairD, invUS, exA, "2026-12-09", "COMPLETED");
    await meet(fairA, invUS, exA, "2026-12-09", "NO_SHOW", 5);
    const m3 = await meet(fairB, inv, exB, "2026-12-10", "COMPLETED");
    const outcome = (
      meetingId: string,
      author: U,
      side: "INVESTOR" | "EXHIBITOR",
      result: string,
      amount: number | null,
      currency = "CNY",
    ) =>
      db().meetingOutcome.create({
        data: { meetingId, authorId: author.user.id, side, result: result as never, amount, currency, rating: 4 },
      });
    // The same deal recorded by both sides: the investor's record counts, once.
    await outcome(m1.id, inv, "INVESTOR", "INTENT_TO_INVEST", 1_000_000);
    await outcome(m1.id, exA, "EXHIBITOR", "INTENT_TO_INVEST", 2_000_000);
    await outcome(m2.id, exA, "EXHIBITOR", "LETTER_OF_INTENT", 500, "USD");
    await outcome(m3.id, inv, "INVESTOR", "LETTER_OF_INTENT", 300_000.5);

    const r = await bureauRollup(p.id, {});
    expect(r.totals).toMatchObject({ fairs: 3, booths: 3, held: 3, noShows: 1, noShowRate: 0.25, outcomes: 4 });
    expect(r.totals.money).toEqual([
      { key: "", currency: "CNY", minor: 130_000_050, deals: 2 },
      { key: "", currency: "USD", minor: 50_000, deals: 1 },
    ]);
    const cityA = r.cities.find((c) => c.bureauId === a.id)!; // A with its district D
    expect(cityA).toMatchObject({ fairs: 2, booths: 2, held: 2, noShows: 1, outcomes: 3 });
    expect(cityA.money).toEqual([
      { key: "", currency: "CNY", minor: 100_000_000, deals: 1 },
      { key: "", currency: "USD", minor: 50_000, deals: 1 },
    ]);
    expect(r.cities.find((c) => c.bureauId === b.id)).toMatchObject({ fairs: 1, booths: 1, held: 1, noShows: 0 });
    expect(r.money.country).toEqual([
      { key: "CN", currency: "CNY", minor: 130_000_050, deals: 2 },
      { key: "US", currency: "USD", minor: 50_000, deals: 1 },
    ]);
    expect(r.money.sector).toEqual([
      { key: "biomedicine", currency: "CNY", minor: 130_000_050, deals: 2 },
      { key: "biomedicine", currency: "USD", minor: 50_000, deals: 1 },
    ]);
    // A period: 8–9 December (Shanghai days) leaves out Suzhou's 10 December meeting.
    const part = await bureauRollup(p.id, { from: "2026-12-08", to: "2026-12-09" });
    expect(part.totals).toMatchObject({ held: 2, noShows: 1 });
    expect(part.totals.money.map((m) => [m.currency, m.minor])).toEqual([
      ["CNY", 100_000_000],
      ["USD", 50_000],
    ]);
    // City A's own rollup: A and D only.
    const own = await bureauRollup(a.id, {});
    expect(own.totals).toMatchObject({ fairs: 2, held: 2 });

    // The export: a member of the province downloads CSV; a member of B may not export A's rollup.
    const staffP = await makeUser("STAFF", p.id);
    const staffB = await makeUser("STAFF", b.id);
    const csv = await call(
      rollupExport.loader,
      req(`/staff/bureaus/${p.id}/export?format=csv`, { cookie: staffP.cookie }),
      { id: p.id },
    );
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("1300000.5");
    expect(text).toContain("USD");
    expect(
      (await call(rollupExport.loader, req(`/staff/bureaus/${a.id}/export`, { cookie: staffB.cookie }), { id: a.id }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(
          rollupExport.loader,
          req(`/staff/bureaus/${a.id}/export?from=2026-02-30`, { cookie: staffP.cookie }),
          { id: a.id },
        )
      ).status,
    ).toBe(400);
  });
});
