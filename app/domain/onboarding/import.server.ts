// Bulk onboarding of a fair's exhibitors or investors from a spreadsheet (ADR 027).
//   check (dry run): read the file, check every row, look up which accounts and codes exist — write
//     nothing but the ImportJob that keeps the checked rows for the import;
//   import: a background job, in chunks of CHUNK rows (one transaction each), its progress on the
//     job row, which the staff page polls. Idempotent: an organization is found again by its credit
//     code, else by its contact's email, and only what differs is written; a chunk that failed is
//     simply imported again.
// What the file says about an organization is applied while its invitation is not yet claimed;
// after that, the organization keeps its own profile and only the booth's hall and tier (while the
// booth is a draft) follow the file.
import { createId } from "@paralleldrive/cuid2";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/db/client.server";
import type { SessionUser } from "~/auth/session.server";
import { audit } from "~/domain/audit/audit.server";
import { DomainError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { type ImportKind } from "./columns";
import {
  hasUsablePassword,
  newClaimToken,
  queueInvitations,
  UNUSABLE_PASSWORD,
  type InvitationMail,
} from "./invitations.server";
import { readSheet } from "./read-sheet.server";
import {
  checkSheet,
  type ExhibitorRow,
  type FairContext,
  type ImportRow,
  type InvestorRow,
  type RowError,
} from "./rows";

export const CHUNK = 500;
type Tx = Prisma.TransactionClient;
const ORG_KIND = { exhibitor: "EXHIBITOR", investor: "INVESTOR" } as const;

async function fairContext(fairId: string): Promise<FairContext & { titleZh: string; titleEn: string }> {
  const fair = await db().fair.findUnique({
    where: { id: fairId },
    select: {
      titleZh: true,
      titleEn: true,
      halls: { select: { id: true, slug: true, nameZh: true, nameEn: true, sector: true } },
      tiers: { select: { id: true, code: true, nameZh: true, nameEn: true } },
    },
  });
  if (!fair) throw new DomainError("errorPage.404.title", 404);
  return fair;
}

export interface CheckSummary {
  jobId: string;
  fileName: string;
  kind: ImportKind;
  total: number;
  valid: number;
  errors: RowError[];
}

/** The dry run: every row checked against the file's rules and the database; nothing imported. */
export async function checkUpload(
  staff: SessionUser,
  fairId: string,
  kind: ImportKind,
  fileName: string,
  bytes: Uint8Array,
): Promise<CheckSummary> {
  const fair = await fairContext(fairId);
  const cells = await readSheet(fileName, bytes);
  const result = checkSheet(kind, cells, fair);
  if ("fileProblem" in result) {
    const p = result.fileProblem;
    if (p.key === "missingColumns")
      throw new DomainError("onboarding.file.missingColumns", 400, { columns: p.columns.join(", ") });
    if (p.key === "tooManyRows") throw new DomainError("onboarding.file.tooManyRows", 413, { max: p.max });
    throw new DomainError("onboarding.file.empty", 400);
  }
  const { rows, errors } = await checkAgainstDatabase(kind, result.rows);
  errors.push(...result.errors);
  errors.sort((a, b) => a.row - b.row);
  const job = await db().importJob.create({
    data: {
      fairId,
      kind: ORG_KIND[kind],
      createdById: staff.id,
      fileName: fileName.slice(0, 200),
      rows: rows as unknown as Prisma.InputJsonValue,
      errors: errors as unknown as Prisma.InputJsonValue,
      total: rows.length,
    },
  });
  return { jobId: job.id, fileName: job.fileName, kind, total: result.total, valid: rows.length, errors };
}

/** Rows whose email or credit code belongs to an account or organization of another kind. */
async function checkAgainstDatabase(kind: ImportKind, rows: ImportRow[]) {
  const role = ORG_KIND[kind];
  const errors: RowError[] = [];
  const ok: ImportRow[] = [];
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    const codes = chunk.flatMap((r) => (r.creditCode ? [r.creditCode] : []));
    const [orgs, users] = await Promise.all([
      db().organization.findMany({ where: { creditCode: { in: codes } }, select: { creditCode: true, kind: true } }),
      db().user.findMany({
        where: { email: { in: chunk.map((r) => r.email) } },
        select: { email: true, memberships: { select: { role: true } } },
      }),
    ]);
    const orgKind = new Map(orgs.map((o) => [o.creditCode!, o.kind]));
    const userRoles = new Map(users.map((u) => [u.email, u.memberships.map((m) => m.role)]));
    for (const r of chunk) {
      const k = r.creditCode ? orgKind.get(r.creditCode) : undefined;
      const roles = userRoles.get(r.email);
      if (k && k !== role) errors.push({ row: r.row, column: "creditCode", key: "orgKindTaken" });
      else if (roles && !roles.includes(role)) errors.push({ row: r.row, column: "email", key: "accountTaken" });
      else ok.push(r);
    }
  }
  return { rows: ok, errors };
}

