// Builders for integration tests: users with roles, organizations, a fair with booths, and
// Requests carrying a real session cookie.
import { hashPassword } from "../../app/auth/password.server.ts";
import { createSession } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { fairSlots } from "../../app/domain/meetings/slots.ts";
import type { BoothStatus, MeetingStatus, Role } from "../../app/generated/prisma/client.ts";

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
let hashed: Promise<string> | null = null;
export const TEST_PASSWORD = "correct-horse-9";

export async function makeUser(role: Role | "VISITOR", orgId?: string) {
  hashed ??= hashPassword(TEST_PASSWORD);
  const email = `${role.toLowerCase()}-${uniq()}@test.cloudfair.cn`;
  const orgKind =
    role === "STAFF" || role === "BUREAU_ADMIN" || role === "VIEWER" ? "BUREAU" : role === "ADMIN" ? "PLATFORM" : role;
  const organizationId =
    role === "VISITOR"
      ? undefined
      : (orgId ??
        (
          await db().organization.create({
            data: { kind: orgKind as never, nameZh: `机构${uniq()}`, nameEn: `Org ${uniq()}` },
          })
        ).id);
  const user = await db().user.create({
    data: {
      email,
      name: `${role} ${uniq()}`,
      passwordHash: await hashed,
      ...(organizationId && role !== "VISITOR" ? { memberships: { create: { organizationId, role } } } : {}),
    },
  });
  const cookie = (await createSession(user.id)).split(";")[0];
  return { user, email, organizationId: organizationId ?? null, cookie };
}

export async function makeFair(status: "DRAFT" | "PUBLISHED" = "PUBLISHED") {
  const organizer = await db().organization.create({ data: { kind: "BUREAU", nameZh: "商务局", nameEn: "Bureau" } });
  return db().fair.create({
    data: {
      slug: `fair-${uniq()}`,
      titleZh: "测试展会",
      titleEn: "Test Fair",
      status,
      organizerId: organizer.id,
      startsAt: new Date("2026-12-08T01:00:00Z"),
      endsAt: new Date("2026-12-10T09:00:00Z"),
      halls: { create: [{ slug: "bio", nameZh: "生物医药馆", nameEn: "Biomedicine Hall", sector: "biomedicine" }] },
      tiers: {
        create: [
          { code: "standard", nameZh: "标准展位", nameEn: "Standard", feeAmount: 0 },
          { code: "premium", nameZh: "特装展位", nameEn: "Premium", feeAmount: 500_000, position: 1 },
        ],
      },
    },
    include: { halls: true, tiers: { orderBy: { position: "asc" } } },
  });
}

export async function makeBooth(
  fair: Awaited<ReturnType<typeof makeFair>>,
  organizationId: string,
  status: BoothStatus = "APPROVED",
  opts: { premium?: boolean } = {},
) {
  const tier = fair.tiers[opts.premium ? 1 : 0];
  return db().booth.create({
    data: {
      fairId: fair.id,
      hallId: fair.halls[0].id,
      organizationId,
      status,
      tierId: tier.id,
      feeAmount: tier.feeAmount,
      paymentStatus: tier.feeAmount > 0 ? "UNPAID" : "NOT_REQUIRED",
      isPublic: status === "APPROVED" && tier.feeAmount === 0,
      descriptionZh: "原始介绍",
      descriptionEn: "Original",
      contacts: { create: { name: "张经理", title: "IR", email: "zhang@booth.example.cn", phone: "+86 512 66668888" } },
      projects: {
        create: {
          organizationId,
          titleZh: "基因治疗产业化项目",
          titleEn: "Gene therapy project",
          sector: "biomedicine",
          stage: "SERIES_A",
          amountSought: 5_000_000_000n,
          region: "suzhou",
        },
      },
    },
  });
}

export function req(
  path: string,
  opts: { cookie?: string; method?: string; form?: Record<string, string> } = {},
): Request {
  const headers = new Headers();
  if (opts.cookie) headers.set("Cookie", opts.cookie);
  const init: RequestInit = { method: opts.method ?? (opts.form ? "POST" : "GET"), headers };
  if (opts.form) init.body = new URLSearchParams(opts.form);
  return new Request(`http://localhost${path}`, init);
}

/** Runs a loader/action and returns its Response, whether it returned or threw it. */
export async function call(
  fn: (args: never) => unknown,
  request: Request,
  params: Record<string, string> = {},
  context: Record<string, unknown> = { clientIp: "127.0.0.1" },
): Promise<Response> {
  try {
    const out = await fn({ request, params, context } as never);
    return out instanceof Response ? out : new Response(JSON.stringify(out), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

type Party = { user: { id: string }; organizationId: string | null };

/** A booked meeting between an investor and an exhibitor (both as participants) in `fair`. */
export async function makeMeeting(opts: {
  fair: { id: string };
  investor: Party;
  exhibitor: Party;
  startsAt: Date;
  endsAt: Date;
  status?: MeetingStatus;
  projectId?: string;
}) {
  const { fair, investor, exhibitor, startsAt, endsAt } = opts;
  return db().meeting.create({
    data: {
      fairId: fair.id,
      investorOrgId: investor.organizationId!,
      exhibitorOrgId: exhibitor.organizationId!,
      startsAt,
      endsAt,
      status: opts.status,
      projectId: opts.projectId,
      participants: { create: [investor, exhibitor].map((u) => ({ userId: u.user.id, startsAt, endsAt })) },
    },
  });
}

/** An investor organization's profile: biomedicine, Series A, 1–100 million yuan, Suzhou, and `extra`. */
export const makeInvestorProfile = (organizationId: string, extra: Record<string, unknown> = {}) =>
  db().investorProfile.create({
    data: {
      organizationId,
      sectors: ["biomedicine"],
      stages: ["SERIES_A"],
      ticketMin: 100_000_000n,
      ticketMax: 10_000_000_000n,
      regions: ["suzhou"],
      ...extra,
    },
  });

/** Makes `day` the fair's one meeting day (09:00–17:00 in Shanghai, 20-minute slots); returns its slots. */
export async function giveMeetingDay(fair: { id: string }, day: string) {
  await db().fair.update({ where: { id: fair.id }, data: { meetingDays: [day], timeZone: "Asia/Shanghai" } });
  return fairSlots({
    meetingDays: [day],
    sessionStart: "09:00",
    sessionEnd: "17:00",
    slotMinutes: 20,
    timeZone: "Asia/Shanghai",
  });
}

/** The fields of the staff fair form for `slug`, 8–10 December 2026 in Shanghai. */
export const fairFormFields = (slug: string) => ({
  slug,
  titleZh: "测试展会",
  titleEn: "Test Fair",
  timeZone: "Asia/Shanghai",
  startsAt: "2026-12-08T09:00",
  endsAt: "2026-12-10T17:00",
});
