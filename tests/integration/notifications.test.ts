// Meeting notifications: persisted with the event, pushed live to the user's sockets, read later.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getUser, userFromSession } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { acceptRequest } from "../../app/domain/meetings/booking.server.ts";
import { cancelMeeting } from "../../app/domain/meetings/changes.server.ts";
import { sendStartingReminders } from "../../app/domain/meetings/reminders.server.ts";
import { requestMeeting } from "../../app/domain/meetings/requests.server.ts";
import {
  listNotifications,
  markAllRead,
  NOTIFICATIONS_PER_PAGE,
  unreadCount,
} from "../../app/domain/notifications/notifications.server.ts";
import { attachRealtime } from "../../server/realtime.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeFair, makeUser, req, giveMeetingDay } from "../harness/factories.ts";

describe("meeting notifications", () => {
  let url: string;
  const sockets: Socket[] = [];
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let slots: { startsAt: Date }[];
  const me = async (u: { cookie: string }) => (await getUser(req("/", { cookie: u.cookie })))!;

  let closeRealtime = async () => {};
  beforeAll(async () => {
    await useTestDatabase();
    const http = createServer();
    const rt = await attachRealtime(http);
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    closeRealtime = () => rt.close();
    fair = await makeFair();
    const day = new Date(Date.now() + 7 * 864e5).toISOString().slice(0, 10);
    slots = await giveMeetingDay(fair, day);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await closeRealtime();
  });

  const listen = (cookie: string) =>
    new Promise<{ events: { kind: string; data: Record<string, unknown> }[]; socket: Socket }>((resolve, reject) => {
      const socket = connect(url, { transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false });
      sockets.push(socket);
      const events: { kind: string; data: Record<string, unknown> }[] = [];
      socket.on("notification", (n) => events.push(n));
      socket.on("connect_error", reject);
      socket.on("connect", () => resolve({ events, socket }));
    });
  const waitFor = async (cond: () => boolean) => {
    for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(cond()).toBe(true);
  };

  it("tells the exhibitor about a request and the investor about the acceptance, in real time", async () => {
    const [investor, exhibitor] = await Promise.all([makeUser("INVESTOR"), makeUser("EXHIBITOR")]);
    const [invSock, exSock] = await Promise.all([listen(investor.cookie), listen(exhibitor.cookie)]);
    const r = await requestMeeting(await me(investor), fair.id, {
      toOrgId: exhibitor.organizationId!,
      message: "",
      slots: [slots[3].startsAt.toISOString()],
    });
    await waitFor(() => exSock.events.length === 1);
    expect(exSock.events[0].kind).toBe("meeting.request");
    expect(invSock.events).toHaveLength(0); // only the recipient is told
    const slot = await db().proposedSlot.findFirstOrThrow({ where: { requestId: r.id } });
    const meeting = await acceptRequest(await me(exhibitor), r.id, slot.id);
    await waitFor(() => invSock.events.length === 1);
    expect(invSock.events[0]).toMatchObject({
      kind: "meeting.accepted",
      data: { meetingId: meeting.id, startsAt: slots[3].startsAt.toISOString() },
    });
    expect(await unreadCount(investor.user.id)).toBe(1);
    await cancelMeeting(await me(investor), meeting.id, "临时出差");
    await waitFor(() => exSock.events.length === 2);
    expect(exSock.events[1]).toMatchObject({ kind: "meeting.cancelled", data: { reason: "临时出差" } });
  });

  it("keeps notifications for users who were offline, until they read them", async () => {
    const [investor, exhibitor] = await Promise.all([makeUser("INVESTOR"), makeUser("EXHIBITOR")]);
    await requestMeeting(await me(investor), fair.id, {
      toOrgId: exhibitor.organizationId!,
      message: "",
      slots: [slots[5].startsAt.toISOString()],
    });
    expect(await unreadCount(exhibitor.user.id)).toBe(1);
    // The page shell's badge comes with the session read (one statement), the user's own count only.
    expect((await me(exhibitor)).unread).toBe(1);
    expect((await me(investor)).unread).toBe(0);
    const session = await db().session.findFirstOrThrow({ where: { userId: exhibitor.user.id } });
    expect(await userFromSession(session.id)).not.toHaveProperty("unread"); // sockets, actions' guards elsewhere
    expect(await markAllRead(await me(exhibitor))).toBe(1);
    expect(await unreadCount(exhibitor.user.id)).toBe(0);
    expect((await me(exhibitor)).unread).toBe(0);
  });

  it("pages notifications newest first with the page count, as the Prisma reads did (one raw statement)", async () => {
    const [u, other] = await Promise.all([makeUser("INVESTOR"), makeUser("INVESTOR")]);
    const n = NOTIFICATIONS_PER_PAGE * 2 + 5;
    const t0 = Date.UTC(2026, 0, 1);
    // Two rows share every other instant: ties must not put a row on two pages.
    await db().notification.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        userId: u.user.id,
        kind: "fair.survey",
        data: { nameZh: `第${i}`, nameEn: `#${i}`, fairSlug: "no-such-fair" },
        createdAt: new Date(t0 + Math.floor(i / 2) * 60_000),
        readAt: i % 3 === 0 ? new Date(t0) : null,
      })),
    });
    await db().notification.create({ data: { userId: other.user.id, kind: "fair.survey", data: {} } });
    const user = await me(u);
    const expected = await db().notification.findMany({
      where: { userId: user.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const got = await listNotifications(user, page);
      expect(got.pages).toBe(3);
      const want = expected.slice((page - 1) * NOTIFICATIONS_PER_PAGE, page * NOTIFICATIONS_PER_PAGE);
      expect(got.items).toEqual(
        want.map((r) => ({
          id: r.id,
          kind: r.kind,
          data: r.data,
          read: !!r.readAt,
          createdAt: r.createdAt.toISOString(),
          href: null,
        })),
      );
      seen.push(...got.items.map((i) => i.id));
    }
    expect(new Set(seen).size).toBe(n);
    // Nobody's notifications: one (empty) page.
    const nobody = await makeUser("VISITOR");
    expect(await listNotifications(await me(nobody), 1)).toEqual({ pages: 1, items: [] });
    expect(await listNotifications(await me(nobody), 7)).toEqual({ pages: 1, items: [] });
  });

  it("reminds both participants once when a meeting starts within 10 minutes", async () => {
    const [investor, exhibitor] = await Promise.all([makeUser("INVESTOR"), makeUser("EXHIBITOR")]);
    const r = await requestMeeting(await me(investor), fair.id, {
      toOrgId: exhibitor.organizationId!,
      message: "",
      slots: [slots[8].startsAt.toISOString()],
    });
    const slot = await db().proposedSlot.findFirstOrThrow({ where: { requestId: r.id } });
    await acceptRequest(await me(exhibitor), r.id, slot.id);
    const justBefore = new Date(slots[8].startsAt.getTime() - 5 * 60_000);
    expect(await sendStartingReminders(new Date(slots[8].startsAt.getTime() - 30 * 60_000))).toBe(0); // too early
    expect(await sendStartingReminders(justBefore)).toBe(2);
    expect(await sendStartingReminders(justBefore)).toBe(0); // once only
    expect(
      await db().notification.count({
        where: { kind: "meeting.starting", userId: { in: [investor.user.id, exhibitor.user.id] } },
      }),
    ).toBe(2);
  });
});

