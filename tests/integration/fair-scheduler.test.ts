// Staff auto-scheduling: pending requests → conflict-free proposal → published meetings.
import { beforeAll, describe, expect, it } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { fairSlots } from "../../app/domain/meetings/slots.ts";
import { requestMeeting } from "../../app/domain/meetings/requests.server.ts";
import * as schedule from "../../app/routes/staff.fairs.$id_.schedule.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeFair, makeUser, req } from "../harness/factories.ts";

describe("fair auto-scheduling", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staff: Awaited<ReturnType<typeof makeUser>>;
  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    const day = new Date(Date.now() + 10 * 864e5).toISOString().slice(0, 10);
    await db().fair.update({
      where: { id: fair.id },
      data: { meetingDays: [day], sessionStart: "09:00", sessionEnd: "10:00", slotMinutes: 20 },
    });
    staff = await makeUser("STAFF", fair.organizerId); // staff of the bureau organizing the fair
    const slots = fairSlots({
      meetingDays: [day],
      sessionStart: "09:00",
      sessionEnd: "10:00",
      slotMinutes: 20,
      timeZone: "Asia/Shanghai",
    });
    const exhibitors = await Promise.all([makeUser("EXHIBITOR"), makeUser("EXHIBITOR")]);
    // 4 investors all want exhibitor 0 in the first two slots; two also want exhibitor 1. 3 slots exist.
    for (let i = 0; i < 4; i++) {
      const inv = await makeUser("INVESTOR");
      const u = (await getUser(req("/", { cookie: inv.cookie })))!;
      await requestMeeting(u, fair.id, {
        toOrgId: exhibitors[0].organizationId!,
        message: "",
        slots: slots.slice(0, 2).map((s) => s.startsAt.toISOString()),
      });
      if (i < 2)
        await requestMeeting(u, fair.id, {
          toOrgId: exhibitors[1].organizationId!,
          message: "",
          slots: slots.map((s) => s.startsAt.toISOString()),
        });
    }
  });

  it("is for staff only", async () => {
    const ex = await makeUser("EXHIBITOR");
    expect(
      (
        await call(
          schedule.action,
          req(`/staff/fairs/${fair.id}/schedule`, { cookie: ex.cookie, form: { intent: "run" } }),
          { id: fair.id },
        )
      ).status,
    ).toBe(403);
  });

  it("proposes a schedule with nobody in two places at once, then books it on publish", async () => {
    expect(
      (
        await call(
          schedule.action,
          req(`/staff/fairs/${fair.id}/schedule`, { cookie: staff.cookie, form: { intent: "run" } }),
          { id: fair.id },
        )
      ).status,
    ).toBe(302);
    const page = await (
      await call(schedule.loader, req(`/staff/fairs/${fair.id}/schedule`, { cookie: staff.cookie }), { id: fair.id })
    ).json();
    const p = page.proposal;
    expect(p.stats.requests).toBe(6);
    // A requester is free in every slot they proposed in any request. Investors 2 and 3 fill
    // exhibitor 0's first two slots, investor 0 or 1 its third; exhibitor 1 takes both of its
    // requests around that: 5 of 6 is the optimum, the 6th loses on a conflict.
    expect(p.stats.scheduled).toBe(5);
    expect(p.unscheduled.map((u: { reason: string }) => u.reason)).toEqual(["conflict"]);
    const proposal = await db().scheduleProposal.findUniqueOrThrow({ where: { id: p.id } });
    const res = await call(
      schedule.action,
      req(`/staff/fairs/${fair.id}/schedule`, { cookie: staff.cookie, form: { intent: "publish", id: proposal.id } }),
      { id: fair.id },
    );
    expect((await res.json()).published).toEqual({ booked: 5, failed: 0 });
    expect(await db().meeting.count({ where: { fairId: fair.id, status: "SCHEDULED" } })).toBe(5);
    // No person double-booked (the database would refuse it anyway).
    const parts = await db().meetingParticipant.findMany({ where: { meeting: { fairId: fair.id }, active: true } });
    const keys = parts.map((x) => `${x.userId}|${x.startsAt.toISOString()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await db().notification.count({ where: { kind: { in: ["meeting.accepted", "meeting.scheduled"] } } })).toBe(
      10,
    );
    const again = await call(
      schedule.action,
      req(`/staff/fairs/${fair.id}/schedule`, { cookie: staff.cookie, form: { intent: "publish", id: proposal.id } }),
      { id: fair.id },
    );
    expect(again.status).toBe(409);
  });
});
