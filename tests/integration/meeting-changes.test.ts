// Rescheduling, counter-proposals and personal availability.
import { beforeAll, describe, expect, it } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { getAvailability, saveAvailability } from "../../app/domain/meetings/availability.server.ts";
import { proposeSchedule } from "../../app/domain/meetings/fair-scheduler.server.ts";
import { fairSlots } from "../../app/domain/meetings/slots.ts";
import { acceptRequest } from "../../app/domain/meetings/booking.server.ts";
import { counterPropose, rescheduleMeeting } from "../../app/domain/meetings/changes.server.ts";
import { requestMeeting } from "../../app/domain/meetings/requests.server.ts";
import { meetingIcs } from "../../app/domain/meetings/calendar.server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";
import * as invite from "../../app/routes/meetings_.invite.$investorOrgId.tsx";

describe("meeting changes and availability", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let slots: { startsAt: Date }[];
  const me = async (u: { cookie: string }) => (await getUser(req("/", { cookie: u.cookie })))!;
  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    const day = new Date(Date.now() + 9 * 864e5).toISOString().slice(0, 10);
    await db().fair.update({
      where: { id: fair.id },
      data: { meetingDays: [day], sessionStart: "09:00", sessionEnd: "11:00", slotMinutes: 20 },
    });
    slots = fairSlots({
      meetingDays: [day],
      sessionStart: "09:00",
      sessionEnd: "11:00",
      slotMinutes: 20,
      timeZone: "Asia/Shanghai",
    });
  });

  async function meetingBetween(
    inv: Awaited<ReturnType<typeof makeUser>>,
    ex: Awaited<ReturnType<typeof makeUser>>,
    slot: number,
  ) {
    const r = await requestMeeting(await me(inv), fair.id, {
      toOrgId: ex.organizationId!,
      message: "",
      slots: [slots[slot].startsAt.toISOString()],
    });
    const s = await db().proposedSlot.findFirstOrThrow({ where: { requestId: r.id } });
    return acceptRequest(await me(ex), r.id, s.id);
  }

  it("reschedules with a reason, bumps the calendar SEQUENCE, tells the other side, refuses a busy slot", async () => {
    const [inv, ex, other] = await Promise.all([makeUser("INVESTOR"), makeUser("EXHIBITOR"), makeUser("INVESTOR")]);
    const m = await meetingBetween(inv, ex, 0);
    await meetingBetween(other, ex, 2); // the exhibitor is busy at slot 2
    await expect(rescheduleMeeting(await me(inv), m.id, slots[2].startsAt.toISOString(), "x")).rejects.toMatchObject({
      key: "meetings.error.slotTaken",
    });
    await expect(rescheduleMeeting(await me(inv), m.id, "2026-01-01T00:00:00.000Z", "x")).rejects.toMatchObject({
      key: "meetings.error.badSlot",
    });
    await rescheduleMeeting(await me(inv), m.id, slots[3].startsAt.toISOString(), "航班改签");
    const moved = await db().meeting.findUniqueOrThrow({ where: { id: m.id }, include: { fair: true } });
    expect(moved).toMatchObject({ startsAt: slots[3].startsAt, sequence: 1 });
    const ics = meetingIcs({ ...moved, counterpartZh: "x", counterpartEn: "x" }, "https://x");
    expect(ics).toContain("SEQUENCE:1");
    expect(
      await db().notification.findFirst({ where: { userId: ex.user.id, kind: "meeting.rescheduled" } }),
    ).toMatchObject({ data: { reason: "航班改签" } });
    const outsider = await makeUser("INVESTOR");
    await expect(
      rescheduleMeeting(await me(outsider), m.id, slots[4].startsAt.toISOString(), ""),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("answers a request with other slots: the original is countered, a new request goes back", async () => {
    const [inv, ex] = await Promise.all([makeUser("INVESTOR"), makeUser("EXHIBITOR")]);
    const r = await requestMeeting(await me(inv), fair.id, {
      toOrgId: ex.organizationId!,
      message: "",
      slots: [slots[1].startsAt.toISOString()],
    });
    const counter = await counterPropose(
      await me(ex),
      r.id,
      [slots[4].startsAt.toISOString(), slots[5].startsAt.toISOString()],
      "下午更方便",
    );
    expect(await db().meetingRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: "COUNTERED" });
    expect(
      await db().meetingRequest.findUniqueOrThrow({ where: { id: counter.id }, include: { slots: true } }),
    ).toMatchObject({
      fromOrgId: ex.organizationId,
      toOrgId: inv.organizationId,
      counterOfId: r.id,
      message: "下午更方便",
    });
    await expect(
      counterPropose(await me(inv), counter.id, [slots[0].startsAt.toISOString()], ""),
    ).resolves.toBeTruthy(); // and back again
    await expect(counterPropose(await me(ex), r.id, [slots[4].startsAt.toISOString()], "")).rejects.toMatchObject({
      key: "meetings.error.notPending",
    });
  });

  it("stores availability on the fair's grid and the scheduler honours it", async () => {
    const [inv, ex] = await Promise.all([makeUser("INVESTOR"), makeUser("EXHIBITOR")]);
    const exUser = await me(ex);
    await expect(saveAvailability(exUser, fair.id, ["2026-12-09T01:07:00.000Z"])).rejects.toMatchObject({
      key: "meetings.error.badSlot",
    });
    expect(await saveAvailability(exUser, fair.id, [slots[5].startsAt.toISOString()])).toBe(1);
    const view = await getAvailability(exUser, fair.id);
    expect(view.slots.filter((s) => s.available).map((s) => s.startsAt)).toEqual([slots[5].startsAt.toISOString()]);
    // The investor proposes slots 4 and 5; the exhibitor is only free at 5: the proposal must use 5.
    await requestMeeting(await me(inv), fair.id, {
      toOrgId: ex.organizationId!,
      message: "",
      slots: [slots[4].startsAt.toISOString(), slots[5].startsAt.toISOString()],
    });
    const staff = await me(await makeUser("STAFF"));
    const p = await proposeSchedule(staff, fair.id);
    const mine = p.assignments as { requestId: string; startsAt: string }[];
    const forThisPair = await db().meetingRequest.findFirstOrThrow({
      where: { toOrgId: ex.organizationId!, status: "PENDING" },
    });
    expect(mine.find((a) => a.requestId === forThisPair.id)?.startsAt).toBe(slots[5].startsAt.toISOString());
  });

  it("lets an exhibitor with a public booth invite an investor (the other direction)", async () => {
    const [inv, ex, visitor] = await Promise.all([makeUser("INVESTOR"), makeUser("EXHIBITOR"), makeUser("VISITOR")]);
    const noBooth = await call(invite.loader, req(`/meetings/invite/${inv.organizationId}`, { cookie: ex.cookie }), {
      investorOrgId: inv.organizationId!,
    });
    expect(noBooth.status).toBe(409);
    await makeBooth(fair, ex.organizationId!, "APPROVED");
    const form = new URLSearchParams([
      ["slots", slots[1].startsAt.toISOString()],
      ["message", "邀请您了解我们的项目"],
    ]);
    const res = await call(
      invite.action,
      new Request(`http://localhost/meetings/invite/${inv.organizationId}`, {
        method: "POST",
        headers: { Cookie: ex.cookie },
        body: form,
      }),
      { investorOrgId: inv.organizationId! },
    );
    expect((await res.json()).sent).toBe(true);
    expect(
      await db().meetingRequest.count({ where: { fromOrgId: ex.organizationId!, toOrgId: inv.organizationId! } }),
    ).toBe(1);
    expect(
      (
        await call(invite.loader, req(`/meetings/invite/${inv.organizationId}`, { cookie: visitor.cookie }), {
          investorOrgId: inv.organizationId!,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(invite.loader, req(`/meetings/invite/${ex.organizationId}`, { cookie: ex.cookie }), {
          investorOrgId: ex.organizationId!,
        })
      ).status,
    ).toBe(404);
  });
});
