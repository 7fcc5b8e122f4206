// What the agenda, the room and the notification list offer, computed on the server: slots already
// booked show as taken (not acceptable), the outcome link only when an outcome may be recorded, and
// notifications link to their subject — or to nothing when it is gone.
import { beforeAll, describe, expect, it } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { agenda, agendaPage } from "../../app/domain/meetings/agenda.server.ts";
import { futureSlots, slotKey } from "../../app/domain/meetings/slots.ts";
import { PUBLIC_FAIR_STATUSES } from "../../app/domain/fairs/fairs.server.ts";
import { acceptRequest } from "../../app/domain/meetings/booking.server.ts";
import { requestMeeting } from "../../app/domain/meetings/requests.server.ts";
import { listNotifications } from "../../app/domain/notifications/notifications.server.ts";
import { roomPage } from "../../app/domain/video/rooms.server.ts";
import { agendaByPrisma } from "../harness/agenda-prisma-reference.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeBooth, makeFair, makeUser, req, giveMeetingDay } from "../harness/factories.ts";

describe("agenda, room and notification links", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let slots: { startsAt: Date; endsAt: Date }[];
  const me = async (u: { cookie: string }) => (await getUser(req("/", { cookie: u.cookie })))!;
  const day = "2026-12-09";

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    slots = await giveMeetingDay(fair, day);
  });

  const ask = async (from: { cookie: string }, toOrgId: string, picks: number[]) =>
    requestMeeting(await me(from), fair.id, {
      toOrgId,
      message: "",
      slots: picks.map((i) => slots[i].startsAt.toISOString()),
    });
  const accept = async (by: { cookie: string }, requestId: string, index: number) => {
    const slot = await db().proposedSlot.findFirstOrThrow({
      where: { requestId, startsAt: slots[index].startsAt },
    });
    return acceptRequest(await me(by), requestId, slot.id);
  };

  it("marks proposed slots the exhibitor or the investor already booked as taken, by whom", async () => {
    const [exhibitor, investorA, investorB, investorC] = await Promise.all([
      makeUser("EXHIBITOR"),
      makeUser("INVESTOR"),
      makeUser("INVESTOR"),
      makeUser("INVESTOR"),
    ]);
    const other = await makeUser("EXHIBITOR");
    // The exhibitor books slot 2 with A; investor B books slot 4 with another exhibitor.
    const first = await ask(investorA, exhibitor.organizationId!, [2]);
    await accept(exhibitor, first.id, 2);
    const elsewhere = await ask(investorB, other.organizationId!, [4]);
    await accept(other, elsewhere.id, 4);
    // B now asks the exhibitor for slots 2, 3 and 4; C asks for slot 2 only.
    const fromB = await ask(investorB, exhibitor.organizationId!, [2, 3, 4]);
    const fromC = await ask(investorC, exhibitor.organizationId!, [2]);

    const view = await agenda(await me(exhibitor));
    const b = view.incoming.find((r) => r.id === fromB.id)!;
    expect(b.slots.map((s) => s.takenBy)).toEqual(["you", null, "them"]);
    expect(view.incoming.find((r) => r.id === fromC.id)!.slots.map((s) => s.takenBy)).toEqual(["you"]);
    // What the page offers is what the database allows: the free slot books, a taken one is refused.
    await expect(accept(exhibitor, fromC.id, 2)).rejects.toMatchObject({ status: 409 });
    await accept(exhibitor, fromB.id, 3);
    // A cancelled meeting frees its slot again.
    const meeting = await db().meeting.findFirstOrThrow({ where: { requestId: first.id } });
    await db().meetingParticipant.updateMany({ where: { meetingId: meeting.id }, data: { active: false } });
    const after = await agenda(await me(exhibitor));
    expect(after.incoming.find((r) => r.id === fromC.id)!.slots.map((s) => s.takenBy)).toEqual([null]);
  });

  it("offers the outcome link in the agenda and the room only when the server would accept an outcome", async () => {
    const [investor, exhibitor] = await Promise.all([makeUser("INVESTOR"), makeUser("EXHIBITOR")]);
    const r = await ask(investor, exhibitor.organizationId!, [10]);
    const meeting = await accept(exhibitor, r.id, 10);
    const before = new Date(slots[10].startsAt.getTime() - 3600_000);
    const during = new Date(slots[10].startsAt.getTime() + 5 * 60_000);
    const afterEnd = new Date(slots[10].endsAt.getTime() + 5 * 60_000);
    const user = await me(investor);
    const agendaAt = async (now: Date) => (await agenda(user, now)).meetings.find((m) => m.id === meeting.id)!;

    expect((await agendaAt(before)).outcomeOpen).toBe(false);
    expect((await roomPage(user, meeting.id, before)).outcomeOpen).toBe(false);
    await db().meeting.update({ where: { id: meeting.id }, data: { status: "IN_PROGRESS" } });
    expect((await agendaAt(during)).outcomeOpen).toBe(false); // under way: "only after the meeting"
    expect((await roomPage(user, meeting.id, during)).outcomeOpen).toBe(false);
    expect((await agendaAt(afterEnd)).outcomeOpen).toBe(true);
    expect((await roomPage(user, meeting.id, afterEnd)).outcomeOpen).toBe(true);
    await db().meeting.update({ where: { id: meeting.id }, data: { status: "COMPLETED" } });
    expect((await roomPage(user, meeting.id, afterEnd)).outcomeOpen).toBe(true);
  });

  it("links each notification to its subject, and a gone or foreign subject to nothing", async () => {
    const [investor, exhibitor] = await Promise.all([makeUser("INVESTOR"), makeUser("EXHIBITOR")]);
    const pending = await ask(investor, exhibitor.organizationId!, [20]);
    const answered = await ask(investor, exhibitor.organizationId!, [21]);
    const meeting = await accept(exhibitor, answered.id, 21);
    const booth = await makeBooth(fair, exhibitor.organizationId!);
    const strangersBooth = await makeBooth(fair, (await makeUser("EXHIBITOR")).organizationId!);
    await db().notification.createMany({
      data: [
        { kind: "booth.approved", data: { boothId: booth.id } },
        { kind: "booth.changes", data: { boothId: strangersBooth.id } },
        { kind: "booth.rejected", data: { boothId: "gone" } },
        { kind: "meeting.cancelled", data: { meetingId: "gone" } },
        { kind: "meeting.starting", data: { meetingId: meeting.id } },
        { kind: "meeting.outcome", data: { meetingId: meeting.id } },
        { kind: "fair.survey", data: { fairSlug: fair.slug } },
        { kind: "fair.survey", data: { fairSlug: "no-such-fair" } },
        { kind: "chat.unknown-kind", data: { meetingId: meeting.id } },
        { kind: "meeting.request", data: { requestId: { not: "a string" } } },
      ].map((n, i) => ({ ...n, userId: exhibitor.user.id, createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) })),
    });
    const links = async (u: { cookie: string }) =>
      (await listNotifications(await me(u))).items.map((n) => [n.kind, n.href] as const);

    expect(await links(exhibitor)).toEqual([
      // Newest first: the two requests (one answered: it leads to its meeting), then the rows above.
      ["meeting.request", `/meetings#meeting-${meeting.id}`],
      ["meeting.request", `/meetings#request-${pending.id}`],
      ["meeting.request", null],
      ["chat.unknown-kind", null],
      ["fair.survey", null],
      ["fair.survey", `/fairs/${fair.slug}/survey`],
      ["meeting.outcome", `/meetings/${meeting.id}/outcome`],
      ["meeting.starting", `/meetings/${meeting.id}/room`],
      ["meeting.cancelled", null],
      ["booth.rejected", null],
      ["booth.changes", null],
      ["booth.approved", `/booths/${booth.id}/edit`],
    ]);
    // The requester's side: the acceptance leads to the meeting.
    expect(await links(investor)).toEqual([["meeting.accepted", `/meetings#meeting-${meeting.id}`]]);
    // A meeting that is deleted leaves its notifications without a link.
    await db().meeting.delete({ where: { id: meeting.id } });
    expect((await links(investor))[0]).toEqual(["meeting.accepted", null]);
  });

  it("reads the agenda in one statement exactly as the Prisma reads did (limits, order, names, slots)", async () => {
    const [exhibitor, investorA, investorB] = await Promise.all([
      makeUser("EXHIBITOR"),
      makeUser("INVESTOR"),
      makeUser("INVESTOR"),
    ]);
    const other = await makeUser("EXHIBITOR");
    // Booked meetings (some with another exhibitor), answered and open requests through the app…
    const r1 = await ask(investorA, exhibitor.organizationId!, [6, 7]);
    await accept(exhibitor, r1.id, 7);
    const r2 = await ask(investorA, other.organizationId!, [8]);
    await accept(other, r2.id, 8);
    await ask(investorB, exhibitor.organizationId!, [6, 9, 10]);
    // …and more pending requests than the page shows (50), two of them created at the same instant.
    const t0 = Date.UTC(2026, 10, 1);
    await db().meetingRequest.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        fairId: fair.id,
        fromUserId: i % 2 ? investorA.user.id : investorB.user.id,
        fromOrgId: i % 2 ? investorA.organizationId! : investorB.organizationId!,
        toOrgId: exhibitor.organizationId!,
        message: `bulk ${i}`,
        createdAt: new Date(t0 + Math.min(i, 53) * 1000),
      })),
    });
    const bulk = await db().meetingRequest.findMany({ where: { message: { startsWith: "bulk " } } });
    await db().proposedSlot.createMany({
      data: bulk.flatMap((r, i) => [
        { requestId: r.id, startsAt: slots[(i + 1) % 10].startsAt, endsAt: slots[(i + 1) % 10].endsAt },
        { requestId: r.id, startsAt: slots[i % 10].startsAt, endsAt: slots[i % 10].endsAt },
      ]),
    });
    const meetingDay = slots[0].startsAt.getTime();
    for (const u of [exhibitor, investorA, investorB, other]) {
      const user = await me(u);
      // Before the day (all upcoming), just after it, and weeks after it (all past).
      for (const now of [meetingDay - 864e5, meetingDay + 864e5, meetingDay + 30 * 864e5].map((t) => new Date(t))) {
        const got = await agenda(user, now);
        expect(got).toEqual(await agendaByPrisma(user, now));
        // The page's statement adds the public fairs and the future slots of the fairs of its
        // upcoming meetings and incoming requests, as the Prisma reads of every fair gave them.
        const page = await agendaPage(user, now);
        const fairIds = [...new Set([...got.meetings, ...got.incoming].map((x) => x.fairId))];
        const fairRows = await db().fair.findMany({ where: { id: { in: fairIds } } });
        expect(page).toEqual({
          ...got,
          fairs: await db().fair.findMany({
            where: { status: { in: PUBLIC_FAIR_STATUSES } },
            orderBy: [{ startsAt: "asc" }, { id: "asc" }],
            select: { slug: true, titleZh: true, titleEn: true },
          }),
          slots: Object.fromEntries(fairRows.map((f) => [f.id, futureSlots(f, now.getTime()).map(slotKey)])),
        });
        if (u === exhibitor && now.getTime() < meetingDay) expect(page.slots[fair.id].length).toBeGreaterThan(0);
      }
    }
    const view = await agenda(await me(exhibitor), new Date(meetingDay + 30 * 864e5));
    expect(view.incoming).toHaveLength(50);
    expect(view.past.length).toBeGreaterThan(0);
    expect(view.meetings).toHaveLength(0);
    expect((await agenda(await me(investorA), new Date(meetingDay - 864e5))).outgoing.length).toBeGreaterThan(20);
  });
});
