// A past, closed fair for the demo — 2026 春季江苏云洽会, two months ago — with the activity bureau
// staff report on: booth visits, bookmarks, meeting requests, meetings (held, no-show, cancelled)
// with attendance, both sides' outcomes (amounts, next steps, ratings) and post-fair surveys. The
// same exhibitor and investor organizations as the current demo fair; deterministic.
import type { Db } from "../../app/db/client.server.ts";
import type { OutcomeResult } from "../../app/generated/prisma/client.ts";
import { utcToWallTime } from "../../app/lib/time.ts";
import { rng } from "./demo-data.ts";

export const DEMO_HISTORY_SLUG = "jiangsu-spring-2026";
const MIN = 60_000;
const SLOT_MIN = 20;
const NEXT_STEPS: [zh: string, en: string][] = [
  ["安排尽职调查", "Arrange due diligence"],
  ["实地考察工厂", "Visit the plant"],
  ["提交财务模型", "Send the financial model"],
  ["约定第二轮洽谈", "Second meeting"],
  ["起草投资意向书", "Draft the letter of intent"],
];
const RESULTS: OutcomeResult[] = [
  "INTENT_TO_INVEST",
  "LETTER_OF_INTENT",
  "FOLLOW_UP",
  "FOLLOW_UP",
  "NEED_INFO",
  "NOT_A_FIT",
];

