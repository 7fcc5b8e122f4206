// The demo's roadshows (云推介): on every start of the demo, the demo fair gets one roadshow that is
// live now (exhibitor01's booth presents its projects; staff and exhibitor01 run it) and one
// upcoming one presented by the bureau, unless it already has them, so the live room can be tried
// at once (investor01 is registered to both).
import type { Db } from "../../app/db/client.server.ts";
import { DEMO_DOMAIN, DEMO_FAIR_SLUG } from "./demo-fair.ts";

const MIN = 60_000;

export async function ensureDemoRoadshows(
  db: Db,
  now = new Date(),
): Promise<{ live: string; upcoming: string } | null> {
  const fair = await db.fair.findUnique({ where: { slug: DEMO_FAIR_SLUG }, select: { id: true, organizerId: true } });
  const userOf = (local: string) =>
    db.user.findUnique({ where: { email: `${local}@${DEMO_DOMAIN}` }, select: { id: true } });
  const [staff, exhibitor, investor] = await Promise.all([
    userOf("staff"),
    userOf("exhibitor01"),
    userOf("investor01"),
  ]);
  if (!fair || !staff || !exhibitor || !investor) return null;
  const booth = await db.booth.findFirst({
    where: { fairId: fair.id, organization: { memberships: { some: { userId: exhibitor.id } } } },
    select: { id: true, organization: { select: { nameZh: true, nameEn: true } }, projects: { select: { id: true } } },
  });
  if (!booth) return null;

  let live = await db.roadshow.findFirst({
    where: { fairId: fair.id, status: { in: ["LIVE", "PAUSED"] }, endsAt: { gt: now } },
    select: { id: true },
  });
  if (!live) {
    const startsAt = new Date(now.getTime() - 10 * MIN);
    live = await db.roadshow.create({
      data: {
        fairId: fair.id,
        titleZh: `${booth.organization.nameZh} 项目云推介`,
        titleEn: `${booth.organization.nameEn}: project roadshow`,
        descriptionZh: "企业负责人在线介绍重点投资项目，现场答疑，欢迎投资人预约洽谈。",
        descriptionEn:
          "The company's leadership presents its key investment projects live and answers questions; investors may book meetings.",
        agendaZh: "企业介绍\n重点项目推介\n问答与洽谈预约",
        agendaEn: "About the company\nProject presentations\nQ&A and meeting requests",
        speakers: [
          { name: "陈立新", orgZh: booth.organization.nameZh, orgEn: booth.organization.nameEn },
          { name: "王晓岚", orgZh: "江苏省商务厅", orgEn: "Jiangsu Department of Commerce" },
        ],
        startsAt,
        endsAt: new Date(startsAt.getTime() + 120 * MIN),
        capacity: 500,
        boothId: booth.id,
        projectIds: booth.projects.map((p) => p.id),
        status: "LIVE",
        startedAt: startsAt,
        presenterIds: [exhibitor.id, staff.id],
      },
      select: { id: true },
    });
  }

  let upcoming = await db.roadshow.findFirst({
    where: { fairId: fair.id, status: "SCHEDULED", startsAt: { gt: now } },
    select: { id: true },
  });
  if (!upcoming) {
    const startsAt = new Date(now.getTime() + 26 * 60 * MIN);
    startsAt.setUTCMinutes(0, 0, 0);
    const projects = await db.project.findMany({
      where: { booth: { fairId: fair.id, isPublic: true, featured: true } },
      select: { id: true },
      take: 6,
    });
    upcoming = await db.roadshow.create({
      data: {
        fairId: fair.id,
        titleZh: "苏州工业园区投资环境推介会",
        titleEn: "Suzhou Industrial Park: investment environment roadshow",
        descriptionZh: "园区管委会介绍产业政策、载体资源与重点招商项目。",
        descriptionEn: "The park's administration presents industrial policy, sites and its priority projects.",
        agendaZh: "园区概况与产业政策\n重点招商项目发布\n投资人问答",
        agendaEn: "The park and its policies\nPriority projects\nInvestor Q&A",
        speakers: [
          { name: "李明", orgZh: "苏州工业园区管委会", orgEn: "Suzhou Industrial Park Administrative Committee" },
          { name: "王晓岚", orgZh: "江苏省商务厅", orgEn: "Jiangsu Department of Commerce" },
        ],
        startsAt,
        endsAt: new Date(startsAt.getTime() + 90 * MIN),
        capacity: 1000,
        projectIds: projects.map((p) => p.id),
        status: "SCHEDULED",
        presenterIds: [staff.id],
      },
      select: { id: true },
    });
  }
  // search: the fair's roadshows and programme (a Meilisearch index keeps its documents across starts)
  await db.searchOutbox.create({ data: { roadshowId: live.id } });
  for (const roadshowId of [live.id, upcoming.id])
    await db.roadshowRegistration.upsert({
      where: { roadshowId_userId: { roadshowId, userId: investor.id } },
      create: { roadshowId, userId: investor.id, shareContact: true },
      update: {},
    });
  return { live: live.id, upcoming: upcoming.id };
}