export async function getJob(fairId: string, jobId: string) {
  const job = await db().importJob.findUnique({
    where: { id: jobId },
    select: {
      id: true,
      fairId: true,
      kind: true,
      fileName: true,
      status: true,
      errors: true,
      total: true,
      processed: true,
      created: true,
      updated: true,
      unchanged: true,
    },
  });
  if (!job || job.fairId !== fairId) return null;
  return { ...job, errors: job.errors as unknown as RowError[] };
}

/** Starts the import of a checked file in the background; the page follows it with getJob. */
export async function startImport(staff: SessionUser, fairId: string, jobId: string): Promise<Promise<void>> {
  const job = await db().importJob.findUnique({ where: { id: jobId }, select: { fairId: true, total: true } });
  if (!job || job.fairId !== fairId) throw new DomainError("onboarding.jobNotFound", 404);
  if (job.total === 0) throw new DomainError("onboarding.nothingToImport", 400);
  const started = await db().importJob.updateMany({
    where: { id: jobId, status: { in: ["CHECKED", "FAILED"] } },
    data: { status: "RUNNING", processed: 0, created: 0, updated: 0, unchanged: 0 },
  });
  if (started.count !== 1) throw new DomainError("onboarding.jobStarted", 409);
  await audit({
    actorId: staff.id,
    action: "onboarding.import",
    entityType: "Fair",
    entityId: fairId,
    after: { jobId },
  });
  return runImport(jobId).catch((err: unknown) => {
    logger.error({ err, jobId }, "import failed");
  });
}

/** Runs (or, after a crash, re-runs) an import job to the end. */
export async function runImport(jobId: string, now = new Date()): Promise<void> {
  const job = await db().importJob.findUniqueOrThrow({ where: { id: jobId } });
  const kind: ImportKind = job.kind === "EXHIBITOR" ? "exhibitor" : "investor";
  const rows = job.rows as unknown as ImportRow[];
  const fair = await fairContext(job.fairId);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  try {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const c = await db().$transaction((tx) => importChunk(tx, kind, job.fairId, fair, chunk, now), {
        timeout: 120_000,
        maxWait: 30_000,
      });
      counts.created += c.created;
      counts.updated += c.updated;
      counts.unchanged += c.unchanged;
      await db().importJob.update({
        where: { id: jobId },
        data: { processed: Math.min(rows.length, i + CHUNK), ...counts },
      });
    }
    await db().importJob.update({ where: { id: jobId }, data: { status: "DONE", finishedAt: new Date(), rows: [] } });
  } catch (err) {
    await db().importJob.update({ where: { id: jobId }, data: { status: "FAILED", finishedAt: new Date() } });
    throw err;
  }
}

const ORG_SELECT = {
  id: true,
  kind: true,
  nameZh: true,
  nameEn: true,
  creditCode: true,
  contactName: true,
  contactEmail: true,
  contactPhone: true,
  region: true,
  sector: true,
} as const;
type OrgRow = Prisma.OrganizationGetPayload<{ select: typeof ORG_SELECT }>;

const CJK = /[\u3400-\u9fff]/u;
/** The invitee's language, from how their name is written (they choose their own after claiming). */
const localeOf = (r: ImportRow) => (CJK.test(r.contactName) ? "zh-CN" : "en");

function orgData(r: ImportRow) {
  return {
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    creditCode: r.creditCode,
    contactName: r.contactName,
    contactEmail: r.email,
    contactPhone: r.phone,
    region: r.region,
    ...(r.kind === "exhibitor" ? { sector: r.sector } : {}),
  };
}
function differs(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return Object.keys(a).some((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null));
}

