// Pending meeting requests in the demo fair, so staff can try the auto-scheduler (and exhibitors
// and investors find invitations waiting) on a fresh `npm start`: investors ask booths in the
// sectors they invest in, a few exhibitors invite investors, each with 1–3 proposed slots on the
// fair's grid; recipients get the "invitation" notification the app would have sent.
// Deterministic. Investors 01–11, 20 and 21 are left without requests: they are the accounts the
// walkthroughs and end-to-end tests start from with an empty agenda. Nobody both asks and is asked:
// the scheduler takes a requester to be free only in the slots they proposed (ADR 013), so a party
// on both sides would rarely fit.
import type { Db } from "../../app/db/client.server.ts";
import { fairSlots, slotKey } from "../../app/domain/meetings/slots.ts";
import { rng } from "./demo-data.ts";

const REQUESTING_INVESTORS = [12, 13, 14, 15, 16, 17, 18, 19];
const INVITED_INVESTORS = [22, 23, 24];
const INVITING_EXHIBITORS = [5, 12, 19, 26];
const INVESTOR_MESSAGES = [
  "希望了解项目的融资计划与产能规划。 / We would like to hear about the funding plan and capacity.",
  "我们关注该领域多年，想进一步沟通估值与投资方式。 / Long-time investors in this field: keen to discuss valuation and structure.",
  "请介绍核心技术团队和目前的客户情况。 / Please walk us through the core team and current customers.",
  "有意参与本轮融资，希望约时间详谈。 / Interested in joining this round; let's find a time.",
];
const EXHIBITOR_MESSAGES = [
  "我们的项目与贵机构的投资方向契合，诚邀洽谈。 / Our project fits your investment focus: we would be glad to meet.",
  "本轮融资开放中，期待向您介绍项目进展。 / Our round is open; we would like to present our progress.",
];

export async function seedDemoRequests(db: Db, fairId: string): Promise<number> {
  const r = rng(20261203);
  const fair = await db.fair.findUniqueOrThrow({ where: { id: fairId } });
  const grid = fairSlots(fair);
  if (grid.length === 0) return 0;
  const booths = await db.booth.findMany({
    where: { fairId, isPublic: true },
    include: {
      hall: { select: { sector: true } },
      projects: { select: { id: true }, orderBy: { createdAt: "asc" } },
      organization: {
        select: { id: true, nameZh: true, nameEn: true, memberships: { select: { userId: true, role: true } } },
      },
    },
    orderBy: { position: "asc" },
  });
  const member = async (email: string, role: "INVESTOR" | "EXHIBITOR") =>
    db.membership.findFirst({
      where: { role, user: { email: `${email}@demo.cloudfair.cn` } },
      include: {
        organization: { select: { id: true, nameZh: true, nameEn: true, investorProfile: true } },
      },
    });
  const proposed = () =>
    r
      .sample(grid, r.int(1, 3))
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt }));
  const num = (n: number) => String(n).padStart(2, "0");
  const inviters = (
    await Promise.all(INVITING_EXHIBITORS.map((no) => member(`exhibitor${num(no)}`, "EXHIBITOR")))
  ).filter((m) => m !== null);
  const askable = booths.filter((b) => !inviters.some((i) => i.organizationId === b.organizationId));
  const created: { toOrgId: string; from: { nameZh: string; nameEn: string }; id: string; first: Date }[] = [];

  for (const no of REQUESTING_INVESTORS) {
    const inv = await member(`investor${num(no)}`, "INVESTOR");
    if (!inv) continue;
    const sectors = inv.organization.investorProfile?.sectors ?? [];
    const fitting = askable.filter((b) => sectors.includes(b.hall.sector));
    for (const booth of r.sample(fitting.length > 0 ? fitting : askable, r.int(1, 3))) {
      const slots = proposed();
      const req = await db.meetingRequest.create({
        data: {
          fairId,
          fromUserId: inv.userId,
          fromOrgId: inv.organizationId,
          toOrgId: booth.organizationId,
          projectId: booth.projects.length > 0 ? r.pick(booth.projects).id : null,
          message: r.pick(INVESTOR_MESSAGES),
          createdAt: new Date(Date.now() - r.int(1, 72) * 3600e3),
          slots: { create: slots },
        },
      });
      created.push({ toOrgId: booth.organizationId, from: inv.organization, id: req.id, first: slots[0].startsAt });
    }
  }
  const investors = (await Promise.all(INVITED_INVESTORS.map((no) => member(`investor${num(no)}`, "INVESTOR")))).filter(
    (m) => m !== null,
  );
  for (const ex of inviters) {
    const booth = booths.find((b) => b.organizationId === ex.organizationId);
    if (!booth) continue;
    const fitting = investors.filter((i) => i.organization.investorProfile?.sectors.includes(booth.hall.sector));
    const to = r.pick(fitting.length > 0 ? fitting : investors);
    if (!to) continue;
    const slots = proposed();
    const req = await db.meetingRequest.create({
      data: {
        fairId,
        fromUserId: ex.userId,
        fromOrgId: ex.organizationId,
        toOrgId: to.organizationId,
        projectId: booth.projects[0]?.id ?? null,
        message: r.pick(EXHIBITOR_MESSAGES),
        createdAt: new Date(Date.now() - r.int(1, 48) * 3600e3),
        slots: { create: slots },
      },
    });
    created.push({ toOrgId: to.organizationId, from: ex.organization, id: req.id, first: slots[0].startsAt });
  }

  // The recipients' "invitation" notifications, as requestMeeting writes them.
  const members = await db.membership.findMany({
    where: { organizationId: { in: created.map((c) => c.toOrgId) }, role: { in: ["EXHIBITOR", "INVESTOR"] } },
    select: { organizationId: true, userId: true },
  });
  await db.notification.createMany({
    data: created.flatMap((c) =>
      members
        .filter((m) => m.organizationId === c.toOrgId)
        .map((m) => ({
          userId: m.userId,
          kind: "meeting.request",
          data: {
            nameZh: c.from.nameZh,
            nameEn: c.from.nameEn,
            requestId: c.id,
            startsAt: slotKey({ startsAt: c.first }),
            timeZone: fair.timeZone,
          },
        })),
    ),
  });
  return created.length;
}
