// Staff pages are scoped to the bureau that organizes the fair: staff of bureau A run fair A,
// staff of bureau B get 403 there (and change nothing), admins reach every fair, and an unknown
// fair is 404 for everyone. The staff fair list shows only the fairs one may open.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import * as boothPage from "../../app/routes/booths.$id.tsx";
import * as staffHome from "../../app/routes/staff._index.tsx";
import * as editFair from "../../app/routes/staff.fairs.$id.tsx";
import * as reviewQueue from "../../app/routes/staff.fairs.$id_.review.tsx";
import * as schedulePage from "../../app/routes/staff.fairs.$id_.schedule.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";

type User = Awaited<ReturnType<typeof makeUser>>;
type Fair = Awaited<ReturnType<typeof makeFair>>;
type Route = { loader: (args: never) => unknown; action: (args: never) => unknown };

describe("staff pages are scoped to the organizing bureau", () => {
  let fairA: Fair;
  let fairB: Fair;
  let staffA: User;
  let staffB: User;
  let admin: User;
  let boothA: { id: string };
  const UNKNOWN = "no-such-fair";

  beforeAll(async () => {
    await useTestDatabase();
    [fairA, fairB] = await Promise.all([makeFair(), makeFair()]);
    const day = new Date(Date.now() + 10 * 864e5).toISOString().slice(0, 10);
    await db().fair.update({ where: { id: fairA.id }, data: { meetingDays: [day] } });
    [staffA, staffB, admin] = await Promise.all([
      makeUser("STAFF", fairA.organizerId),
      makeUser("STAFF", fairB.organizerId),
      makeUser("ADMIN"),
    ]);
    const ex = await makeUser("EXHIBITOR");
    boothA = await makeBooth(fairA, ex.organizationId!, "SUBMITTED");
  });

  /** Everything an action on a fair could touch, serialized for before/after comparison. */
  async function snapshot(fairId: string) {
    const [fair, proposals, audits] = await Promise.all([
      db().fair.findUniqueOrThrow({
        where: { id: fairId },
        include: {
          halls: { orderBy: { id: "asc" } },
          tiers: { orderBy: { id: "asc" } },
          booths: { orderBy: { id: "asc" } },
        },
      }),
      db().scheduleProposal.findMany({ where: { fairId }, orderBy: { id: "asc" } }),
      db().auditLog.count(),
    ]);
    return JSON.stringify({ fair, proposals, audits }, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  }

  const pages: {
    name: string;
    route: Route;
    path: (id: string) => string;
    form: (n: number) => Record<string, string>;
  }[] = [
    {
      name: "fair editor",
      route: editFair,
      path: (id) => `/staff/fairs/${id}`,
      form: (n) => ({
        intent: "hall",
        slug: `hall-${n}`,
        nameZh: `展馆${n}`,
        nameEn: `Hall ${n}`,
        sector: "biomedicine",
      }),
    },
    {
      name: "review queue",
      route: reviewQueue,
      path: (id) => `/staff/fairs/${id}/review`,
      form: (n) => ({ intent: "feature", boothId: boothA.id, featured: n % 2 ? "on" : "off" }),
    },
    {
      name: "scheduler",
      route: schedulePage,
      path: (id) => `/staff/fairs/${id}/schedule`,
      form: () => ({ intent: "run" }),
    },
  ];

  describe.each(pages)("$name", ({ route, path, form }) => {
    const load = (u: User, id: string) => call(route.loader, req(path(id), { cookie: u.cookie }), { id });
    const post = (u: User, id: string, n: number) =>
      call(route.action, req(path(id), { cookie: u.cookie, form: form(n) }), { id });

    it("opens to the organizing bureau's staff and admins, 403 for another bureau's staff", async () => {
      expect((await load(staffA, fairA.id)).status).toBe(200);
      expect((await load(admin, fairA.id)).status).toBe(200);
      expect((await load(staffB, fairA.id)).status).toBe(403);
      expect((await load(staffB, fairB.id)).status).toBe(200);
    });

    it("answers 404 for an unknown fair, to staff and admins alike", async () => {
      expect((await load(staffA, UNKNOWN)).status).toBe(404);
      expect((await load(admin, UNKNOWN)).status).toBe(404);
      expect((await post(staffA, UNKNOWN, 1)).status).toBe(404);
      expect((await post(admin, UNKNOWN, 2)).status).toBe(404);
    });

    it("refuses another bureau's staff a form post (403) and changes nothing", async () => {
      const before = await snapshot(fairA.id);
      expect((await post(staffB, fairA.id, 3)).status).toBe(403);
      expect(await snapshot(fairA.id)).toBe(before);
    });

    it("lets the organizing bureau's staff and admins post (redirect back with saved=…)", async () => {
      for (const [n, u] of [
        [4, staffA],
        [5, admin],
      ] as const) {
        const before = await snapshot(fairA.id);
        const res = await post(u, fairA.id, n);
        expect(res.status).toBe(302);
        expect(res.headers.get("Location")).toContain(`${path(fairA.id)}?`);
        expect(await snapshot(fairA.id)).not.toBe(before);
        expect(await db().auditLog.count({ where: { actorId: u.user.id } })).toBeGreaterThan(0);
      }
    });
  });

  it("does not let staff act on another fair's booth or proposal through their own fair's URL", async () => {
    const before = await snapshot(fairA.id);
    const feature = await call(
      reviewQueue.action,
      req(`/staff/fairs/${fairB.id}/review`, {
        cookie: staffB.cookie,
        form: { intent: "review", boothId: boothA.id, decision: "approve" },
      }),
      { id: fairB.id },
    );
    expect(feature.status).toBe(404);
    const proposal = await db().scheduleProposal.findFirstOrThrow({ where: { fairId: fairA.id } });
    const publish = await call(
      schedulePage.action,
      req(`/staff/fairs/${fairB.id}/schedule`, { cookie: staffB.cookie, form: { intent: "publish", id: proposal.id } }),
      { id: fairB.id },
    );
    expect(publish.status).toBe(404);
    expect(await snapshot(fairA.id)).toBe(before);
  });

  it("lists only the bureau's own fairs to staff and every fair to admins", async () => {
    const ids = async (u: User) => {
      const res = await call(staffHome.loader, req("/staff", { cookie: u.cookie }));
      expect(res.status).toBe(200);
      return ((await res.json()).fairs as { id: string }[]).map((f) => f.id).sort();
    };
    expect(await ids(staffA)).toEqual([fairA.id]);
    expect(await ids(staffB)).toEqual([fairB.id]);
    expect(await ids(admin)).toEqual([fairA.id, fairB.id].sort());
    const listed = (await (await call(staffHome.loader, req("/staff", { cookie: staffA.cookie }))).json()).fairs[0];
    expect(listed).toMatchObject({ id: fairA.id, pending: 1, total: 1, approved: 0 });
    expect(listed).not.toHaveProperty("organizerId");
  });

  it("lets only the organizing bureau's staff (and admins) preview a booth that is not public, contacts included", async () => {
    const open = (u: User) =>
      call(boothPage.loader, req(`/booths/${boothA.id}`, { cookie: u.cookie }), { id: boothA.id });
    const mine = await open(staffA);
    expect(mine.status).toBe(200);
    expect(JSON.stringify(await mine.json())).toContain("zhang@booth.example.cn");
    expect((await open(admin)).status).toBe(200);
    expect((await open(staffB)).status).toBe(404);
  });
});
