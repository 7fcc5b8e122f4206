// The staff dashboard of one fair: funnel, meetings per day, intended investment, top booths and
// projects, satisfaction. Every number is an aggregate over the scoped sources in
// scope.server.ts, the same rows the lists and exports behind it return.
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import { pick, type MessageKey } from "~/i18n";
import { parsePage } from "~/lib/paging";
import {
  DIMENSIONS,
  filterProblemMessage,
  MEETING_STATUSES,
  NONE,
  OUTCOME_RESULTS,
  readReportFilters,
  REQUEST_STATUSES,
  type Dimension,
  type ListKind,
} from "./filters";
import { average, decimalToMinor, npsOf, rate } from "./math";
import {
  boothStats,
  fairSurveys,
  roadshowFunnel,
  scopedBookmarks,
  scopedMeetings,
  scopedOutcomes,
  scopedRequests,
  scopedVisits,
  type Scope,
} from "./scope.server";
import { audit } from "~/domain/audit/audit.server";
import { exportResponse, type ExportFormat } from "./exports.server";
import { labelOf, listPage, listSource, parseListQuery, type ListContext, type ListQuery } from "./lists.server";

const { sql } = Prisma;
const rows = <T>(query: Prisma.Sql) => db().$queryRaw<T[]>(query);

/** The fair as the report needs it (404 → null); halls and sectors feed the filter form. */
export async function reportFair(fairId: string) {
  const fair = await db().fair.findUnique({
    where: { id: fairId },
    select: {
      id: true,
      slug: true,
      titleZh: true,
      titleEn: true,
      timeZone: true,
      startsAt: true,
      endsAt: true,
      halls: { orderBy: { position: "asc" }, select: { slug: true, nameZh: true, nameEn: true, sector: true } },
    },
  });
  if (!fair) return null;
  return { ...fair, sectors: [...new Set(fair.halls.map((h) => h.sector))] };
}

/**
 * The fair and the scope of a report request (fair + filters from the query string), with what was
 * wrong with the filters as given (an impossible date is ignored, `from` after `to` swapped): pages
 * show it next to the filters; exports refuse (reportExport).
 */
export async function reportScope(fairId: string, url: URL) {
  const fair = await reportFair(fairId);
  if (!fair) throw new Response(null, { status: 404 });
  const { filters, problems } = readReportFilters(url.searchParams);
  const scope: Scope = { fairId: fair.id, timeZone: fair.timeZone, filters };
  return { fair, scope, problems };
}

export interface MoneyRow {
  key: string;
  currency: string;
  minor: number;
  meetings: number;
}
const countBy = <K extends string>(keys: readonly K[], list: { key: string; n: number }[]) =>
  Object.fromEntries(keys.map((k) => [k, list.filter((x) => x.key === k).reduce((a, x) => a + x.n, 0)])) as Record<
    K,
    number
  >;

