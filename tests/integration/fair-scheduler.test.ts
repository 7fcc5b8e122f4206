// Staff auto-scheduling: pending requests → conflict-free proposal → published meetings.
import { beforeAll, describe, expect, it } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { acceptRequest } from "../../app/domain/meetings/booking.server.ts";
import { proposeSchedule, publishProposal } from "../../app/domain/meetings/fair-scheduler.server.ts";
import { fairSlots } from "../../app/domain/meetings/slots.ts";
import { requestMeeting } from "../../app/domain/meetings/requests.server.ts";
import { DomainError } from "../../app/lib/errors.ts";
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

describe("publishing a schedule", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let slots: string[];
  const me = async (u: { cookie: string }) => (await getUser(req("/", { cookie: u.cookie })))!;
  // Realtime pushes, each with whether its notification row was visible to another connection
  // when it was pushed (it must be: publish comes after commit).
  const pushed: { userId: string; kind: string; committed: Promise<boolean> }[] = [];
  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    const day = new Date(Date.now() + 12 * 864e5).toISOString().slice(0, 10);
    await db().fair.update({
      where: { id: fair.id },
      data: { meetingDays: [day], sessionStart: "09:00", sessionEnd: "10:00", slotMinutes: 20 },
    });
    slots = fairSlots({
      meetingDays: [day],
      sessionStart: "09:00",
      sessionEnd: "10:00",
      slotMinutes: 20,
      timeZone: fair.timeZone,
    }).map((s) => s.startsAt.toISOString());
    globalThis.__cloudfairRealtime = {
      toUser: (userId, _event, payload) => {
        const { id, kind } = payload as { id: string; kind: string };
        pushed.push({
          userId,
          kind,
          committed: db()
            .notification.findUnique({ where: { id } })
            .then((n) => !!n),
        });
      },
      disconnect: () => {},
    };
    return () => {
      globalThis.__cloudfairRealtime = undefined;
    };
  });

  /** Two investors ask one new exhibitor for any slot; staff propose a schedule for the fair. */
  async function proposal() {
    const exhibitor = await makeUser("EXHIBITOR");
    const investors = [await makeUser("INVESTOR"), await makeUser("INVESTOR")];
    for (const inv of investors)
      await requestMeeting(await me(inv), fair.id, { toOrgId: exhibitor.organizationId!, message: "", slots });
    const staff = await me(await makeUser("STAFF", fair.organizerId));
    const p = await proposeSchedule(staff, fair.id);
    expect(p.stats).toMatchObject({ requests: 2, scheduled: 2 });
    pushed.length = 0; // the requests' own notifications
    return { staff, exhibitor, investors, p, assignments: p.assignments as { requestId: string; startsAt: string }[] };
  }

  it("books each meeting and writes both sides' notifications in one transaction: a failed write books nothing and is not swallowed", async () => {
    const { staff, exhibitor, investors, p } = await proposal();
    // Any error in the notification write, here the "scheduled" notice to the exhibitor.
    await db().$executeRawUnsafe(`CREATE FUNCTION test_refuse_scheduled() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.kind = 'meeting.scheduled' THEN RAISE EXCEPTION 'notification store unavailable'; END IF;
      RETURN NEW; END $$`);
    await db().$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_scheduled BEFORE INSERT ON "Notification" FOR EACH ROW EXECUTE FUNCTION test_refuse_scheduled()`,
    );
    const failure = await publishProposal(staff, fair.id, p.id).then(
      (result) => result,
      (err: unknown) => err,
    );
    await db().$executeRawUnsafe(`DROP TRIGGER test_refuse_scheduled ON "Notification"`);
    await db().$executeRawUnsafe(`DROP FUNCTION test_refuse_scheduled()`);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(DomainError);
    // Nothing half-done: no meeting, no "accepted" notice, requests still pending, proposal still a draft.
    expect(await db().meeting.count({ where: { fairId: fair.id } })).toBe(0);
    const requests = await db().meetingRequest.findMany({ where: { toOrgId: exhibitor.organizationId! } });
    expect(requests.map((r) => r.status)).toEqual(["PENDING", "PENDING"]);
    expect(await db().notification.count({ where: { kind: "meeting.accepted" } })).toBe(0);
    expect((await db().scheduleProposal.findUniqueOrThrow({ where: { id: p.id } })).status).toBe("DRAFT");
    expect(pushed).toHaveLength(0);

    // Once notifications can be written, the same proposal publishes.
    expect(await publishProposal(staff, fair.id, p.id)).toEqual({ booked: 2, failed: 0 });
    const meetings = await db().meeting.findMany({ where: { fairId: fair.id }, include: { participants: true } });
    expect(meetings).toHaveLength(2);
    for (const m of meetings) {
      const told = await db().notification.findMany({
        where: { data: { path: ["meetingId"], equals: m.id } },
        orderBy: { kind: "asc" },
      });
      const requester = m.participants.find((x) => x.userId !== exhibitor.user.id)!.userId;
      expect(told.map((n) => [n.kind, n.userId])).toEqual([
        ["meeting.accepted", requester],
        ["meeting.scheduled", exhibitor.user.id],
      ]);
    }
    expect(meetings.flatMap((m) => m.participants.map((x) => x.userId)).sort()).toEqual(
      [exhibitor.user.id, exhibitor.user.id, ...investors.map((i) => i.user.id)].sort(),
    );
    expect(pushed.map((x) => [x.kind, x.userId]).sort()).toEqual(
      [
        ...investors.map((i) => ["meeting.accepted", i.user.id]),
        ["meeting.scheduled", exhibitor.user.id],
        ["meeting.scheduled", exhibitor.user.id],
      ].sort(),
    );
    expect(await Promise.all(pushed.map((x) => x.committed))).toEqual([true, true, true, true]);
  });

  it("counts a meeting whose slot was taken meanwhile as not booked, leaves its request pending, books the rest", async () => {
    const { staff, investors, assignments, p } = await proposal();
    // Before staff publish, the first investor books its proposed slot with someone else.
    const first = assignments[0];
    const firstReq = await db().meetingRequest.findUniqueOrThrow({ where: { id: first.requestId } });
    const busy = investors.find((i) => i.user.id === firstReq.fromUserId)!;
    const other = await makeUser("EXHIBITOR");
    const elsewhere = await requestMeeting(await me(busy), fair.id, {
      toOrgId: other.organizationId!,
      message: "",
      slots: [first.startsAt],
    });
    const otherSlot = await db().proposedSlot.findFirstOrThrow({ where: { requestId: elsewhere.id } });
    await acceptRequest(await me(other), elsewhere.id, otherSlot.id);

    expect(await publishProposal(staff, fair.id, p.id)).toEqual({ booked: 1, failed: 1 });
    expect((await db().meetingRequest.findUniqueOrThrow({ where: { id: first.requestId } })).status).toBe("PENDING");
    const others = assignments.filter((a) => a !== first).map((a) => a.requestId);
    expect((await db().meetingRequest.findMany({ where: { id: { in: others } } })).map((r) => r.status)).toEqual([
      "ACCEPTED",
    ]);
    expect(await Promise.all(pushed.map((x) => x.committed))).not.toContain(false);
  });

  it("publishes a proposal once when two staff press publish at the same time", async () => {
    // The request left pending by the test before is withdrawn, so the fair holds only this pair.
    await db().meetingRequest.updateMany({
      where: { fairId: fair.id, status: "PENDING" },
      data: { status: "CANCELLED" },
    });
    const { staff, p } = await proposal();
    const other = await me(await makeUser("STAFF", fair.organizerId));
    const results = await Promise.all(
      [staff, other].map((who) =>
        publishProposal(who, fair.id, p.id).then(
          (r) => r,
          (err: unknown) => err,
        ),
      ),
    );
    const won = results.filter((r) => !(r instanceof Error));
    const refused = results.filter((r) => r instanceof DomainError);
    expect(won).toEqual([{ booked: 2, failed: 0 }]);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ key: "schedule.error.published", status: 409 });
    expect(
      await db().auditLog.count({ where: { action: "schedule.publish", after: { path: ["proposal"], equals: p.id } } }),
    ).toBe(1);
    expect((await db().scheduleProposal.findUniqueOrThrow({ where: { id: p.id } })).status).toBe("PUBLISHED");
  });
});
