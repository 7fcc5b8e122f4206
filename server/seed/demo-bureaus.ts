// The demo's bureaus (ADR 028): 江苏省商务厅 (province) with 南京市商务局 and 苏州市商务局 (cities).
// Nanjing organizes the demo fair (and its closed spring fair); Suzhou organizes a fair of its own.
// Logins (password cloudfair-demo): province@ — admin of the province bureau (reads its cities'
// fairs, contacts hidden); staff-nanjing@ and staff-suzhou@ — admins of their city bureaus;
// staff@ — staff of Nanjing (the demo fair's organizer, as the e2e tests expect).
import type { Db } from "../../app/db/client.server.ts";

export const DEMO_SUZHOU_SLUG = "suzhou-2026";

export async function seedDemoBureaus(db: Db, user: (email: string, name: string) => object) {
  const province = await db.organization.create({
    data: {
      kind: "BUREAU",
      slug: "jiangsu",
      level: "PROVINCE",
      nameZh: "江苏省商务厅",
      nameEn: "Jiangsu Department of Commerce",
      region: "nanjing",
      descriptionZh: "负责全省招商引资与展会统筹，查看各市展会的汇总数据。",
      descriptionEn: "Coordinates investment promotion and fairs across the province; sees every city's figures.",
    },
  });
  const city = (slug: string, nameZh: string, nameEn: string, region: string) =>
    db.organization.create({
      data: { kind: "BUREAU", slug, level: "CITY", parentId: province.id, nameZh, nameEn, region },
    });
  const nanjing = await city("nanjing", "南京市商务局", "Nanjing Municipal Bureau of Commerce", "nanjing");
  const suzhou = await city("suzhou", "苏州市商务局", "Suzhou Municipal Bureau of Commerce", "suzhou");
  const member = (email: string, name: string, organizationId: string, role: "STAFF" | "BUREAU_ADMIN") =>
    db.user.create({ data: { ...user(email, name), memberships: { create: { organizationId, role } } } } as never);
  await member("province", "陈思远", province.id, "BUREAU_ADMIN");
  await member("staff-nanjing", "周敏", nanjing.id, "BUREAU_ADMIN");
  await member("staff-suzhou", "顾嘉怡", suzhou.id, "BUREAU_ADMIN");
  await member("staff", "王晓岚", nanjing.id, "STAFF");
  return { province, nanjing, suzhou };
}

/** Suzhou's own fair: published, a month after the demo fair, two halls, open for applications. */
export async function seedSuzhouFair(db: Db, organizerId: string, demoStart: Date) {
  const start = new Date(demoStart.getTime() + 30 * 864e5);
  return db.fair.create({
    data: {
      slug: DEMO_SUZHOU_SLUG,
      titleZh: "2026 苏州工业园区云招商大会",
      titleEn: "2026 Suzhou Industrial Park Online Investment Fair",
      descriptionZh: "苏州市商务局主办：生物医药与集成电路两大展馆，在线参展、在线洽谈。",
      descriptionEn:
        "Organized by the Suzhou Municipal Bureau of Commerce: biomedicine and integrated circuits halls, online booths and negotiations.",
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 864e5 - 3600e3 * 16),
      timeZone: "Asia/Shanghai",
      status: "PUBLISHED",
      applicationDeadline: new Date(start.getTime() - 2 * 864e5),
      meetingDays: [0, 1].map((d) => new Date(start.getTime() + d * 864e5 + 8 * 3600e3).toISOString().slice(0, 10)),
      organizerId,
      halls: {
        create: [
          { slug: "biomedicine", nameZh: "生物医药馆", nameEn: "Biomedicine Hall", sector: "biomedicine", position: 0 },
          {
            slug: "semiconductors",
            nameZh: "集成电路馆",
            nameEn: "Integrated Circuits Hall",
            sector: "semiconductors",
            position: 1,
          },
        ],
      },
      tiers: {
        create: [{ code: "standard", nameZh: "标准展位", nameEn: "Standard booth", feeAmount: 0, position: 0 }],
      },
    },
  });
}