export async function fairReport(s: Scope) {
  const [
    [visits],
    [bookmarks],
    requestRows,
    dayRows,
    outcomeRows,
    [withOutcome],
    moneyRows,
    booths,
    projects,
    surveyRows,
    npsRows,
    [roadshows],
  ] = await Promise.all([
    rows<{ visits: number; visitors: number }>(
      sql`SELECT count(*)::int AS visits, count(DISTINCT "visitorId")::int AS visitors FROM (${scopedVisits(s)}) x`,
    ),
    rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM (${scopedBookmarks(s)}) x`),
    rows<{ key: string; n: number }>(
      sql`SELECT status AS key, count(*)::int AS n FROM (${scopedRequests(s)}) x GROUP BY status`,
    ),
    rows<{ day: string; key: string; n: number }>(
      sql`SELECT day, status AS key, count(*)::int AS n FROM (${scopedMeetings(s)}) x GROUP BY day, status ORDER BY day`,
    ),
    rows<{ side: string; key: string; n: number; rated: number; rating: number }>(sql`
      SELECT side, result AS key, count(*)::int AS n, count(rating)::int AS rated, COALESCE(sum(rating), 0)::int AS rating
      FROM (${scopedOutcomes(s)}) x GROUP BY side, result`),
    rows<{ n: number }>(sql`SELECT count(DISTINCT "meetingId")::int AS n FROM (${scopedOutcomes(s)}) x`),
    rows<InvestmentRow>(sql`
      SELECT currency, sector, region, country, sum(amount::numeric)::text AS amount, count(*)::int AS n
      FROM (${scopedOutcomes(s)}) x WHERE counted GROUP BY currency, sector, region, country`),
    rows<BoothTop>(
      sql`SELECT id, "orgZh", "orgEn", "hallZh", "hallEn", visits, bookmarks, requests, held FROM (${boothStats(s)}) b`,
    ),
    rows<ProjectTop>(sql`
      WITH r AS (SELECT "projectId", count(*)::int AS n FROM (${scopedRequests(s)}) x WHERE "projectId" IS NOT NULL GROUP BY 1),
           m AS (SELECT "projectId", count(*) FILTER (WHERE status <> 'CANCELLED')::int AS meetings, count(*) FILTER (WHERE status = 'COMPLETED')::int AS held
                 FROM (${scopedMeetings(s)}) x WHERE "projectId" IS NOT NULL GROUP BY 1)
      SELECT p.id, p."titleZh", p."titleEn", p.sector, o."nameZh" AS "orgZh", o."nameEn" AS "orgEn",
             COALESCE(r.n, 0) AS requests, COALESCE(m.meetings, 0) AS meetings, COALESCE(m.held, 0) AS held
      FROM "Project" p JOIN "Organization" o ON o.id = p."organizationId"
      LEFT JOIN r ON r."projectId" = p.id LEFT JOIN m ON m."projectId" = p.id
      WHERE r.n > 0 OR m.meetings > 0
      ORDER BY held DESC, meetings DESC, requests DESC, p.id LIMIT 10`),
    rows<{ role: string; n: number; promoters: number; detractors: number; satisfaction: number }>(sql`
      SELECT role, count(*)::int AS n, count(*) FILTER (WHERE nps >= 9)::int AS promoters, count(*) FILTER (WHERE nps <= 6)::int AS detractors,
             COALESCE(sum(satisfaction), 0)::int AS satisfaction
      FROM (${fairSurveys(s)}) x GROUP BY role`),
    rows<{ nps: number; n: number }>(sql`SELECT nps, count(*)::int AS n FROM (${fairSurveys(s)}) x GROUP BY nps`),
    rows<{ registrations: number; viewers: number; meetingRequests: number }>(roadshowFunnel(s)),
  ]);

  const meetingsByStatus = countBy(MEETING_STATUSES, dayRows);
  const days = [...new Set(dayRows.map((d) => d.day))].map((day) => ({
    day,
    ...countBy(
      MEETING_STATUSES,
      dayRows.filter((d) => d.day === day),
    ),
  }));
  const ratingBy = (side?: string) => {
    const list = outcomeRows.filter((o) => !side || o.side === side);
    const count = list.reduce((a, o) => a + o.rated, 0);
    return {
      average: average(
        list.reduce((a, o) => a + o.rating, 0),
        count,
      ),
      count,
    };
  };
  const survey = (role?: string) => {
    const list = surveyRows.filter((r) => !role || r.role === role);
    const responses = list.reduce((a, r) => a + r.n, 0);
    const result = npsOf({
      responses,
      promoters: list.reduce((a, r) => a + r.promoters, 0),
      detractors: list.reduce((a, r) => a + r.detractors, 0),
    });
    return {
      ...result,
      satisfaction: average(
        list.reduce((a, r) => a + r.satisfaction, 0),
        responses,
      ),
    };
  };
  const top = (metric: "visits" | "bookmarks" | "requests") =>
    booths
      .filter((b) => b[metric] > 0)
      .sort((a, b) => b[metric] - a[metric] || (a.id < b.id ? -1 : 1))
      .slice(0, 10);

  return {
    funnel: {
      visits: visits.visits,
      visitors: visits.visitors,
      bookmarks: bookmarks.n,
      requests: requestRows.reduce((a, r) => a + r.n, 0),
      held: meetingsByStatus.COMPLETED,
      withOutcome: withOutcome.n,
    },
    /** Roadshows (ADR 031): a funnel of its own beside the booth funnel. */
    roadshowFunnel: roadshows,
    requestsByStatus: countBy(REQUEST_STATUSES, requestRows),
    meetingsByStatus,
    meetingsTotal: dayRows.reduce((a, r) => a + r.n, 0),
    noShowRate: rate(meetingsByStatus.NO_SHOW, meetingsByStatus.NO_SHOW + meetingsByStatus.COMPLETED),
    perDay: days,
    outcomes: {
      total: outcomeRows.reduce((a, o) => a + o.n, 0),
      byResult: countBy(OUTCOME_RESULTS, outcomeRows),
      rating: ratingBy(),
      ratingInvestor: ratingBy("INVESTOR"),
      ratingExhibitor: ratingBy("EXHIBITOR"),
    },
    investment: investmentTotals(moneyRows),
    topBooths: { visits: top("visits"), bookmarks: top("bookmarks"), requests: top("requests") },
    topProjects: projects,
    survey: {
      all: survey(),
      exhibitors: survey("EXHIBITOR"),
      investors: survey("INVESTOR"),
      distribution: Array.from({ length: 11 }, (_, i) => npsRows.find((r) => r.nps === i)?.n ?? 0),
    },
  };
}

export type FairReport = Awaited<ReturnType<typeof fairReport>>;
interface BoothTop {
  id: string;
  orgZh: string;
  orgEn: string;
  hallZh: string;
  hallEn: string;
  visits: number;
  bookmarks: number;
  requests: number;
  held: number;
}
interface ProjectTop {
  id: string;
  titleZh: string;
  titleEn: string;
  sector: string;
  orgZh: string;
  orgEn: string;
  requests: number;
  meetings: number;
  held: number;
}

/** One group of counted intended amounts: a currency and its sector, region and investor country. */
interface InvestmentRow {
  currency: string;
  sector: string | null;
  region: string | null;
  country: string | null;
  amount: string;
  n: number;
}

/** Sums of counted intended amounts (minor units, exact) per currency, and per currency and dimension. */
export function investmentTotals(list: InvestmentRow[]) {
  const add = (acc: Map<string, MoneyRow>, key: string, r: (typeof list)[number]) => {
    const id = `${key}|${r.currency}`;
    const row = acc.get(id) ?? { key, currency: r.currency, minor: 0, meetings: 0 };
    row.minor += decimalToMinor(r.amount, r.currency);
    row.meetings += r.n;
    acc.set(id, row);
  };
  const sorted = (acc: Map<string, MoneyRow>) =>
    [...acc.values()].sort(
      (a, b) => a.currency.localeCompare(b.currency) || b.minor - a.minor || a.key.localeCompare(b.key),
    );
  const totals = new Map<string, MoneyRow>();
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, MoneyRow>()])) as Record<
    Dimension,
    Map<string, MoneyRow>
  >;
  for (const r of list) {
    add(totals, "", r);
    for (const d of DIMENSIONS) add(by[d], r[d] ?? NONE, r);
  }
  return { totals: sorted(totals), sector: sorted(by.sector), region: sorted(by.region), country: sorted(by.country) };
}

/** The list behind a dashboard number: one page, localized, under the dashboard's filters. */
export async function reportListPage(fairId: string, kind: ListKind, url: URL, c: Omit<ListContext, "timeZone">) {
  const { fair, scope, problems } = await reportScope(fairId, url);
  const q = parseListQuery(url.searchParams);
  const page = parsePage(url.searchParams.get("page"));
  const list = await listPage(listSource(kind, scope, q), { ...c, timeZone: fair.timeZone }, page);
  return { fair, filters: scope.filters, problems, q, conditions: await describeQuery(kind, q, c), ...list };
}

/** The list's own conditions (status, day, result…) in words, e.g. "状态：已结束". */
async function describeQuery(kind: ListKind, q: ListQuery, c: Omit<ListContext, "timeZone">): Promise<string[]> {
  const { t } = c;
  const out: string[] = [];
  const add = (key: MessageKey, value: string | null) => value && out.push(`${t(key)}: ${value}`);
  add(
    "report.col.status",
    q.status ? labelOf(t, kind === "requests" ? "agenda.status" : "agenda.meeting", q.status) : null,
  );
  add("report.day", q.day ?? null);
  add("report.col.result", q.result ? labelOf(t, "outcome.result", q.result) : null);
  add("report.col.side", q.side ? labelOf(t, "report.side", q.side) : null);
  add("report.col.counted", q.counted ? t("report.yes") : null);
  if (q.outcome) out.push(t("report.funnel.withOutcome"));
  add("report.currency", q.currency ?? null);
  if (q.dim && q.key !== undefined)
    add(`report.col.${q.dim}`, q.key === NONE ? t("report.none") : labelOf(t, q.dim, q.key));
  add("report.col.role", q.role ? labelOf(t, "role", q.role) : null);
  if (q.project) {
    const p = await db().project.findUnique({ where: { id: q.project }, select: { titleZh: true, titleEn: true } });
    add("report.col.project", p ? pick(c.locale, p.titleZh, p.titleEn) : q.project);
  }
  if (q.booth) {
    const b = await db().booth.findUnique({
      where: { id: q.booth },
      select: { organization: { select: { nameZh: true, nameEn: true } } },
    });
    add("report.col.booth", b ? pick(c.locale, b.organization.nameZh, b.organization.nameEn) : q.booth);
  }
  return out;
}

/**
 * A streamed CSV/XLSX export of a list (audit-logged: exports carry people's data out). Filters the
 * page would have corrected (an impossible date, `from` after `to`) are refused with a 400 and the
 * reason in words: a file cannot show a note beside its filters.
 */
export async function reportExport(
  staff: SessionUser,
  fairId: string,
  kind: ListKind,
  url: URL,
  format: ExportFormat,
  c: Omit<ListContext, "timeZone">,
) {
  const { fair, scope, problems } = await reportScope(fairId, url);
  if (problems.length)
    throw new Response(
      c.t("report.export.badFilters", { problems: problems.map((p) => filterProblemMessage(c.t, p)).join(" ") }),
      { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } },
    );
  const q = parseListQuery(url.searchParams);
  await audit({
    actorId: staff.id,
    action: "report.export",
    entityType: "Fair",
    entityId: fair.id,
    after: { kind, format, filters: scope.filters, q },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return exportResponse(
    listSource(kind, scope, q),
    { ...c, timeZone: fair.timeZone },
    format,
    `${fair.slug}-${kind}-${stamp}`,
  );
}
