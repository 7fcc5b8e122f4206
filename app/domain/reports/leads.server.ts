// Exhibitors' leads (/exhibitor/leads): people who bookmarked, chatted with, asked to meet or met
// one of the user's own booths. The consent rule for contact fields lives in leadRows (SQL).
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { parsePage } from "~/lib/paging";
import { audit } from "~/domain/audit/audit.server";
import { exportResponse } from "./exports.server";
import { COLUMNS, listPage, type ListContext, type RowSource } from "./lists.server";
import { leadRows } from "./scope.server";

const { sql, empty } = Prisma;

const exhibitorOrgs = (user: SessionUser) =>
  user.memberships.filter((m) => m.role === "EXHIBITOR").map((m) => m.organizationId);

/** Booths of the user's exhibitor organizations (optionally one of them): the tenant scope of the leads. */
export function ownBooths(user: SessionUser, boothId?: string): Prisma.Sql {
  const orgIds = exhibitorOrgs(user);
  if (orgIds.length === 0) return sql`SELECT b.id, b."fairId", b."organizationId" FROM "Booth" b WHERE false`;
  return sql`SELECT b.id, b."fairId", b."organizationId" FROM "Booth" b
    WHERE b."organizationId" IN (${Prisma.join(orgIds)})${boothId ? sql` AND b.id = ${boothId}` : empty}`;
}

async function leadSource(user: SessionUser, url: URL) {
  const booths = await db().booth.findMany({
    where: { organizationId: { in: exhibitorOrgs(user) } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      organization: { select: { nameZh: true, nameEn: true } },
      fair: { select: { titleZh: true, titleEn: true } },
    },
  });
  const boothId = url.searchParams.get("booth") || undefined;
  // Another organization's booth is simply not found: no hint that it exists.
  if (boothId && !booths.some((b) => b.id === boothId)) throw new DomainError("errorPage.404.title", 404);
  const src: RowSource = { sql: leadRows(ownBooths(user, boothId)), desc: true, columns: COLUMNS.leads };
  return {
    booths: booths.map((b) => ({
      id: b.id,
      orgZh: b.organization.nameZh,
      orgEn: b.organization.nameEn,
      fairZh: b.fair.titleZh,
      fairEn: b.fair.titleEn,
    })),
    boothId: boothId ?? null,
    src,
  };
}

export async function exhibitorLeads(user: SessionUser, url: URL, c: Omit<ListContext, "timeZone">) {
  const { booths, boothId, src } = await leadSource(user, url);
  const page = parsePage(url.searchParams.get("page"));
  return { booths, boothId, ...(await listPage(src, { ...c, timeZone: user.timeZone }, page)) };
}

export async function exhibitorLeadsCsv(
  user: SessionUser,
  url: URL,
  c: Omit<ListContext, "timeZone">,
): Promise<Response> {
  const { boothId, src } = await leadSource(user, url);
  await audit({
    actorId: user.id,
    action: "leads.export",
    entityType: "Booth",
    entityId: boothId ?? "all",
    after: { format: "csv" },
  });
  return exportResponse(
    src,
    { ...c, timeZone: user.timeZone },
    "csv",
    `leads-${new Date().toISOString().slice(0, 10)}`,
  );
}
