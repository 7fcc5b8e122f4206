// The investor organization's preferences: what matching treats as hard (stages, ticket) and soft
// (sectors, regions, thesis) constraints, and how many meetings the investor can take.
import { z } from "zod";
import { formNumber, money } from "~/lib/form-fields";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { audit } from "~/domain/audit/audit.server";
import { CURRENCIES, REGION_CODES, SECTOR_CODES, STAGE_CODES } from "~/domain/fairs/codes";

// Minor units, 0 to 100,000,000,000.00 ("12,000,000.50" and full-width digits are fine).
const amount = money({ max: 10_000_000_000_000n, allowZero: true, message: "profile.error.ticketAmount" });

export const investorProfileSchema = z
  .object({
    sectors: z.array(z.enum(SECTOR_CODES)).min(1, "profile.error.pickOne"),
    stages: z.array(z.enum(STAGE_CODES)).min(1, "profile.error.pickOne"),
    regions: z.array(z.enum(REGION_CODES)).default([]),
    ticketMin: amount,
    ticketMax: amount,
    currency: z.enum(CURRENCIES).default("CNY"),
    thesisZh: z.string().trim().max(2000, "error.tooLong").default(""),
    thesisEn: z.string().trim().max(3000, "error.tooLong").default(""),
    meetingCapacity: formNumber(
      z
        .number({ invalid_type_error: "profile.error.amount" })
        .int("profile.error.amount")
        .min(1, "profile.error.amount")
        .max(100, "profile.error.amount"),
    ),
  })
  .refine((v) => v.ticketMax >= v.ticketMin, { path: ["ticketMax"], message: "profile.error.ticket" });

function investorOrg(user: SessionUser): string {
  const m = user.memberships.find((x) => x.role === "INVESTOR");
  if (!m) throw new DomainError("errorPage.403.title", 403);
  return m.organizationId;
}

export async function getInvestorProfile(user: SessionUser) {
  const p = await db().investorProfile.findUnique({ where: { organizationId: investorOrg(user) } });
  return p
    ? {
        sectors: p.sectors,
        stages: p.stages as string[],
        regions: p.regions,
        ticketMin: Number(p.ticketMin) / 100,
        ticketMax: Number(p.ticketMax) / 100,
        currency: p.currency,
        thesisZh: p.thesisZh,
        thesisEn: p.thesisEn,
        meetingCapacity: p.meetingCapacity,
      }
    : null;
}

export async function saveInvestorProfile(user: SessionUser, input: z.infer<typeof investorProfileSchema>) {
  const organizationId = investorOrg(user);
  const data = {
    ...input,
    ticketMin: input.ticketMin,
    ticketMax: input.ticketMax,
  };
  await db().$transaction(async (tx) => {
    const before = await tx.investorProfile.findUnique({ where: { organizationId } });
    await tx.investorProfile.upsert({ where: { organizationId }, create: { ...data, organizationId }, update: data });
    await audit(
      {
        actorId: user.id,
        action: "investor.profile",
        entityType: "Organization",
        entityId: organizationId,
        before,
        after: data,
      },
      tx,
    );
  });
}
