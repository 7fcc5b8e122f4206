// Bureaus as tenants in a province → city → district tree (ADR 028): platform admins create bureaus
// with their first admin; a bureau's admins invite and remove its own staff and viewers, nobody
// else's. Every refusal is a DomainError thrown before anything is written.
import { createStaffAccount } from "~/auth/accounts.server";
import { ancestorsOf, bureauIdsOf, fairAccess, isPlatformAdmin } from "~/auth/fair-access.server";
import type { BureauInput, BureauMemberInput } from "~/auth/schemas";
import type { SessionUser } from "~/auth/session.server";
import { audit } from "~/domain/audit/audit.server";
import { db } from "~/db/client.server";
import type { BureauLevel } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";

const LEVEL_RANK: Record<BureauLevel, number> = { PROVINCE: 0, CITY: 1, DISTRICT: 2 };

const BUREAU_SELECT = {
  id: true,
  slug: true,
  nameZh: true,
  nameEn: true,
  level: true,
  parentId: true,
  region: true,
} as const;

/** Every bureau, parents before children (for the admin page's parent choice and lists). */
export async function listBureaus() {
  const all = await db().organization.findMany({
    where: { kind: "BUREAU" },
    select: BUREAU_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const byParent = new Map<string | null, typeof all>();
  for (const b of all) {
    const key = b.parentId && all.some((p) => p.id === b.parentId) ? b.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), b]);
  }
  const out: ((typeof all)[number] & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const b of byParent.get(parent) ?? []) {
      out.push({ ...b, depth });
      if (depth < 10) walk(b.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** A platform admin creates a bureau (under a parent of a higher level, if any) and its first admin. */
export async function createBureau(actor: SessionUser, input: BureauInput) {
  if (!isPlatformAdmin(actor)) throw new DomainError("errorPage.403.title", 403);
  if (input.parentId) {
    const parent = await db().organization.findFirst({
      where: { id: input.parentId, kind: "BUREAU" },
      select: { level: true },
    });
    if (!parent) throw new DomainError("bureau.error.unknown", 400, undefined, "parentId");
    if (parent.level && LEVEL_RANK[parent.level] >= LEVEL_RANK[input.level])
      throw new DomainError("bureau.error.level", 400, undefined, "level");
  }
  if (await db().organization.findUnique({ where: { slug: input.slug }, select: { id: true } }))
    throw new DomainError("bureau.error.slugTaken", 409, undefined, "slug");
  if (await db().user.findUnique({ where: { email: input.email }, select: { id: true } }))
    throw new DomainError("error.emailTaken", 409, undefined, "email");
  return db().$transaction(async (tx) => {
    const bureau = await tx.organization.create({
      data: {
        kind: "BUREAU",
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        slug: input.slug,
        level: input.level,
        parentId: input.parentId || null,
        region: input.region || null,
      },
      select: BUREAU_SELECT,
    });
    await audit(
      { actorId: actor.id, action: "bureau.create", entityType: "Organization", entityId: bureau.id, after: bureau },
      tx,
    );
    await createStaffAccount(
      { name: input.name, email: input.email, password: input.password, role: "BUREAU_ADMIN", bureauId: bureau.id },
      actor.id,
      tx,
    );
    return bureau;
  });
}

/** The bureaus the user belongs to, and whether they manage each (the staff home). */
export async function bureausOfMember(user: SessionUser) {
  const bureaus = await db().organization.findMany({
    where: { id: { in: bureauIdsOf(user) }, kind: "BUREAU" },
    select: { id: true, nameZh: true, nameEn: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return bureaus.map((b) => ({ ...b, manage: canManageBureau(user, b.id) }));
}

/** Bureau admin of this bureau (or a platform admin): may manage its members. */
export function canManageBureau(user: SessionUser, bureauId: string): boolean {
  return (
    isPlatformAdmin(user) || user.memberships.some((m) => m.organizationId === bureauId && m.role === "BUREAU_ADMIN")
  );
}

/** The bureau for its members page: 404 when unknown, 403 when the user may not manage it. */
export async function manageableBureau(user: SessionUser, bureauId: string) {
  const bureau = await db().organization.findFirst({ where: { id: bureauId, kind: "BUREAU" }, select: BUREAU_SELECT });
  if (!bureau) throw new DomainError("errorPage.404.title", 404);
  if (!canManageBureau(user, bureau.id)) throw new DomainError("errorPage.403.title", 403);
  return bureau;
}

export async function bureauMembers(bureauId: string) {
  const rows = await db().membership.findMany({
    where: { organizationId: bureauId, role: { in: ["STAFF", "BUREAU_ADMIN", "VIEWER"] } },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ userId: r.user.id, name: r.user.name, email: r.user.email, role: r.role }));
}

/** A bureau admin invites a staff member, bureau admin or viewer into their own bureau (a new account). */
export async function inviteMember(actor: SessionUser, bureauId: string, input: BureauMemberInput) {
  await manageableBureau(actor, bureauId);
  return createStaffAccount({ ...input, bureauId }, actor.id);
}

/** A bureau admin removes a member of their own bureau (never themselves: another admin does that). */
export async function removeMember(actor: SessionUser, bureauId: string, userId: string) {
  await manageableBureau(actor, bureauId);
  if (userId === actor.id) throw new DomainError("bureau.error.removeSelf", 400);
  const m = await db().membership.findFirst({
    where: { organizationId: bureauId, userId, role: { in: ["STAFF", "BUREAU_ADMIN", "VIEWER"] } },
    select: { id: true, role: true },
  });
  if (!m) throw new DomainError("errorPage.404.title", 404);
  await db().$transaction(async (tx) => {
    await tx.membership.delete({ where: { id: m.id } });
    await audit(
      {
        actorId: actor.id,
        action: "bureau.member.remove",
        entityType: "Organization",
        entityId: bureauId,
        before: { userId, role: m.role },
      },
      tx,
    );
  });
}

/** The bureaus a member may see a rollup of: their own (and a platform admin: any). */
export async function rollupBureau(user: SessionUser, bureauId: string) {
  const bureau = await db().organization.findFirst({ where: { id: bureauId, kind: "BUREAU" }, select: BUREAU_SELECT });
  if (!bureau) throw new DomainError("errorPage.404.title", 404);
  if (isPlatformAdmin(user)) return bureau;
  const mine = user.memberships
    .filter((m) => ["STAFF", "BUREAU_ADMIN", "VIEWER"].includes(m.role))
    .map((m) => m.organizationId);
  if (mine.includes(bureau.id)) return bureau;
  // A member of an ancestor sees the rollup of a bureau below it too.
  const up = await ancestorsOf(bureau.id);
  if (up.some((id) => mine.includes(id))) return bureau;
  throw new DomainError("errorPage.403.title", 403);
}

/** Public: a bureau by its slug with its published fairs (drafts never), newest first. */
export async function publicBureau(slug: string) {
  const bureau = await db().organization.findFirst({
    where: { slug, kind: "BUREAU" },
    select: {
      ...BUREAU_SELECT,
      descriptionZh: true,
      descriptionEn: true,
      website: true,
      parent: { select: { slug: true, nameZh: true, nameEn: true } },
      children: {
        where: { kind: "BUREAU" },
        select: { slug: true, nameZh: true, nameEn: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!bureau) return null;
  const fairs = await db().fair.findMany({
    where: {
      status: { in: PUBLIC_FAIR_STATUSES },
      OR: [{ organizerId: bureau.id }, { coOrganizers: { some: { organizationId: bureau.id } } }],
    },
    orderBy: [{ startsAt: "desc" }, { id: "asc" }],
    select: {
      slug: true,
      titleZh: true,
      titleEn: true,
      startsAt: true,
      endsAt: true,
      timeZone: true,
      status: true,
      organizerId: true,
    },
    take: 200,
  });
  return {
    bureau,
    fairs: fairs.map(({ organizerId, ...f }) => ({ ...f, coOrganized: organizerId !== bureau.id })),
  };
}

// ── Co-organizers and sharing with parent bureaus (set by the organizing bureau) ─────────────────

/**
 * May change the fair's co-organizers and its sharing with parent bureaus: the organizing bureau's
 * acting staff and bureau admins, and platform admins — never a co-organizer, a viewer or a parent.
 */
export async function canManageCoOrganizers(user: SessionUser, fairId: string): Promise<boolean> {
  const access = await fairAccess(user, fairId);
  return !!access && access.can === "act" && (access.relation === "organizer" || access.relation === "admin");
}

async function organizedFair(actor: SessionUser, fairId: string) {
  const fair = await db().fair.findUnique({
    where: { id: fairId },
    select: { id: true, organizerId: true, sharedWithParents: true },
  });
  if (!fair) throw new DomainError("errorPage.404.title", 404);
  if (!(await canManageCoOrganizers(actor, fairId))) throw new DomainError("bureau.error.notOrganizer", 403);
  return fair;
}

/** The fair's co-organizing bureaus, and the bureaus that could be added (not the organizer, not already in). */
export async function coOrganizersOf(fairId: string) {
  const [fair, bureaus] = await Promise.all([
    db().fair.findUnique({
      where: { id: fairId },
      select: {
        organizerId: true,
        sharedWithParents: true,
        coOrganizers: {
          select: { organization: { select: { id: true, nameZh: true, nameEn: true } } },
          orderBy: { createdAt: "asc" },
        },
      },
    }),
    listBureaus(),
  ]);
  if (!fair) return null;
  const current = fair.coOrganizers.map((c) => c.organization);
  const taken = new Set([fair.organizerId, ...current.map((c) => c.id)]);
  return {
    sharedWithParents: fair.sharedWithParents,
    current,
    candidates: bureaus
      .filter((b) => !taken.has(b.id))
      .map((b) => ({ id: b.id, nameZh: b.nameZh, nameEn: b.nameEn, depth: b.depth })),
  };
}

export async function addCoOrganizer(actor: SessionUser, fairId: string, bureauId: string) {
  const fair = await organizedFair(actor, fairId);
  if (bureauId === fair.organizerId) throw new DomainError("bureau.error.coOrganizeOwn", 400, undefined, "bureauId");
  const bureau = await db().organization.findFirst({ where: { id: bureauId, kind: "BUREAU" }, select: { id: true } });
  if (!bureau) throw new DomainError("bureau.error.unknown", 400, undefined, "bureauId");
  await db().$transaction(async (tx) => {
    const existing = await tx.fairCoOrganizer.findUnique({
      where: { fairId_organizationId: { fairId, organizationId: bureau.id } },
    });
    if (existing) return;
    await tx.fairCoOrganizer.create({ data: { fairId, organizationId: bureau.id } });
    await audit(
      {
        actorId: actor.id,
        action: "fair.coOrganizer.add",
        entityType: "Fair",
        entityId: fairId,
        after: { organizationId: bureau.id },
      },
      tx,
    );
  });
}

export async function removeCoOrganizer(actor: SessionUser, fairId: string, bureauId: string) {
  await organizedFair(actor, fairId);
  await db().$transaction(async (tx) => {
    const gone = await tx.fairCoOrganizer.deleteMany({ where: { fairId, organizationId: bureauId } });
    if (gone.count === 0) throw new DomainError("bureau.error.unknown", 400, undefined, "bureauId");
    await audit(
      {
        actorId: actor.id,
        action: "fair.coOrganizer.remove",
        entityType: "Fair",
        entityId: fairId,
        before: { organizationId: bureauId },
      },
      tx,
    );
  });
}

export async function setSharedWithParents(actor: SessionUser, fairId: string, shared: boolean) {
  const fair = await organizedFair(actor, fairId);
  if (fair.sharedWithParents === shared) return;
  await db().$transaction(async (tx) => {
    await tx.fair.update({ where: { id: fairId }, data: { sharedWithParents: shared } });
    await audit(
      {
        actorId: actor.id,
        action: "fair.sharedWithParents",
        entityType: "Fair",
        entityId: fairId,
        before: { sharedWithParents: fair.sharedWithParents },
        after: { sharedWithParents: shared },
      },
      tx,
    );
  });
}
