// Every loader/action checks who is asking. Cross-tenant cases: exhibitor A vs B, investor vs
// booth, exhibitor vs staff pages, anonymous vs dashboards.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import * as adminRoute from "../../app/routes/admin._index.tsx";
import * as boothRoute from "../../app/routes/booths.$id.tsx";
import * as boothEdit from "../../app/routes/booths.$id_.edit.tsx";
import * as dashboard from "../../app/routes/dashboard.tsx";
import * as staffRoute from "../../app/routes/staff._index.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";

// Field errors come back already translated (ADR 018).
const inZh = serverTranslator("zh-CN");

describe("authorization", () => {
  let exhibitorA: Awaited<ReturnType<typeof makeUser>>;
  let exhibitorB: Awaited<ReturnType<typeof makeUser>>;
  let investor: Awaited<ReturnType<typeof makeUser>>;
  let staff: Awaited<ReturnType<typeof makeUser>>;
  let admin: Awaited<ReturnType<typeof makeUser>>;
  let boothA: { id: string };
  let draftB: { id: string };

  beforeAll(async () => {
    await useTestDatabase();
    [exhibitorA, exhibitorB, investor, staff, admin] = await Promise.all([
      makeUser("EXHIBITOR"),
      makeUser("EXHIBITOR"),
      makeUser("INVESTOR"),
      makeUser("STAFF"),
      makeUser("ADMIN"),
    ]);
    const fair = await makeFair();
    boothA = await makeBooth(fair, exhibitorA.organizationId!, "APPROVED");
    draftB = await makeBooth(fair, exhibitorB.organizationId!, "DRAFT");
  });

  it("sends anonymous visitors of private pages to login, keeping where they wanted to go", async () => {
    for (const [fn, path] of [
      [dashboard.loader, "/dashboard"],
      [staffRoute.loader, "/staff"],
      [boothEdit.loader, `/booths/${boothA.id}/edit`],
    ] as const) {
      const res = await call(fn, req(path), { id: boothA.id });
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("refuses staff pages to exhibitors and investors (403) and opens them to staff and admins", async () => {
    expect((await call(staffRoute.loader, req("/staff", { cookie: exhibitorA.cookie }))).status).toBe(403);
    expect((await call(staffRoute.loader, req("/staff", { cookie: investor.cookie }))).status).toBe(403);
    expect((await call(staffRoute.loader, req("/staff", { cookie: staff.cookie }))).status).toBe(200);
    expect((await call(staffRoute.loader, req("/staff", { cookie: admin.cookie }))).status).toBe(200);
  });

  it("lets only admins open the admin page or create staff accounts", async () => {
    expect((await call(adminRoute.loader, req("/admin", { cookie: staff.cookie }))).status).toBe(403);
    // A staff account joins the bureau named (ADR 028: no longer the oldest bureau).
    const bureauId = staff.organizationId!;
    const form = {
      name: "新同事",
      email: "new.staff@test.cloudfair.cn",
      password: "long-enough-1",
      role: "STAFF",
      bureauId,
    };
    expect((await call(adminRoute.action, req("/admin", { cookie: staff.cookie, form }))).status).toBe(403);
    expect(await db().user.count({ where: { email: form.email } })).toBe(0);
    expect((await call(adminRoute.action, req("/admin", { cookie: admin.cookie, form }))).status).toBe(200);
    const created = await db().user.findUnique({ where: { email: form.email }, include: { memberships: true } });
    expect(created?.memberships.map((m) => m.role)).toEqual(["STAFF"]);
    expect(created?.memberships.map((m) => m.organizationId)).toEqual([bureauId]);
    expect(
      await db().auditLog.count({ where: { action: "user.create", entityId: created!.id, actorId: admin.user.id } }),
    ).toBe(1);
  });

  it("refuses an investor editing a booth, by page and by form post, and changes nothing", async () => {
    expect(
      (await call(boothEdit.loader, req(`/booths/${boothA.id}/edit`, { cookie: investor.cookie }), { id: boothA.id }))
        .status,
    ).toBe(403);
    const res = await call(
      boothEdit.action,
      req(`/booths/${boothA.id}/edit`, {
        cookie: investor.cookie,
        form: { intent: "details", descriptionZh: "篡改", descriptionEn: "hacked" },
      }),
      { id: boothA.id },
    );
    expect(res.status).toBe(403);
    expect((await db().booth.findUnique({ where: { id: boothA.id } }))?.descriptionZh).toBe("原始介绍");
  });

  it("keeps exhibitor B out of exhibitor A's booth and A's draft-free view of B's draft", async () => {
    const post = await call(
      boothEdit.action,
      req(`/booths/${boothA.id}/edit`, {
        cookie: exhibitorB.cookie,
        form: { intent: "details", descriptionZh: "B 改 A", descriptionEn: "B edits A" },
      }),
      { id: boothA.id },
    );
    expect(post.status).toBe(403);
    expect((await db().booth.findUnique({ where: { id: boothA.id } }))?.descriptionEn).toBe("Original");
    // B's draft booth does not exist for A or for anonymous visitors (404, not 403: no leak).
    expect(
      (await call(boothRoute.loader, req(`/booths/${draftB.id}`, { cookie: exhibitorA.cookie }), { id: draftB.id }))
        .status,
    ).toBe(404);
    expect((await call(boothRoute.loader, req(`/booths/${draftB.id}`), { id: draftB.id })).status).toBe(404);
    expect(
      (await call(boothRoute.loader, req(`/booths/${draftB.id}`, { cookie: exhibitorB.cookie }), { id: draftB.id }))
        .status,
    ).toBe(200);
  });

  it("lets the owning exhibitor edit their booth, with an audit row of before and after", async () => {
    const res = await call(
      boothEdit.action,
      req(`/booths/${boothA.id}/edit`, {
        cookie: exhibitorA.cookie,
        form: { intent: "details", descriptionZh: "新介绍", descriptionEn: "New text" },
      }),
      { id: boothA.id },
    );
    expect(res.status).toBe(302);
    expect((await db().booth.findUnique({ where: { id: boothA.id } }))?.descriptionZh).toBe("新介绍");
    const log = await db().auditLog.findFirst({ where: { entityId: boothA.id, action: "booth.details" } });
    expect(log?.before).toMatchObject({ descriptionZh: "原始介绍" });
    expect(log?.after).toMatchObject({ descriptionZh: "新介绍" });
  });

  it("rejects over-long input with a localized field error and keeps the text", async () => {
    const long = "长".repeat(4001);
    const res = await call(
      boothEdit.action,
      req(`/booths/${boothA.id}/edit`, {
        cookie: exhibitorA.cookie,
        form: { intent: "details", descriptionZh: long, descriptionEn: "ok" },
      }),
      { id: boothA.id },
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.descriptionZh).toBe(inZh("error.tooLong"));
    expect(body.values.descriptionZh).toBe(long);
  });
});
