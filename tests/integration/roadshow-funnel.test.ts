// The fair dashboard's roadshow funnel (ADR 031): registrations, viewers (distinct users with an
// attendance row) and meeting requests a viewer sent to the presenting exhibitor after attending.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import * as dashboardRoute from "../../app/routes/staff.fairs.$id_.dashboard.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";

type Report = Awaited<ReturnType<typeof import("../../app/domain/reports/fair-dashboard.server.ts").fairReport>>;
const MIN = 60_000;

describe("roadshow funnel", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staff: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    staff = await makeUser("STAFF", fair.organizerId);
    const exhibitor = await makeUser("EXHIBITOR");
    const otherExhibitor = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, exhibitor.organizationId!);
    await makeBooth(fair, otherExhibitor.organizationId!);
    const start = new Date("2026-12-08T02:00:00Z");
    const mk = (boothId: string | null, status: "ENDED" | "PROPOSED" = "ENDED") =>
      db().roadshow.create({
        data: {
          fairId: fair.id,
          titleZh: "推介会",
          titleEn: "Roadshow",
          startsAt: start,
          endsAt: new Date(start.getTime() + 60 * MIN),
          boothId,
          status,
        },
      });
    const mine = await mk(booth.id);
    const bureau = await mk(null);
    const proposal = await mk(booth.id, "PROPOSED");
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => makeUser("INVESTOR")));
    // 5 registrations: a, b, c to mine; a, d to the bureau's (the proposal's one does not count).
    await db().roadshowRegistration.createMany({
      data: [
        { roadshowId: mine.id, userId: a.user.id },
        { roadshowId: mine.id, userId: b.user.id, shareContact: true },
        { roadshowId: mine.id, userId: c.user.id },
        { roadshowId: bureau.id, userId: a.user.id },
        { roadshowId: bureau.id, userId: d.user.id },
        { roadshowId: proposal.id, userId: d.user.id },
      ],
    });
    // Viewers: a (twice in mine, once in the bureau's), b, d → 3 distinct; c registered but never joined.
    let sid = 0;
    const attend = (roadshowId: string, userId: string, at: Date) =>
      db().roadshowAttendance.create({
        data: {
          roadshowId,
          userId,
          participantSid: `PA_${sid++}`,
          joinedAt: at,
          leftAt: new Date(at.getTime() + 10 * MIN),
        },
      });
    await attend(mine.id, a.user.id, start);
    await attend(mine.id, a.user.id, new Date(start.getTime() + 20 * MIN));
    await attend(bureau.id, a.user.id, start);
    await attend(mine.id, b.user.id, new Date(start.getTime() + 5 * MIN));
    await attend(bureau.id, d.user.id, start);
    const request = (from: typeof a, toOrgId: string, at: Date) =>
      db().meetingRequest.create({
        data: { fairId: fair.id, fromUserId: from.user.id, fromOrgId: from.organizationId!, toOrgId, createdAt: at },
      });
    const after = new Date(start.getTime() + 90 * MIN);
    await request(a, exhibitor.organizationId!, after); // counts
    await request(b, exhibitor.organizationId!, after); // counts
    await request(b, exhibitor.organizationId!, new Date(start.getTime() - 60 * MIN)); // before attending
    await request(c, exhibitor.organizationId!, after); // registered, never watched
    await request(d, exhibitor.organizationId!, after); // watched the bureau's roadshow, not this exhibitor's
    await request(a, otherExhibitor.organizationId!, after); // another exhibitor
  });

  const report = async (query = "") => {
    const res = await call(
      dashboardRoute.loader,
      req(`/staff/fairs/${fair.id}/dashboard${query}`, { cookie: staff.cookie }),
      {
        id: fair.id,
      },
    );
    expect(res.status).toBe(200);
    return ((await res.json()) as { report: Report }).report;
  };

  it("counts registrations, distinct viewers and the meeting requests that followed", async () => {
    expect((await report()).roadshowFunnel).toEqual({ registrations: 5, viewers: 3, meetingRequests: 2 });
  });

  it("a hall filter keeps only roadshows presented by booths in it; dates apply to when each happened", async () => {
    expect((await report("?hall=bio")).roadshowFunnel).toEqual({ registrations: 3, viewers: 2, meetingRequests: 2 });
    expect((await report("?from=2026-12-20")).roadshowFunnel).toEqual({
      registrations: 0,
      viewers: 0,
      meetingRequests: 0,
    });
  });
});
