// Meeting requests and double-booking prevention on a real Postgres (exclusion constraint).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { fairSlots } from "../../app/domain/meetings/slots.ts";
import { acceptRequest, declineRequest } from "../../app/domain/meetings/booking.server.ts";
import { cancelMeeting } from "../../app/domain/meetings/changes.server.ts";
import { requestMeeting } from "../../app/domain/meetings/requests.server.ts";
import { getUser } from "../../app/auth/session.server.ts";
import { DomainError } from "../../app/lib/errors.ts";
import { useTestDatabase } from "../harness/db.ts";
import * as meetingsRoute from "../../app/routes/meetings.tsx";
import { call, makeFair, makeUser, req } from "../harness/factories.ts";

const sessionUser = async (u: { cookie: string }) => (await getUser(req("/", { cookie: u.cookie })))!;

describe("meetings", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let slots: { startsAt: Date; endsAt: Date }[];
  let exhibitor: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    const day = new Date(Date.now() + 14 * 864e5).toISOString().slice(0, 10);
    await db().fair.update({
      where: { id: fair.id },
      data: {
        meetingDays: [day],
        sessionStart: "09:00",
        sessionEnd: "12:00",
        slotMinutes: 20,
        timeZone: "Asia/Shanghai",
      },
    });
    slots = fairSlots({
      meetingDays: [day],
      sessionStart: "09:00",
      sessionEnd: "12:00",
      slotMinutes: 20,
      timeZone: "Asia/Shanghai",
    });
    exhibitor = await makeUser("EXHIBITOR");
  });

  it("cuts the fair's sessions into slots in its time zone", () => {
    expect(slots).toHaveLength(9);
    expect(slots[0].startsAt.toISOString()).toMatch(/T01:00:00\.000Z$/); // 09:00 in Shanghai
    expect(slots[8].endsAt.toISOString()).toMatch(/T04:00:00\.000Z$/);
  });

  it("lets exactly one of 200 concurrent conflicting bookings win; the rest hear 'slot just taken'", async () => {
    const me = await sessionUser(exhibitor);
    const investors = await Promise.all(Array.from({ length: 200 }, () => makeUser("INVESTOR")));
    const requests = [];
    for (const inv of investors) {
      requests.push(
        await requestMeeting(await sessionUser(inv), fair.id, {
          toOrgId: exhibitor.organizationId!,
          message: "",
          slots: [slots[0].startsAt.toISOString()],
        }),
      );
    }
    const withSlots = await db().meetingRequest.findMany({
      where: { id: { in: requests.map((r) => r.id) } },
      include: { slots: true },
    });
    const outcomes = await Promise.allSettled(withSlots.map((r) => acceptRequest(me, r.id, r.slots[0].id)));
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(199);
    for (const l of lost) {
      expect(l.reason).toBeInstanceOf(DomainError);
      expect((l.reason as DomainError).key).toBe("meetings.error.slotTaken");
    }
    expect(await db().meeting.count({ where: { fairId: fair.id } })).toBe(1);
    expect(
      await db().meetingRequest.count({ where: { id: { in: requests.map((r) => r.id) }, status: "PENDING" } }),
    ).toBe(199); // losers stay answerable
  }, 120_000);

  it("frees the slot when the meeting is cancelled, and refuses outsiders", async () => {
    const me = await sessionUser(exhibitor);
    const meeting = await db().meeting.findFirstOrThrow({ where: { fairId: fair.id, status: "SCHEDULED" } });
    const outsider = await sessionUser(await makeUser("INVESTOR"));
    await expect(cancelMeeting(outsider, meeting.id, "x")).rejects.toMatchObject({ status: 403 });
    await cancelMeeting(me, meeting.id, "行程冲突");
    expect(await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } })).toMatchObject({
      status: "CANCELLED",
      sequence: 1,
    });
    const pending = await db().meetingRequest.findFirstOrThrow({
      where: { toOrgId: exhibitor.organizationId!, status: "PENDING" },
      include: { slots: true },
    });
    await expect(acceptRequest(me, pending.id, pending.slots[0].id)).resolves.toMatchObject({ status: "SCHEDULED" });
  });

  it("validates requests: counterpart kind, slots on the grid, at most 3, declines with a reason", async () => {
    const inv = await sessionUser(await makeUser("INVESTOR"));
    const otherInvestor = await makeUser("INVESTOR");
    await expect(
      requestMeeting(inv, fair.id, {
        toOrgId: otherInvestor.organizationId!,
        message: "",
        slots: [slots[1].startsAt.toISOString()],
      }),
    ).rejects.toMatchObject({ key: "meetings.error.badCounterpart" });
    await expect(
      requestMeeting(inv, fair.id, {
        toOrgId: exhibitor.organizationId!,
        message: "",
        slots: ["2026-12-08T01:07:00.000Z"],
      }),
    ).rejects.toMatchObject({ key: "meetings.error.badSlot" });
    const r = await requestMeeting(inv, fair.id, {
      toOrgId: exhibitor.organizationId!,
      message: "想了解产能规划",
      slots: slots.slice(2, 5).map((s) => s.startsAt.toISOString()),
    });
    expect(await db().proposedSlot.count({ where: { requestId: r.id } })).toBe(3);
    await declineRequest(await sessionUser(exhibitor), r.id, "本周已排满");
    expect(await db().meetingRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({
      status: "DECLINED",
      declineReason: "本周已排满",
    });
    await expect(declineRequest(inv, r.id, "")).rejects.toMatchObject({ status: 403 });
  });

  it("lets only the invited organization accept: anyone else, the requester too, gets 403 and books nothing", async () => {
    const investor = await makeUser("INVESTOR");
    const r = await requestMeeting(await sessionUser(investor), fair.id, {
      toOrgId: exhibitor.organizationId!,
      message: "",
      slots: [slots[6].startsAt.toISOString()],
    });
    const [slot] = await db().proposedSlot.findMany({ where: { requestId: r.id } });
    const meetingsBefore = await db().meeting.count({ where: { fairId: fair.id } });
    const others = [
      investor, // the requester itself
      await makeUser("INVESTOR", investor.organizationId!), // a colleague on the requesting side
      await makeUser("INVESTOR"),
      await makeUser("EXHIBITOR"),
      await makeUser("VISITOR"),
      await makeUser("STAFF"),
      await makeUser("ADMIN"),
    ];
    for (const u of others) {
      await expect(acceptRequest(await sessionUser(u), r.id, slot.id)).rejects.toMatchObject({ status: 403 });
      const res = await call(
        meetingsRoute.action,
        req("/meetings", { cookie: u.cookie, form: { intent: "accept", id: r.id, slotId: slot.id } }),
      );
      expect(res.status).toBe(403);
    }
    expect(await db().meeting.count({ where: { fairId: fair.id } })).toBe(meetingsBefore);
    expect(await db().meetingParticipant.count({ where: { userId: investor.user.id } })).toBe(0);
    expect(await db().notification.count({ where: { userId: investor.user.id, kind: "meeting.accepted" } })).toBe(0);
    expect((await db().meetingRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("PENDING");
    // The invited exhibitor still can.
    await expect(acceptRequest(await sessionUser(exhibitor), r.id, slot.id)).resolves.toMatchObject({
      status: "SCHEDULED",
    });
  });
});
