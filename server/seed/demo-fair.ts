// Seeds the demo: 2026 江苏云投资洽谈会 with 5 halls, 35 public booths (70 projects, products,
// contacts), 3 applications awaiting review, 24 investors with profiles, the province bureau and its
// two city bureaus with their logins (demo-bureaus.ts), and one admin account. Standard booths are free; premium booths cost ¥5,000 and are seeded as paid. Plus a
// closed spring fair with its meetings and outcomes (demo-history.ts) for the staff dashboard, and
// pending meeting requests in the demo fair for the auto-scheduler (demo-requests.ts).
// Idempotent: skips when the demo fair exists.
import { hashPassword } from "../../app/auth/password.server.ts";
import type { Db } from "../../app/db/client.server.ts";
import type { MediaStorage } from "../../media/storage.ts";
import { bannerSvg, logoSvg } from "../../media/generated-art.ts";
import { seedDemoBureaus, seedSuzhouFair } from "./demo-bureaus.ts";
import { seedDemoHistory } from "./demo-history.ts";
import { seedDemoRequests } from "./demo-requests.ts";
import {
  BRANDS,
  INVESTOR_KINDS,
  INVESTOR_NAMES,
  INVESTOR_REGIONS,
  PROJECT_KINDS,
  REGIONS,
  SECTORS,
  STAGES,
  rng,
} from "./demo-data.ts";

export const DEMO_FAIR_SLUG = "jiangsu-2026";
export const DEMO_PASSWORD = "cloudfair-demo";
export const DEMO_DOMAIN = "demo.cloudfair.cn";
const EXHIBITORS_PER_HALL = 7;
const PENDING_APPLICATIONS = 3;
const PREMIUM_FEE = 5_000 * 100;
const INVESTORS = 24;
const YUAN = 100; // minor units per yuan

export interface SeedSummary {
  skipped: boolean;
  halls: number;
  exhibitors: number;
  projects: number;
  investors: number;
  pending: number;
  /** Pending meeting requests in the demo fair. */
  requests: number;
}

