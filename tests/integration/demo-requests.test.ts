// The demo a fresh `npm start` seeds has pending meeting requests inside the fair's days, so staff
// can try the auto-scheduler at once, and it proposes meetings for them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createSession, getUser } from "../../app/auth/session.server.ts";
import { createDb, db } from "../../app/db/client.server.ts";
import { agenda } from "../../app/domain/meetings/agenda.server.ts";
import { proposeSchedule } from "../../app/domain/meetings/fair-scheduler.server.ts";
import { fairSlots, slotKey } from "../../app/domain/meetings/slots.ts";
import { LocalMediaStorage } from "../../media/storage.ts";
import { DEMO_FAIR_SLUG, seedDemo } from "../../server/seed/demo-fair.ts";
import { useTestDatabase } from "../harness/db.ts";
import { req } from "../harness/factories.ts";

const userOf = async (email: string) => {
  const u = await db().user.findUniqueOrThrow({ where: { email } });
  const cookie = (await createSession(u.id)).split(";")[0];
  return (await getUser(req("/", { cookie })))!;
};

describe("demo meeting requests", () => {
  let summary: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    const url = await useTestDatabase();
    const seedDb = createDb(url);
    summary = await seedDemo(seedDb, new LocalMediaStorage(mkdtempSync(path.join(tmpdir(), "cf-demo-req-"))));
    await seedDb.$disconnect();
  });

  it("seeds 15–30 pending requests across booths and investors, with slots on the fair's grid", async () => {
    const fair = await db().fair.findUniqueOrThrow({ where: { slug: DEMO_FAIR_SLUG } });
    const requests = await db().meetingRequest.findMany({
      where: { fairId: fair.id },
      include: { slots: true },
    });
    expect(summary.requests).toBe(requests.length);
    expect(requests.length).toBeGreaterThanOrEqual(15);
    expect(requests.length).toBeLessThanOrEqual(30);
    expect(requests.every((r) => r.status === "PENDING")).toBe(true);
    expect(new Set(requests.map((r) => r.toOrgId)).size).toBeGreaterThanOrEqual(10); // many booths
    expect(new Set(requests.map((r) => r.fromUserId)).size).toBeGreaterThanOrEqual(10); // many requesters
    const grid = new Set(fairSlots(fair).map(slotKey));
    for (const r of requests) {
      expect(r.slots.length).toBeGreaterThanOrEqual(1);
      expect(r.slots.length).toBeLessThanOrEqual(3);
      for (const s of r.slots) {
        expect(grid.has(slotKey(s))).toBe(true);
        expect(s.startsAt >= fair.startsAt && s.endsAt <= fair.endsAt).toBe(true);
      }
    }
    // Recipients were told, as the app tells them.
    const told = await db().notification.count({ where: { kind: "meeting.request" } });
    expect(told).toBeGreaterThanOrEqual(requests.length);
    // Accounts the walkthroughs start from keep an empty agenda in the demo fair.
    for (const email of ["investor01@demo.cloudfair.cn", "investor05@demo.cloudfair.cn"]) {
      const a = await agenda(await userOf(email));
      expect(a.incoming).toEqual([]);
      expect(a.outgoing.filter((r) => r.status === "PENDING")).toEqual([]);
    }
  });

  it("gives the auto-scheduler something to propose", async () => {
    const fair = await db().fair.findUniqueOrThrow({ where: { slug: DEMO_FAIR_SLUG } });
    const staff = await userOf("staff@demo.cloudfair.cn");
    const p = await proposeSchedule(staff, fair.id);
    const stats = p.stats as { requests: number; scheduled: number };
    expect(stats.requests).toBe(summary.requests);
    // Requesters are free only in the slots they proposed; nearly all fit.
    expect(stats.scheduled, JSON.stringify(p.unscheduled)).toBeGreaterThanOrEqual(Math.ceil(stats.requests * 0.8));
  });
});