export async function seedDemoHistory(
  db: Db,
  current: { fairId: string; organizerId: string },
): Promise<{ meetings: number; outcomes: number }> {
  const r = rng(20260318);
  const start = new Date(Date.now() - 60 * 864e5);
  start.setUTCHours(1, 0, 0, 0); // 09:00 Shanghai
  const halls = await db.hall.findMany({ where: { fairId: current.fairId }, orderBy: { position: "asc" } });
  const fair = await db.fair.create({
    data: {
      slug: DEMO_HISTORY_SLUG,
      titleZh: "2026 春季江苏云洽会",
      titleEn: "2026 Jiangsu Spring Online Investment Fair",
      descriptionZh: "已闭幕。五大产业馆的在线参展与云洽谈成果。",
      descriptionEn: "Closed. Online booths and negotiation outcomes across five industry halls.",
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 864e5 - 3600e3 * 16),
      timeZone: "Asia/Shanghai",
      status: "CLOSED",
      meetingDays: [0, 1].map((d) => new Date(start.getTime() + d * 864e5 + 8 * 3600e3).toISOString().slice(0, 10)),
      sessionStart: "09:00",
      sessionEnd: "17:00",
      slotMinutes: SLOT_MIN,
      organizerId: current.organizerId,
      halls: {
        create: halls.map((h) => ({
          slug: h.slug,
          nameZh: h.nameZh,
          nameEn: h.nameEn,
          sector: h.sector,
          position: h.position,
        })),
      },
      tiers: { create: [{ code: "standard", nameZh: "标准展位", nameEn: "Standard booth", feeAmount: 0 }] },
    },
    include: { halls: true, tiers: true },
  });

  // Booths: the first 4 exhibitors of each hall took part, each with its first project.
  const currentBooths = await db.booth.findMany({
    where: { fairId: current.fairId, status: "APPROVED", position: { lt: 4 } },
    include: {
      hall: true,
      projects: { take: 1, orderBy: { createdAt: "asc" } },
      organization: { include: { memberships: true } },
    },
    orderBy: [{ hall: { position: "asc" } }, { position: "asc" }],
  });
  const booths = [];
  for (const b of currentBooths) {
    const hall = fair.halls.find((h) => h.sector === b.hall.sector)!;
    const p = b.projects[0];
    const booth = await db.booth.create({
      data: {
        fairId: fair.id,
        hallId: hall.id,
        organizationId: b.organizationId,
        tierId: fair.tiers[0].id,
        status: "APPROVED",
        paymentStatus: "NOT_REQUIRED",
        isPublic: true,
        position: b.position,
        logoKey: b.logoKey,
        bannerKey: b.bannerKey,
        descriptionZh: b.descriptionZh,
        descriptionEn: b.descriptionEn,
        submittedAt: new Date(start.getTime() - 20 * 864e5),
        reviewedAt: new Date(start.getTime() - 18 * 864e5),
        projects: p
          ? {
              create: {
                organizationId: b.organizationId,
                titleZh: p.titleZh,
                titleEn: p.titleEn,
                descriptionZh: p.descriptionZh,
                descriptionEn: p.descriptionEn,
                sector: p.sector,
                stage: p.stage,
                amountSought: p.amountSought,
                currency: p.currency,
                region: p.region,
              },
            }
          : undefined,
      },
      include: { projects: true },
    });
    booths.push({ booth, exhibitorUserId: b.organization.memberships[0].userId });
  }

  const investors = await db.membership.findMany({
    where: { role: "INVESTOR", organization: { kind: "INVESTOR" } },
    include: { organization: true },
    orderBy: { user: { email: "asc" } },
  });
  const during = (day: number, minute: number) => new Date(start.getTime() + day * 864e5 + minute * MIN);

  // Visits and bookmarks.
  const visits = [];
  const bookmarks = new Map<string, { userId: string; boothId: string; createdAt: Date }>();
  for (const inv of investors) {
    for (const { booth } of r.sample(booths, r.int(4, 9))) {
      for (let k = r.int(1, 3); k > 0; k--)
        visits.push({
          boothId: booth.id,
          userId: inv.userId,
          visitorId: `u:${inv.userId}`,
          createdAt: during(r.int(0, 1), r.int(0, 479)),
        });
      if (r.next() < 0.45)
        bookmarks.set(`${inv.userId}:${booth.id}`, {
          userId: inv.userId,
          boothId: booth.id,
          createdAt: during(r.int(0, 1), r.int(0, 479)),
        });
    }
  }
  for (let a = 0; a < 240; a++)
    visits.push({
      boothId: r.pick(booths).booth.id,
      userId: null,
      visitorId: `anon-${r.int(1, 90)}`,
      createdAt: during(r.int(0, 1), r.int(0, 479)),
    });
  // Counted as the app counts them: once per visitor, booth and day in the fair's zone.
  const dated = visits.map((v) => ({
    ...v,
    day: new Date(`${utcToWallTime(v.createdAt, fair.timeZone).slice(0, 10)}T00:00:00Z`),
  }));
  await db.boothVisit.createMany({ data: dated, skipDuplicates: true });
  await db.bookmark.createMany({ data: [...bookmarks.values()] });

  // Meetings: 16 slots a day per person; each investor meets a few exhibitors in distinct slots.
  const busy = new Set<string>();
  let meetings = 0;
  let outcomes = 0;
  for (const inv of investors) {
    for (const { booth, exhibitorUserId } of r.sample(booths, r.int(1, 3))) {
      let day = 0;
      let slot = 0;
      for (let tries = 0; tries < 20; tries++) {
        day = r.int(0, 1);
        slot = r.int(0, 23);
        if (!busy.has(`${inv.userId}:${day}:${slot}`) && !busy.has(`${exhibitorUserId}:${day}:${slot}`)) break;
      }
      if (busy.has(`${inv.userId}:${day}:${slot}`) || busy.has(`${exhibitorUserId}:${day}:${slot}`)) continue;
      busy.add(`${inv.userId}:${day}:${slot}`).add(`${exhibitorUserId}:${day}:${slot}`);
      const startsAt = during(day, slot * SLOT_MIN);
      const endsAt = new Date(startsAt.getTime() + SLOT_MIN * MIN);
      const roll = r.next();
      const status = roll < 0.78 ? "COMPLETED" : roll < 0.9 ? "NO_SHOW" : "CANCELLED";
      const project = booth.projects[0];
      const request = await db.meetingRequest.create({
        data: {
          fairId: fair.id,
          fromUserId: inv.userId,
          fromOrgId: inv.organizationId,
          toOrgId: booth.organizationId,
          projectId: project?.id,
          status: "ACCEPTED",
          message: "希望进一步了解项目。",
          createdAt: new Date(start.getTime() - r.int(2, 10) * 864e5),
          respondedAt: new Date(start.getTime() - 864e5),
          slots: { create: { startsAt, endsAt } },
        },
      });
      const meeting = await db.meeting.create({
        data: {
          fairId: fair.id,
          requestId: request.id,
          investorOrgId: inv.organizationId,
          exhibitorOrgId: booth.organizationId,
          projectId: project?.id,
          startsAt,
          endsAt,
          status,
          attendanceSettledAt: status === "CANCELLED" ? null : new Date(startsAt.getTime() + 10 * MIN),
          startedAt: status === "COMPLETED" ? startsAt : null,
          endedAt: status === "COMPLETED" ? endsAt : null,
          cancelReason: status === "CANCELLED" ? "行程冲突 / Schedule conflict" : null,
          noShowUserIds: status === "NO_SHOW" ? [exhibitorUserId] : [],
          participants: {
            create: [inv.userId, exhibitorUserId].map((userId) => ({
              userId,
              startsAt,
              endsAt,
              active: status !== "CANCELLED",
            })),
          },
        },
      });
      meetings++;
      if (status === "NO_SHOW") {
        await db.meetingAttendance.create({
          data: {
            meetingId: meeting.id,
            userId: inv.userId,
            participantSid: `PA_demo_${meeting.id}_i`,
            joinedAt: startsAt,
            leftAt: new Date(startsAt.getTime() + 12 * MIN),
          },
        });
      }
      if (status !== "COMPLETED") continue;
      for (const [userId, who] of [
        [inv.userId, "i"],
        [exhibitorUserId, "e"],
      ] as const) {
        await db.meetingAttendance.create({
          data: {
            meetingId: meeting.id,
            userId,
            participantSid: `PA_demo_${meeting.id}_${who}`,
            joinedAt: new Date(startsAt.getTime() + r.int(0, 3) * MIN),
            leftAt: new Date(endsAt.getTime() - r.int(0, 2) * MIN),
          },
        });
      }
      const result = r.pick(RESULTS);
      const amount =
        result === "INTENT_TO_INVEST" || result === "LETTER_OF_INTENT" ? String(r.int(5, 200) * 100_000) : null;
      const [stepZh, stepEn] = r.pick(NEXT_STEPS);
      for (const side of ["INVESTOR", "EXHIBITOR"] as const) {
        if (side === "EXHIBITOR" && r.next() < 0.25) continue; // not every exhibitor records one
        await db.meetingOutcome.create({
          data: {
            meetingId: meeting.id,
            authorId: side === "INVESTOR" ? inv.userId : exhibitorUserId,
            side,
            result,
            amount,
            currency: "CNY",
            nextStep: result === "NOT_A_FIT" ? "" : `${stepZh} / ${stepEn}`,
            nextStepDate: result === "NOT_A_FIT" ? null : new Date(endsAt.getTime() + r.int(7, 30) * 864e5),
            notes: "",
            rating: result === "NOT_A_FIT" ? r.int(2, 4) : r.int(3, 5),
            createdAt: endsAt,
          },
        });
        outcomes++;
      }
    }
  }

  // Post-fair survey: most investors and about half the exhibitors answered.
  const answered = [
    ...investors.map((m) => ({ userId: m.userId, role: "INVESTOR" as const })).filter(() => r.next() < 0.7),
    ...booths.map((b) => ({ userId: b.exhibitorUserId, role: "EXHIBITOR" as const })).filter(() => r.next() < 0.5),
  ];
  await db.fairSurvey.createMany({
    data: answered.map((a) => ({
      fairId: fair.id,
      userId: a.userId,
      role: a.role,
      nps: Math.min(10, r.int(5, 11)),
      satisfaction: r.int(3, 5),
      comment: r.next() < 0.3 ? "洽谈安排高效，希望增加线下考察环节。" : "",
      createdAt: new Date(start.getTime() + 3 * 864e5),
    })),
  });
  return { meetings, outcomes };
}
