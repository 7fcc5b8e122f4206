// Who looked at people's personal data (docs/decisions/022-personal-data.md): the lead pages and
// exports, the fair dashboard's lists and exports that name people, booth contacts as staff see
// them (ADR 021) and the negotiations view. Each view writes an audit row per fair it concerns —
// what was viewed and how many rows (and contacts) it showed, never the data itself — and the fair's
// organizing bureau reads them at /staff/fairs/<id>/privacy-log.
import type { SessionUser } from "~/auth/session.server";
import { assertFairStaff } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import { logPersonalDataView, VIEW_ACTION, VIEW_KINDS, type ViewEntry, type ViewKind } from "./view-log.server";
import { COLUMNS, listSource, parseListQuery } from "~/domain/reports/lists.server";
import { reportScope } from "~/domain/reports/fair-dashboard.server";
import { ownBooths } from "~/domain/reports/leads.server";
import { leadRows } from "~/domain/reports/scope.server";
import type { ListKind } from "~/domain/reports/filters";
import type { Cell } from "~/lib/csv";

const { sql } = Prisma;

/** Dashboard lists that name people (requests: the requester; outcomes: the author; leads: contacts too). */
export const PERSONAL_LISTS: readonly ListKind[] = ["leads", "requests", "outcomes"];

const EMAIL = COLUMNS.leads.findIndex((c) => c.header === "report.col.email");
const PHONE = COLUMNS.leads.findIndex((c) => c.header === "report.col.phone");
const withContact = (rows: Cell[][]) => rows.filter((r) => r[EMAIL] !== null || r[PHONE] !== null).length;

/** Per fair: lead rows and rows with contacts of a lead source. */
async function leadCounts(src: Prisma.Sql) {
  return db().$queryRaw<{ fairId: string; rows: number; contacts: number }[]>(sql`
    SELECT b."fairId", count(*)::int AS rows, (count(*) FILTER (WHERE x.email IS NOT NULL OR x.phone IS NOT NULL))::int AS contacts
    FROM (${src}) x JOIN "Booth" b ON b.id = x."boothId" GROUP BY b."fairId"`);
}

/** An exhibitor's /exhibitor/leads page: logged for the fairs of the booths it covered. */
export async function logLeadsPage(
  user: SessionUser,
  page: { booths: { id: string }[]; boothId: string | null; rows: Cell[][]; page: number },
) {
  if (page.rows.length === 0) return;
  const boothIds = page.boothId ? [page.boothId] : page.booths.map((b) => b.id);
  const fairs = await db().booth.findMany({ where: { id: { in: boothIds } }, select: { fairId: true } });
  await logPersonalDataView(
    user,
    fairs.map((f) => f.fairId),
    {
      what: "leads.page",
      rows: page.rows.length,
      contacts: withContact(page.rows),
      page: page.page,
      ...(page.boothId ? { boothId: page.boothId } : {}),
    },
  );
}

/** An exhibitor's lead CSV (after its booth filter was checked): counted per fair. */
export async function logLeadsExport(user: SessionUser, url: URL) {
  const boothId = url.searchParams.get("booth") || undefined;
  for (const c of await leadCounts(leadRows(ownBooths(user, boothId))))
    await logPersonalDataView(user, [c.fairId], {
      what: "leads.export",
      rows: c.rows,
      contacts: c.contacts,
      format: "csv",
      ...(boothId ? { boothId } : {}),
    });
}

/** A page of a fair dashboard list that names people. */
export async function logReportList(
  staff: SessionUser,
  fairId: string,
  list: ListKind,
  result: { rows: Cell[][]; page: number },
) {
  if (!PERSONAL_LISTS.includes(list) || result.rows.length === 0) return;
  await logPersonalDataView(staff, [fairId], {
    what: "report.list",
    list,
    rows: result.rows.length,
    ...(list === "leads" ? { contacts: withContact(result.rows) } : {}),
    page: result.page,
  });
}

/** A fair dashboard export that names people: the whole list under the same filters. */
export async function logReportExport(staff: SessionUser, fairId: string, list: ListKind, url: URL, format: string) {
  if (!PERSONAL_LISTS.includes(list)) return;
  const { scope } = await reportScope(fairId, url);
  const src = listSource(list, scope, parseListQuery(url.searchParams)).sql;
  const [c] = await db().$queryRaw<{ rows: number; contacts: number }[]>(
    list === "leads"
      ? sql`SELECT count(*)::int AS rows, (count(*) FILTER (WHERE x.email IS NOT NULL OR x.phone IS NOT NULL))::int AS contacts FROM (${src}) x`
      : sql`SELECT count(*)::int AS rows, 0 AS contacts FROM (${src}) x`,
  );
  await logPersonalDataView(staff, [fairId], {
    what: "report.export",
    list,
    format,
    rows: c.rows,
    ...(list === "leads" ? { contacts: c.contacts } : {}),
  });
}

export const PRIVACY_LOG_PER_PAGE = 25;

/** The fair's log of personal-data views, newest first (its organizing bureau's staff and admins). */
export async function privacyLog(staff: SessionUser, fairId: string, page: number) {
  await assertFairStaff(staff, fairId, "read");
  const where = { entityType: "Fair", entityId: fairId, action: VIEW_ACTION };
  const [fair, total] = await Promise.all([
    db().fair.findUniqueOrThrow({
      where: { id: fairId },
      select: { id: true, titleZh: true, titleEn: true, timeZone: true },
    }),
    db().auditLog.count({ where }),
  ]);
  const pages = Math.max(1, Math.ceil(total / PRIVACY_LOG_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db().auditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * PRIVACY_LOG_PER_PAGE,
    take: PRIVACY_LOG_PER_PAGE,
    select: {
      id: true,
      createdAt: true,
      after: true,
      actor: {
        select: {
          name: true,
          memberships: {
            orderBy: { createdAt: "asc" },
            take: 1,
            select: { role: true, organization: { select: { nameZh: true, nameEn: true } } },
          },
        },
      },
    },
  });
  return {
    fair,
    total,
    page: current,
    pages,
    entries: rows.map((r) => {
      const e = (r.after ?? {}) as Partial<ViewEntry>;
      const m = r.actor?.memberships[0];
      return {
        id: r.id,
        at: r.createdAt.toISOString(),
        viewer: r.actor?.name ?? null,
        role: m?.role ?? null,
        orgZh: m?.organization.nameZh ?? "",
        orgEn: m?.organization.nameEn ?? "",
        what: (VIEW_KINDS as readonly string[]).includes(e.what ?? "") ? (e.what as ViewKind) : null,
        list: e.list ?? null,
        format: e.format ?? null,
        rows: typeof e.rows === "number" ? e.rows : 0,
        contacts: typeof e.contacts === "number" ? e.contacts : null,
      };
    }),
  };
}