async function importChunk(
  tx: Tx,
  kind: ImportKind,
  fairId: string,
  fair: Awaited<ReturnType<typeof fairContext>>,
  rows: ImportRow[],
  now: Date,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const role = ORG_KIND[kind];
  const codes = rows.flatMap((r) => (r.creditCode ? [r.creditCode] : []));
  const emails = rows.map((r) => r.email);
  const [byCodeList, users] = await Promise.all([
    tx.organization.findMany({ where: { creditCode: { in: codes } }, select: ORG_SELECT }),
    tx.user.findMany({
      where: { email: { in: emails } },
      select: {
        id: true,
        email: true,
        name: true,
        passwordHash: true,
        memberships: { where: { role }, select: { organization: { select: ORG_SELECT } } },
      },
    }),
  ]);
  const byCode = new Map(byCodeList.map((o) => [o.creditCode!, o]));
  const userByEmail = new Map(users.map((u) => [u.email, u]));

  // Resolve each row's organization and user (existing or to create).
  type Plan = { r: ImportRow; org: OrgRow | null; orgId: string; user: (typeof users)[number] | null; userId: string };
  const plans: Plan[] = [];
  for (const r of rows) {
    const user = userByEmail.get(r.email) ?? null;
    let org = r.creditCode ? (byCode.get(r.creditCode) ?? null) : null;
    if (org && org.kind !== role) continue; // checked in the dry run; the database changed since
    if (!org && user)
      org = user.memberships.find((m) => !r.creditCode || !m.organization.creditCode)?.organization ?? null;
    if (user && user.memberships.length === 0 && hasUsablePassword(user.passwordHash)) continue; // another kind of account
    plans.push({ r, org, orgId: org?.id ?? createId(), user, userId: user?.id ?? createId() });
  }
  const orgIds = plans.map((p) => p.orgId);
  const [invitations, booths, profiles, members] = await Promise.all([
    tx.invitation.findMany({ where: { fairId, organizationId: { in: orgIds } } }),
    kind === "exhibitor"
      ? tx.booth.findMany({
          where: { fairId, organizationId: { in: orgIds } },
          select: {
            id: true,
            organizationId: true,
            status: true,
            hallId: true,
            tierId: true,
            projects: { select: { titleZh: true } },
          },
        })
      : Promise.resolve([]),
    kind === "investor"
      ? tx.investorProfile.findMany({ where: { organizationId: { in: orgIds } } })
      : Promise.resolve([]),
    tx.membership.findMany({
      where: { organizationId: { in: orgIds }, userId: { in: plans.map((p) => p.userId) } },
      select: { userId: true, organizationId: true },
    }),
  ]);
  const invByOrg = new Map(invitations.map((i) => [i.organizationId, i]));
  const boothByOrg = new Map(booths.map((b) => [b.organizationId, b]));
  const profileByOrg = new Map(profiles.map((p) => [p.organizationId, p]));
  const memberKeys = new Set(members.map((m) => `${m.userId}:${m.organizationId}`));

  const newOrgs: Prisma.OrganizationCreateManyInput[] = [];
  const newUsers: Prisma.UserCreateManyInput[] = [];
  const newMembers: Prisma.MembershipCreateManyInput[] = [];
  const newBooths: Prisma.BoothCreateManyInput[] = [];
  const newProjects: Prisma.ProjectCreateManyInput[] = [];
  const newProfiles: Prisma.InvestorProfileCreateManyInput[] = [];
  const newInvitations: Prisma.InvitationCreateManyInput[] = [];
  const mails: InvitationMail[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const tierById = new Map((await tx.boothTier.findMany({ where: { fairId } })).map((t) => [t.id, t]));
  const hallSector = new Map(fair.halls.map((h) => [h.id, h.sector]));

  for (const p of plans) {
    const { r } = p;
    let created = false;
    let updated = false;
    const inv = invByOrg.get(p.orgId);
    const open = !inv || !inv.claimedAt; // the bureau's data still applies
    if (!p.org) {
      newOrgs.push({ id: p.orgId, kind: role, ...orgData(r) });
      created = true;
    } else if (open && !inv?.claimedAt && inv && differs(orgData(r), p.org)) {
      await tx.organization.update({ where: { id: p.orgId }, data: orgData(r) });
      updated = true;
    }
    if (!p.user) {
      newUsers.push({
        id: p.userId,
        email: r.email,
        name: r.contactName,
        passwordHash: UNUSABLE_PASSWORD,
        locale: localeOf(r),
      });
      created = true;
    }
    if (!memberKeys.has(`${p.userId}:${p.orgId}`)) {
      newMembers.push({ userId: p.userId, organizationId: p.orgId, role });
      if (p.org) updated = true;
    }

    if (r.kind === "exhibitor") {
      const booth = boothByOrg.get(p.orgId);
      let boothId = booth?.id;
      if (!booth) {
        boothId = createId();
        const tier = tierById.get(r.tierId)!;
        newBooths.push({
          id: boothId,
          fairId,
          hallId: r.hallId,
          tierId: r.tierId,
          organizationId: p.orgId,
          status: "DRAFT",
          feeAmount: tier.feeAmount,
          currency: tier.currency,
          paymentStatus: tier.feeAmount > 0 ? "UNPAID" : "NOT_REQUIRED",
        });
        if (p.org) updated = true;
      } else if (booth.status === "DRAFT" && (booth.hallId !== r.hallId || booth.tierId !== r.tierId)) {
        const tier = tierById.get(r.tierId)!;
        await tx.booth.update({
          where: { id: booth.id },
          data: {
            hallId: r.hallId,
            tierId: r.tierId,
            feeAmount: tier.feeAmount,
            currency: tier.currency,
            paymentStatus: tier.feeAmount > 0 ? "UNPAID" : "NOT_REQUIRED",
          },
        });
        updated = true;
      }
      const have = new Set(booth?.projects.map((x) => x.titleZh) ?? []);
      if (open || !booth)
        for (const pr of (r as ExhibitorRow).projects)
          if (!have.has(pr.titleZh)) {
            newProjects.push({
              boothId: boothId!,
              organizationId: p.orgId,
              titleZh: pr.titleZh,
              titleEn: pr.titleZh,
              sector: r.sector ?? hallSector.get(r.hallId) ?? "",
              stage: pr.stage,
              amountSought: BigInt(pr.amount),
              region: r.region ?? "",
            });
            have.add(pr.titleZh);
            if (booth) updated = true;
          }
    } else {
      const ir = r as InvestorRow;
      const data = {
        sectors: ir.sectors,
        stages: ir.stages as never[],
        regions: ir.regions,
        ticketMin: BigInt(ir.ticketMin),
        ticketMax: BigInt(ir.ticketMax),
        currency: ir.currency,
      };
      const profile = profileByOrg.get(p.orgId);
      if (!profile) {
        newProfiles.push({ organizationId: p.orgId, ...data });
        if (p.org) updated = true;
      } else if (
        open &&
        inv &&
        differs(
          { ...data, ticketMin: ir.ticketMin, ticketMax: ir.ticketMax },
          { ...profile, ticketMin: String(profile.ticketMin), ticketMax: String(profile.ticketMax) },
        )
      ) {
        await tx.investorProfile.update({ where: { organizationId: p.orgId }, data });
        updated = true;
      }
    }

    // The invitation: a claim link for an account without a password; none for one that has one.
    const claimable = !p.user || !hasUsablePassword(p.user.passwordHash);
    const mail = (invitationId: string, sends: number) => {
      const t = newClaimToken(now);
      mails.push({
        invitationId,
        sends,
        kind: role,
        token: t.token,
        expiresAt: t.expiresAt,
        toEmail: r.email,
        userId: p.userId,
        locale: (p.user ? undefined : localeOf(r)) ?? "zh-CN",
        name: p.user?.name ?? r.contactName,
        orgZh: r.nameZh,
        orgEn: r.nameEn,
        fairZh: fair.titleZh,
        fairEn: fair.titleEn,
      });
      return t;
    };
    if (!inv) {
      const id = createId();
      if (claimable) {
        const t = mail(id, 1);
        newInvitations.push({
          id,
          fairId,
          organizationId: p.orgId,
          userId: p.userId,
          kind: role,
          tokenHash: t.tokenHash,
          expiresAt: t.expiresAt,
          sends: 1,
          invitedAt: now,
        });
      } else newInvitations.push({ id, fairId, organizationId: p.orgId, userId: p.userId, kind: role, claimedAt: now });
      if (p.org) updated = true;
    } else if (!inv.claimedAt && inv.userId !== p.userId && claimable) {
      // A corrected contact email: the invitation moves to the new address with a new link.
      const t = mail(inv.id, inv.sends + 1);
      await tx.invitation.update({
        where: { id: inv.id },
        data: {
          userId: p.userId,
          tokenHash: t.tokenHash,
          expiresAt: t.expiresAt,
          sends: inv.sends + 1,
          invitedAt: now,
          openedAt: null,
        },
      });
      updated = true;
    }
    if (created && !p.org) counts.created++;
    else if (updated || created) counts.updated++;
    else counts.unchanged++;
  }

  if (newOrgs.length) await tx.organization.createMany({ data: newOrgs });
  if (newUsers.length) await tx.user.createMany({ data: newUsers });
  if (newMembers.length) await tx.membership.createMany({ data: newMembers, skipDuplicates: true });
  if (newBooths.length) await tx.booth.createMany({ data: newBooths });
  if (newProjects.length) await tx.project.createMany({ data: newProjects });
  if (newProfiles.length) await tx.investorProfile.createMany({ data: newProfiles });
  if (newInvitations.length) await tx.invitation.createMany({ data: newInvitations });
  await queueInvitations(tx, mails);
  return counts;
}
