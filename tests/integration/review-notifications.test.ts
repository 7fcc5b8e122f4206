// Staff decisions reach the exhibitor (issue 15, item 15): requesting changes, rejecting and approving
// each write exactly one notification per member of the exhibitor's organization — with the note or
// reason, linked to the booth builder — in the decision's transaction; a refused decision writes none.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import * as notifications from "../../app/routes/notifications.tsx";
import * as review from "../../app/routes/staff.fairs.$id_.review.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";

describe("booth review notifications", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staff: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    staff = await makeUser("STAFF", fair.organizerId);
  });

  const decide = (boothId: string, decision: string, reason = "", fairId = fair.id, cookie = staff.cookie) =>
    call(
      review.action,
      req(`/staff/fairs/${fairId}/review`, { cookie, form: { intent: "review", boothId, decision, reason } }),
      { id: fairId },
    );
  const noticesOf = (userId: string) =>
    db().notification.findMany({ where: { userId, kind: { startsWith: "booth." } }, orderBy: { createdAt: "asc" } });

  it("notifies every member of the exhibitor once per decision, with the reason, linking to the builder", async () => {
    const first = await makeUser("EXHIBITOR");
    const second = await makeUser("EXHIBITOR", first.organizationId!);
    const bystander = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, first.organizationId!, "SUBMITTED");

    const steps = [
      ["changes", "请补充项目可行性报告", "booth.changes"],
      ["reject", "不符合本届展会主题", "booth.rejected"],
      ["approve", "", "booth.approved"],
    ] as const;
    for (const [i, [decision, reason, kind]] of steps.entries()) {
      expect((await decide(booth.id, decision, reason)).status).toBe(302);
      for (const member of [first, second]) {
        const notes = await noticesOf(member.user.id);
        expect(notes).toHaveLength(i + 1);
        expect(notes.filter((n) => n.kind === kind)).toHaveLength(1);
        expect(notes.at(-1)!.data).toMatchObject({
          boothId: booth.id,
          fairSlug: fair.slug,
          nameZh: "测试展会",
          nameEn: "Test Fair",
          reason: reason || null,
        });
      }
    }
    expect(await noticesOf(bystander.user.id)).toHaveLength(0);
    expect(await noticesOf(staff.user.id)).toHaveLength(0);

    // The member's notification list has it, unread.
    const page = await (await call(notifications.loader, req("/notifications", { cookie: second.cookie }))).json();
    expect(page.items[0]).toMatchObject({ kind: "booth.approved", read: false, data: { boothId: booth.id } });
    const changes = page.items.find((n: { kind: string }) => n.kind === "booth.changes");
    expect(changes.data.reason).toBe("请补充项目可行性报告");
  });

  it("writes nothing when the decision is refused", async () => {
    const ex = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, ex.organizationId!, "SUBMITTED");
    const drafting = await makeUser("EXHIBITOR");
    const draft = await makeBooth(fair, drafting.organizationId!, "DRAFT");
    expect((await decide(booth.id, "reject", "")).status).toBe(400); // a reason is required
    expect((await decide(draft.id, "approve")).status).toBe(409); // never submitted
    const otherFair = await makeFair();
    expect((await decide(booth.id, "approve", "", otherFair.id)).status).toBe(403); // not their fair
    expect(await noticesOf(ex.user.id)).toHaveLength(0);
    expect(await noticesOf(drafting.user.id)).toHaveLength(0);
  });
});
