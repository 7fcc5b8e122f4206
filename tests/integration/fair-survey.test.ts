// The post-fair survey: only the fair's exhibitors and investors who met during it may answer;
// one answer per person, editable; errors come back localized with what was typed.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { dashboardCatalog } from "../../app/i18n/catalog/dashboard.ts";
import * as dashboard from "../../app/routes/dashboard.tsx";
import * as survey from "../../app/routes/fairs.$slug_.survey.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req, makeMeeting } from "../harness/factories.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";

// Field errors come back already translated (ADR 018).
const inZh = serverTranslator("zh-CN");

type User = Awaited<ReturnType<typeof makeUser>>;

describe("post-fair survey", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let exhibitor: User, investor: User, bystander: User, visitor: User, pendingExhibitor: User;
  const path = () => `/fairs/${fair.slug}/survey`;
  const post = (u: User, form: Record<string, string>, cookie = u.cookie) =>
    call(survey.action, req(path(), { cookie, form }), { slug: fair.slug });
  const page = async (u: User) => {
    const res = await call(survey.loader, req(path(), { cookie: u.cookie }), { slug: fair.slug });
    return {
      status: res.status,
      body: (await res.json()) as {
        state: string;
        answer: { nps: number; satisfaction: number; comment: string } | null;
      },
    };
  };

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    [exhibitor, investor, bystander, visitor, pendingExhibitor] = await Promise.all([
      makeUser("EXHIBITOR"),
      makeUser("INVESTOR"),
      makeUser("INVESTOR"),
      makeUser("VISITOR"),
      makeUser("EXHIBITOR"),
    ]);
    await makeBooth(fair, exhibitor.organizationId!);
    await makeBooth(fair, pendingExhibitor.organizationId!, "SUBMITTED");
    const startsAt = new Date("2026-12-08T02:00:00Z");
    const endsAt = new Date("2026-12-08T02:20:00Z");
    await makeMeeting({ fair, investor, exhibitor, startsAt, endsAt, status: "COMPLETED" });
  });

  it("opens when the fair starts, only to its exhibitors and to investors who met there", async () => {
    expect((await page(exhibitor)).body.state).toBe("not-open"); // the fair starts on 2026-12-08
    expect((await post(exhibitor, { nps: "9", satisfaction: "4" })).status).toBe(409);
    await db().fair.update({ where: { id: fair.id }, data: { status: "LIVE" } });
    expect((await page(exhibitor)).body).toMatchObject({ state: "open", answer: null });
    expect((await page(investor)).body.state).toBe("open");
    for (const u of [bystander, visitor, pendingExhibitor]) {
      expect(await page(u)).toMatchObject({ status: 403, body: { state: "not-eligible" } });
      expect((await post(u, { nps: "9", satisfaction: "4" })).status).toBe(403);
    }
    expect(await db().fairSurvey.count()).toBe(0);
  });

  it("rejects out-of-range answers with localized messages and keeps what was typed", async () => {
    const res = await post(investor, { nps: "11", satisfaction: "0", comment: "很好" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      errors: Record<string, string>;
      values: Record<string, string>;
      formError: string;
    };
    expect(body.errors).toEqual({ nps: inZh("survey.error.nps"), satisfaction: inZh("survey.error.satisfaction") });
    expect(body.values.comment).toBe("很好");
    expect(body.formError).toBe("请检查标出的项目。");
    expect(dashboardCatalog.en["survey.error.nps"]).toBe("Choose a score from 0 to 10.");
    await db().user.update({ where: { id: investor.user.id }, data: { locale: "en" } });
    const en = (await (await post(investor, { satisfaction: "3" })).json()) as {
      errors: Record<string, string>;
      formError: string;
    };
    expect(en).toMatchObject({
      errors: { nps: "Choose a score from 0 to 10." },
      formError: "Please check the highlighted fields.",
    });
    await db().user.update({ where: { id: investor.user.id }, data: { locale: "zh-CN" } });
  });

  it("keeps one answer per person, which they can change", async () => {
    const pending = async (u: User) =>
      (
        (await (await call(dashboard.loader, req("/dashboard", { cookie: u.cookie }))).json()) as {
          surveys: { slug: string }[];
        }
      ).surveys;
    expect(await pending(investor)).toEqual([expect.objectContaining({ slug: fair.slug })]);
    expect(await pending(bystander)).toEqual([]);
    expect((await post(investor, { nps: "6", satisfaction: "3", comment: "时段太少" })).status).toBe(200);
    expect((await post(investor, { nps: "9", satisfaction: "5", comment: "" })).status).toBe(200);
    const rows = await db().fairSurvey.findMany({ where: { fairId: fair.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: investor.user.id, role: "INVESTOR", nps: 9, satisfaction: 5, comment: "" });
    expect((await page(investor)).body.answer).toEqual(expect.objectContaining({ nps: 9, satisfaction: 5 }));
    expect(await pending(investor)).toEqual([]); // answered: no longer offered on the dashboard
    await post(exhibitor, { nps: "10", satisfaction: "5" });
    expect((await db().fairSurvey.findFirstOrThrow({ where: { userId: exhibitor.user.id } })).role).toBe("EXHIBITOR");
  });

  it("closing the fair invites exactly its exhibitors and the investors who met there", async () => {
    const staff = await makeUser("STAFF", fair.organizerId);
    const { getUser } = await import("../../app/auth/session.server.ts");
    const { setFairStatus } = await import("../../app/domain/fairs/fair-admin.server.ts");
    const current = (await db().fair.findUniqueOrThrow({ where: { id: fair.id } })).status;
    if (current === "PUBLISHED") await db().fair.update({ where: { id: fair.id }, data: { status: "LIVE" } });
    await setFairStatus((await getUser(req("/", { cookie: staff.cookie })))!, fair.id, "CLOSED");
    const invited = await db().notification.findMany({
      where: { kind: "fair.survey" },
      select: { userId: true, data: true },
    });
    expect(invited.map((n) => n.userId).sort()).toEqual([exhibitor.user.id, investor.user.id].sort());
    expect(invited[0].data).toMatchObject({ fairSlug: fair.slug });
  });
});