export async function seedDemo(
  db: Db,
  media: MediaStorage,
  log: (m: string) => void = () => {},
  /** `pendingRequests: false` leaves the demo fair without meeting requests (tests of a blank start). */
  opts: { pendingRequests?: boolean } = {},
): Promise<SeedSummary> {
  if (await db.fair.findUnique({ where: { slug: DEMO_FAIR_SLUG }, select: { id: true } })) {
    return { skipped: true, halls: 0, exhibitors: 0, projects: 0, investors: 0, pending: 0, requests: 0 };
  }
  const r = rng(20261208);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Demo accounts count as confirmed addresses (no banner asking them to confirm, ADR 026).
  const verifiedAt = new Date();
  const user = (email: string, name: string) => ({
    email: `${email}@${DEMO_DOMAIN}`,
    name,
    passwordHash,
    emailVerifiedAt: verifiedAt,
  });

  // The province and its cities (demo-bureaus.ts): Nanjing organizes the demo fair; staff@ is its staff.
  const { nanjing: bureau, suzhou } = await seedDemoBureaus(db, user);
  const platform = await db.organization.create({
    data: { kind: "PLATFORM", nameZh: "云展洽平台", nameEn: "CloudFair Platform" },
  });
  await db.user.create({
    data: { ...user("admin", "平台管理员"), memberships: { create: { organizationId: platform.id, role: "ADMIN" } } },
  });

  // The fair opens two weeks after the demo is created, 09:00 China time, for three days.
  const start = new Date(Date.now() + 14 * 864e5);
  start.setUTCHours(1, 0, 0, 0);
  const fair = await db.fair.create({
    data: {
      slug: DEMO_FAIR_SLUG,
      titleZh: "2026 江苏云投资洽谈会",
      titleEn: "2026 Jiangsu Online Investment Fair",
      descriptionZh:
        "面向全球投资人的江苏重点产业招商活动：新能源、生物医药、集成电路、高端装备与数字经济五大展馆，在线参展、在线洽谈、在线签约。",
      descriptionEn:
        "Jiangsu's flagship investment-promotion event for global investors: five halls — new energy, biomedicine, integrated circuits, advanced equipment and the digital economy — with online booths, negotiations and signings.",
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * 864e5 - 3600e3 * 16),
      timeZone: "Asia/Shanghai",
      status: "PUBLISHED",
      applicationDeadline: new Date(start.getTime() - 2 * 864e5),
      meetingDays: [0, 1, 2].map((d) => new Date(start.getTime() + d * 864e5 + 8 * 3600e3).toISOString().slice(0, 10)),
      sessionStart: "09:00",
      sessionEnd: "17:00",
      slotMinutes: 20,
      organizerId: bureau.id,
    },
  });
  await seedSuzhouFair(db, suzhou.id, start);
  const standard = await db.boothTier.create({
    data: {
      fairId: fair.id,
      code: "standard",
      nameZh: "标准展位",
      nameEn: "Standard booth",
      feeAmount: 0,
      position: 0,
    },
  });
  const premium = await db.boothTier.create({
    data: {
      fairId: fair.id,
      code: "premium",
      nameZh: "特装展位",
      nameEn: "Premium booth",
      feeAmount: PREMIUM_FEE,
      position: 1,
    },
  });

  let exhibitorNo = 0;
  let projects = 0;
  for (const [hallIndex, sector] of SECTORS.entries()) {
    const hall = await db.hall.create({
      data: {
        fairId: fair.id,
        slug: sector.code,
        nameZh: sector.hallZh,
        nameEn: sector.hallEn,
        sector: sector.code,
        position: hallIndex,
      },
    });
    const perHall = EXHIBITORS_PER_HALL + (hallIndex < PENDING_APPLICATIONS ? 1 : 0);
    for (let i = 0; i < perHall; i++) {
      const pending = i === EXHIBITORS_PER_HALL; // the extra exhibitor in the first halls has applied, awaiting review
      exhibitorNo++;
      const [brandZh, brandEn] = BRANDS[(hallIndex * 3 + i) % BRANDS.length];
      const [nounZh, nounEn] = sector.nouns[i % sector.nouns.length];
      const [region, regionZh, regionEn] = r.pick(REGIONS);
      const nameZh = `${regionZh}${brandZh}${nounZh}有限公司`;
      const nameEn = `${regionEn} ${brandEn} ${nounEn} Co., Ltd.`;
      const no = String(exhibitorNo).padStart(2, "0");
      const org = await db.organization.create({
        data: {
          kind: "EXHIBITOR",
          nameZh,
          nameEn,
          sector: sector.code,
          region,
          website: `https://${brandEn.toLowerCase()}-${no}.example.cn`,
          contactName: `${brandZh}招商部`,
          contactEmail: `invest@${brandEn.toLowerCase()}-${no}.example.cn`,
          contactPhone: `+86 25 8${String(1000000 + exhibitorNo * 7919).slice(-7)}`,
          descriptionZh: `${nameZh}成立于${r.int(2008, 2021)}年，总部位于${regionZh}。${sector.pitchZh}`,
          descriptionEn: `${nameEn} was founded in ${r.int(2008, 2021)} and is headquartered in ${regionEn}. ${sector.pitchEn}`,
          memberships: {
            create: { role: "EXHIBITOR", user: { create: user(`exhibitor${no}`, `${brandZh}${nounZh}负责人`) } },
          },
        },
      });
      const logoKey = `booths/${org.id}/logo.svg`;
      const bannerKey = `booths/${org.id}/banner.svg`;
      await media.put(logoKey, logoSvg(org.id, brandZh[0]));
      await media.put(bannerKey, bannerSvg(org.id, `${brandZh}${nounZh}`, `${brandEn} ${nounEn} · ${sector.hallEn}`));
      const tier = i < 2 ? premium : standard;
      const booth = await db.booth.create({
        data: {
          fairId: fair.id,
          hallId: hall.id,
          organizationId: org.id,
          tierId: tier.id,
          status: pending ? "SUBMITTED" : "APPROVED",
          submittedAt: new Date(),
          reviewedAt: pending ? null : new Date(),
          feeAmount: tier.feeAmount,
          paymentStatus: tier.feeAmount > 0 ? "PAID" : "NOT_REQUIRED",
          isPublic: !pending,
          featured: i === 0,
          position: i,
          logoKey,
          bannerKey,
          descriptionZh: `欢迎来到${nameZh}展位。${sector.pitchZh}我们期待与关注${nounZh}领域的投资人深入洽谈。`,
          descriptionEn: `Welcome to the booth of ${nameEn}. ${sector.pitchEn} We look forward to talking with investors interested in ${nounEn.toLowerCase()}.`,
        },
      });
      await db.product.create({
        data: {
          boothId: booth.id,
          nameZh: `${brandZh}${nounZh}解决方案`,
          nameEn: `${brandEn} ${nounEn} Solutions`,
          descriptionZh: `面向客户的${nounZh}产品与服务。`,
          descriptionEn: `${nounEn} products and services for industrial customers.`,
        },
      });
      await db.teamContact.create({
        data: {
          boothId: booth.id,
          name: `${brandZh}经理`,
          title: "投资者关系 / Investor relations",
          email: `ir@${brandEn.toLowerCase()}-${no}.example.cn`,
          phone: `+86 512 6${String(1000000 + exhibitorNo * 104729).slice(-7)}`,
        },
      });
      for (let k = 0; k < 2; k++) {
        const [kindZh, kindEn, stage] = PROJECT_KINDS[(i + k * 3 + hallIndex) % PROJECT_KINDS.length];
        const amountYuan = r.int(5, 500) * 1_000_000;
        await db.project.create({
          data: {
            boothId: booth.id,
            organizationId: org.id,
            sector: sector.code,
            stage,
            region,
            currency: "CNY",
            amountSought: BigInt(amountYuan * YUAN),
            titleZh: `${brandZh}${nounZh}${kindZh}`,
            titleEn: `${brandEn} ${nounEn} ${kindEn}`,
            descriptionZh: `项目位于${regionZh}，拟融资 ${amountYuan / 1e6} 百万元，用于${nounZh}产品研发与产能建设。${sector.pitchZh}`,
            descriptionEn: `Located in ${regionEn}, seeking CNY ${amountYuan / 1e6} million for ${nounEn.toLowerCase()} R&D and capacity. ${sector.pitchEn}`,
          },
        });
        projects++;
      }
    }
    log(`seeded hall ${sector.hallEn}`);
  }

  for (let i = 0; i < INVESTORS; i++) {
    const [nZh, nEn] = INVESTOR_NAMES[i % INVESTOR_NAMES.length];
    const [kZh, kEn] = INVESTOR_KINDS[(i + Math.floor(i / INVESTOR_NAMES.length)) % INVESTOR_KINDS.length];
    const sectors = r.sample(SECTORS, r.int(1, 3));
    const firstStage = r.int(0, STAGES.length - 3);
    const stages = STAGES.slice(firstStage, firstStage + r.int(2, 3));
    const ticketMinYuan = r.pick([5, 10, 20, 30, 50]) * 1_000_000;
    const no = String(i + 1).padStart(2, "0");
    await db.organization.create({
      data: {
        kind: "INVESTOR",
        nameZh: `${nZh}${kZh}`,
        nameEn: `${nEn} ${kEn}`,
        region: r.pick(INVESTOR_REGIONS),
        memberships: { create: { role: "INVESTOR", user: { create: user(`investor${no}`, `${nZh}${kZh}合伙人`) } } },
        investorProfile: {
          create: {
            sectors: sectors.map((s) => s.code),
            stages,
            ticketMin: BigInt(ticketMinYuan * YUAN),
            ticketMax: BigInt(ticketMinYuan * r.pick([4, 5, 10]) * YUAN),
            currency: "CNY",
            regions: r.sample(INVESTOR_REGIONS, r.int(1, 3)),
            thesisZh: `重点关注${sectors.map((s) => s.hallZh.replace("馆", "")).join("、")}领域的早中期企业，偏好拥有核心技术和清晰产业化路径的团队。`,
            thesisEn: `Backs companies in ${sectors.map((s) => s.hallEn.replace(" Hall", "").toLowerCase()).join(", ")} with core technology and a clear path to industrialization.`,
            meetingCapacity: r.int(6, 16),
          },
        },
      },
    });
  }
  log(`seeded ${INVESTORS} investors`);
  const history = await seedDemoHistory(db, { fairId: fair.id, organizerId: bureau.id });
  log(`seeded the closed spring fair: ${history.meetings} meetings, ${history.outcomes} outcomes`);
  const requests = opts.pendingRequests === false ? 0 : await seedDemoRequests(db, fair.id);
  if (requests > 0) log(`seeded ${requests} pending meeting requests`);
  return {
    skipped: false,
    halls: SECTORS.length,
    exhibitors: exhibitorNo,
    projects,
    investors: INVESTORS,
    pending: PENDING_APPLICATIONS,
    requests,
  };
}
