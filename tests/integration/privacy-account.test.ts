// The account page (ADR 022): only for the signed-in person; correcting the name is logged;
// hostile input of every kind is a localized 4xx, never a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import * as accountPage from "../../app/routes/account._index.tsx";
import * as deletedPage from "../../app/routes/account.deleted.tsx";
import * as privacyPage from "../../app/routes/privacy.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeUser, req } from "../harness/factories.ts";

const zh = serverTranslator("zh-CN");

describe("my account", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("needs a signed-in user; the privacy notice does not", async () => {
    const res = await call(accountPage.loader, req("/account"));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?next=%2Faccount");
    expect((await call(accountPage.action, req("/account", { form: { intent: "name", name: "x" } }))).status).toBe(302);
    expect((await call(privacyPage.loader, req("/privacy"))).status).toBe(200);
  });

  it("shows the person's own details and lets them correct their name (audit-logged)", async () => {
    const u = await makeUser("INVESTOR");
    const page = await (await call(accountPage.loader, req("/account", { cookie: u.cookie }))).json();
    expect(page.account).toMatchObject({ email: u.email, name: u.user.name });
    expect(page.account.memberships).toEqual([expect.objectContaining({ role: "INVESTOR", id: u.organizationId })]);
    const res = await call(
      accountPage.action,
      req("/account", { cookie: u.cookie, form: { intent: "name", name: "  王小明  " } }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account?saved=name");
    expect((await db().user.findUniqueOrThrow({ where: { id: u.user.id } })).name).toBe("王小明");
    expect(await db().auditLog.count({ where: { action: "user.rename", actorId: u.user.id } })).toBe(1);
  });

  it("answers hostile input with a localized 400", async () => {
    const u = await makeUser("VISITOR");
    const post = (form: Record<string, string>) =>
      call(accountPage.action, req("/account", { cookie: u.cookie, form }));
    const cases: [Record<string, string>, string, string][] = [
      [{ intent: "name", name: "" }, "name", zh("error.required")],
      [{ intent: "name", name: "x".repeat(100_000) }, "name", zh("error.tooLong")],
      [{ intent: "name", name: "a\u0000b" }, "name", ""],
      [{ intent: "nope" }, "", zh("error.invalidChoice")],
      [{ intent: "delete", password: "", confirm: "on" }, "password", zh("error.required")],
      [{ intent: "delete", password: "x", confirm: "yes" }, "confirm", zh("privacy.delete.error.confirm")],
    ];
    for (const [form, field, message] of cases) {
      const res = await post(form);
      expect(res.status, JSON.stringify(form).slice(0, 80)).toBe(400);
      const body = await res.json();
      if (field && message) expect(body.errors[field]).toBe(message);
      if (!field) expect(body.formError).toBe(message);
    }
    // A field sent twice.
    const twice = new URLSearchParams([
      ["intent", "name"],
      ["name", "a"],
      ["name", "b"],
    ]);
    const res = await call(
      accountPage.action,
      new Request("http://localhost/account", { method: "POST", headers: { Cookie: u.cookie }, body: twice }),
    );
    expect(res.status).toBe(400);
    expect((await db().user.findUniqueOrThrow({ where: { id: u.user.id } })).name).toBe(u.user.name);
  });

  it("after deletion, the goodbye page shows a date only when it is one", async () => {
    const ok = await (await call(deletedPage.loader, req("/account/deleted?on=2026-12-17T04:00:00.000Z"))).json();
    expect(ok.on).toBe("2026-12-17T04:00:00.000Z");
    for (const q of ["?on=garbage", "?on=" + "9".repeat(5000), "", "?on=2026-12-17&on=2026-12-18"])
      expect((await (await call(deletedPage.loader, req(`/account/deleted${q}`))).json()).on).toMatch(/^(|2026-.*)$/);
  });
});