describe("private calendar feed", () => {
  it("serves the owner's meetings to the token's URL only; a new token revokes the old one", async () => {
    const { issueFeedToken, meetingsForFeed } = await import("../../app/domain/meetings/calendar-feed.server.ts");
    const { feedIcs } = await import("../../app/domain/meetings/calendar.server.ts");
    const feed = await import("../../app/routes/calendar.$token[.ics].tsx");
    const investor = await makeUser("INVESTOR");
    const user = (await getUser(req("/", { cookie: investor.cookie })))!;
    const token = await issueFeedToken(user);
    expect(await meetingsForFeed(token)).toEqual([]);
    expect(feedIcs([], "https://x")).toContain("BEGIN:VCALENDAR");
    const ok = await feed.loader({
      params: { token },
      request: new Request(`http://localhost/calendar/${token}.ics`),
      context: {},
    } as never);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toContain("text/calendar");
    const newer = await issueFeedToken(user);
    await expect(meetingsForFeed(token)).rejects.toMatchObject({ status: 404 });
    await expect(meetingsForFeed("not-a-valid-token-at-all-xx")).rejects.toMatchObject({ status: 404 });
    expect(await meetingsForFeed(newer)).toEqual([]);
    expect(
      await db().user.findUnique({ where: { id: user.id }, select: { calendarTokenHash: true } }),
    ).not.toMatchObject({ calendarTokenHash: newer });
  });
});
