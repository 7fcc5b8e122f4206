// The rows behind the dashboard's numbers: one definition per list (its SQL source, its extra
// filters and its columns) serves the paginated staff list, the CSV/XLSX export and the counts.
import { z } from "zod";
import { db } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import { pick, type Locale, type MessageKey, type Translate } from "~/i18n";
import type { Cell } from "~/lib/csv";
import { parseCalendarDate } from "~/lib/dates";
import { utcToWallTime } from "~/lib/time";
import {
  BOOTH_SORTS,
  DIMENSIONS,
  MEETING_STATUSES,
  NONE,
  OUTCOME_RESULTS,
  REQUEST_STATUSES,
  type ListKind,
} from "./filters";
import {
  boothStats,
  fairSurveys,
  inRange,
  leadRows,
  scopedBooths,
  scopedMeetings,
  scopedOutcomes,
  scopedRequests,
  type Scope,
} from "./scope.server";

const { sql, empty } = Prisma;

const opt = <T extends z.ZodTypeAny>(s: T) => s.optional().catch(undefined);
const id = opt(
  z
    .string()
    .max(64)
    .regex(/^[\w-]+$/),
);
const listQuerySchema = z.object({
  status: opt(z.enum([...MEETING_STATUSES, ...REQUEST_STATUSES])),
  day: opt(
    z
      .string()
      .refine((d) => parseCalendarDate(d).ok)
      .transform((d) => d.trim()),
  ),
  project: id,
  booth: id,
  result: opt(z.enum(OUTCOME_RESULTS)),
  side: opt(z.enum(["INVESTOR", "EXHIBITOR"])),
  counted: opt(z.literal("1")),
  outcome: opt(z.literal("1")),
  currency: opt(z.string().regex(/^[A-Z]{3}$/)),
  dim: opt(z.enum(DIMENSIONS)),
  key: opt(z.string().max(64)),
  sort: z.enum(BOOTH_SORTS).catch("visits"),
  role: opt(z.enum(["EXHIBITOR", "INVESTOR"])),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export function parseListQuery(params: URLSearchParams): ListQuery {
  return listQuerySchema.parse(Object.fromEntries([...params].filter(([, v]) => v !== "")));
}

type Row = Record<string, unknown>;
export interface ListContext {
  t: Translate;
  locale: Locale;
  timeZone: string;
  /** A parent bureau reading a fair not shared with it (ADR 028): personal columns are blanked. */
  hideContacts?: boolean;
}
interface Column {
  header: MessageKey;
  value: (r: Row, c: ListContext) => Cell;
  /** A person's name or contact data: blank when the context hides contacts. */
  personal?: true;
}

const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** Whole minutes watched (a started minute counts once it is half over); null: not a viewer. */
const watchMinutes = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) / 60));
const when = (v: unknown, c: ListContext, tz?: unknown) =>
  v ? utcToWallTime(v as Date, (tz as string) || c.timeZone).replace("T", " ") : null;
const name = (c: ListContext, zh: unknown, en: unknown) => pick(c.locale, s(zh) ?? "", s(en) ?? "") || null;
/** The label of a coded value, or the code itself when the catalog has none. */
export function labelOf(t: Translate, group: string, code: unknown): string | null {
  if (code === null || code === undefined || code === "") return null;
  const key = `${group}.${code}` as MessageKey;
  const text = t(key);
  return text === key ? String(code) : text;
}
const and = (cond: unknown, frag: Prisma.Sql) => (cond ? frag : empty);
/** `AND column = key`, where the NONE key means "not recorded". */
const keyIs = (column: Prisma.Sql, key: string) =>
  key === NONE ? sql` AND ${column} IS NULL` : sql` AND ${column} = ${key}`;

/** Names of the exhibitor, investor and project of meeting-shaped rows (see partyJoins). */
const PARTY_NAMES = sql`eo."nameZh" AS "exhibitorZh", eo."nameEn" AS "exhibitorEn", io."nameZh" AS "investorZh", io."nameEn" AS "investorEn",
  p."titleZh" AS "projectZh", p."titleEn" AS "projectEn"`;
const partyJoins = (alias: "m" | "o") => {
  const a = Prisma.raw(alias);
  return sql`JOIN "Organization" eo ON eo.id = ${a}."exhibitorOrgId" JOIN "Organization" io ON io.id = ${a}."investorOrgId"
    LEFT JOIN "Project" p ON p.id = ${a}."projectId"`;
};

function source(kind: ListKind, scope: Scope, q: ListQuery): Prisma.Sql {
  switch (kind) {
    case "meetings":
      return sql`
        SELECT m.*, m."startsAt" AS _k1, m.id AS _id, ${PARTY_NAMES},
               (SELECT count(*)::int FROM "MeetingOutcome" o WHERE o."meetingId" = m.id) AS outcomes
        FROM (${scopedMeetings(scope)}) m ${partyJoins("m")}
        WHERE true${and(q.status, sql` AND m.status = ${q.status}`)}${and(q.day, sql` AND m.day = ${q.day}`)}${and(q.project, sql` AND m."projectId" = ${q.project}`)}${and(q.booth, sql` AND m."boothId" = ${q.booth}`)}${and(q.outcome, sql` AND EXISTS (SELECT 1 FROM "MeetingOutcome" o WHERE o."meetingId" = m.id)`)}`;
    case "requests":
      return sql`
        SELECT r.*, r."createdAt" AS _k1, r.id AS _id, u.name AS "fromName", fo."nameZh" AS "fromZh", fo."nameEn" AS "fromEn",
               tor."nameZh" AS "toZh", tor."nameEn" AS "toEn", p."titleZh" AS "projectZh", p."titleEn" AS "projectEn"
        FROM (${scopedRequests(scope)}) r
        JOIN "User" u ON u.id = r."fromUserId" JOIN "Organization" fo ON fo.id = r."fromOrgId" JOIN "Organization" tor ON tor.id = r."toOrgId"
        LEFT JOIN "Project" p ON p.id = r."projectId"
        WHERE true${and(q.status, sql` AND r.status = ${q.status}`)}${and(q.project, sql` AND r."projectId" = ${q.project}`)}${and(q.booth, sql` AND r."boothId" = ${q.booth}`)}`;
    case "outcomes": {
      const dim = q.dim && q.key !== undefined ? keyIs(Prisma.raw(`o."${q.dim}"`), q.key) : empty;
      return sql`
        SELECT o.*, o."startsAt" AS _k1, o.id AS _id, u.name AS "authorName", ${PARTY_NAMES}
        FROM (${scopedOutcomes(scope)}) o JOIN "User" u ON u.id = o."authorId" ${partyJoins("o")}
        WHERE true${and(q.result, sql` AND o.result = ${q.result}`)}${and(q.side, sql` AND o.side = ${q.side}`)}${and(q.counted, sql` AND o.counted`)}${and(q.currency, sql` AND o.currency = ${q.currency}`)}${dim}${and(q.project, sql` AND o."projectId" = ${q.project}`)}`;
    }
    case "booths":
      return sql`SELECT b.*, b.${Prisma.raw(`"${q.sort}"`)} AS _k1, b.id AS _id FROM (${boothStats(scope)}) b`;
    case "leads":
      return leadRows(scopedBooths(scope), (col) => inRange(col, scope));
    case "surveys":
      return sql`SELECT f.*, f."createdAt" AS _k1, f.id AS _id FROM (${fairSurveys(scope)}) f WHERE true${and(q.role, sql` AND f.role = ${q.role}`)}`;
  }
}

const DESC: Record<ListKind, boolean> = {
  meetings: false,
  requests: false,
  outcomes: false,
  booths: true,
  leads: true,
  surveys: true,
};

/** Who met about what, and where it is attributed (meetings and outcomes). */
const MEETING_PARTIES: Column[] = [
  { header: "report.col.exhibitor", value: (r, c) => name(c, r.exhibitorZh, r.exhibitorEn) },
  { header: "report.col.investor", value: (r, c) => name(c, r.investorZh, r.investorEn) },
  { header: "report.col.project", value: (r, c) => name(c, r.projectZh, r.projectEn) },
  { header: "report.col.sector", value: (r, c) => labelOf(c.t, "sector", r.sector) },
  { header: "report.col.region", value: (r, c) => labelOf(c.t, "region", r.region) },
  { header: "report.col.country", value: (r) => s(r.country) },
];

export const COLUMNS: Record<ListKind, Column[]> = {
  meetings: [
    { header: "report.col.start", value: (r, c) => when(r.startsAt, c) },
    { header: "report.col.end", value: (r, c) => when(r.endsAt, c) },
    { header: "report.col.status", value: (r, c) => labelOf(c.t, "agenda.meeting", r.status) },
    ...MEETING_PARTIES,
    { header: "report.col.outcomes", value: (r) => n(r.outcomes) },
    { header: "report.col.id", value: (r) => s(r.id) },
  ],
  requests: [
    { header: "report.col.created", value: (r, c) => when(r.createdAt, c) },
    { header: "report.col.meetingAt", value: (r, c) => when(r.meetingAt, c) },
    { header: "report.col.status", value: (r, c) => labelOf(c.t, "agenda.status", r.status) },
    {
      header: "report.col.from",
      value: (r, c) =>
        c.hideContacts ? name(c, r.fromZh, r.fromEn) : `${s(r.fromName)} · ${name(c, r.fromZh, r.fromEn)}`,
    },
    { header: "report.col.to", value: (r, c) => name(c, r.toZh, r.toEn) },
    { header: "report.col.project", value: (r, c) => name(c, r.projectZh, r.projectEn) },
    { header: "report.col.sector", value: (r, c) => labelOf(c.t, "sector", r.sector) },
    { header: "report.col.id", value: (r) => s(r.id) },
  ],
  outcomes: [
    { header: "report.col.start", value: (r, c) => when(r.startsAt, c) },
    { header: "report.col.side", value: (r, c) => labelOf(c.t, "report.side", r.side) },
    { header: "report.col.result", value: (r, c) => labelOf(c.t, "outcome.result", r.result) },
    { header: "report.col.amount", value: (r) => n(r.amount) },
    { header: "report.col.currency", value: (r) => s(r.currency) },
    { header: "report.col.counted", value: (r, c) => c.t(r.counted ? "report.yes" : "report.no") },
    ...MEETING_PARTIES,
    { header: "report.col.rating", value: (r) => n(r.rating) },
    { header: "report.col.nextStep", value: (r) => s(r.nextStep) },
    {
      header: "report.col.nextStepDate",
      value: (r) => (r.nextStepDate ? (r.nextStepDate as Date).toISOString().slice(0, 10) : null),
    },
    { header: "report.col.notes", value: (r) => s(r.notes), personal: true },
    { header: "report.col.author", value: (r) => s(r.authorName), personal: true },
    { header: "report.col.meetingId", value: (r) => s(r.meetingId) },
  ],
  booths: [
    { header: "report.col.exhibitor", value: (r, c) => name(c, r.orgZh, r.orgEn) },
    { header: "report.col.hall", value: (r, c) => name(c, r.hallZh, r.hallEn) },
    { header: "report.col.sector", value: (r, c) => labelOf(c.t, "sector", r.sector) },
    { header: "report.col.region", value: (r, c) => labelOf(c.t, "region", r.region) },
    { header: "report.col.status", value: (r, c) => labelOf(c.t, "booth.status", r.status) },
    { header: "report.col.visits", value: (r) => n(r.visits) },
    { header: "report.col.bookmarks", value: (r) => n(r.bookmarks) },
    { header: "report.col.requests", value: (r) => n(r.requests) },
    { header: "report.col.held", value: (r) => n(r.held) },
    { header: "report.col.id", value: (r) => s(r.id) },
  ],
  leads: [
    { header: "report.col.booth", value: (r, c) => name(c, r.boothZh, r.boothEn) },
    { header: "report.col.person", value: (r) => s(r.name), personal: true },
    { header: "report.col.organization", value: (r, c) => name(c, r.orgZh, r.orgEn) },
    { header: "report.col.bookmarked", value: (r, c) => when(r.bookmarkedAt, c, r.timeZone) },
    { header: "report.col.chatted", value: (r, c) => when(r.chattedAt, c, r.timeZone) },
    { header: "report.col.requested", value: (r, c) => when(r.requestedAt, c, r.timeZone) },
    { header: "report.col.met", value: (r, c) => when(r.meetingAt, c, r.timeZone) },
    { header: "report.col.watchMinutes", value: (r) => watchMinutes(r.watchSeconds) },
    { header: "report.col.roadshowQuestions", value: (r) => s(r.questions), personal: true },
    { header: "report.col.email", value: (r) => s(r.email), personal: true },
    { header: "report.col.phone", value: (r) => s(r.phone), personal: true },
    { header: "report.col.fair", value: (r, c) => name(c, r.fairZh, r.fairEn) },
  ],
  surveys: [
    { header: "report.col.created", value: (r, c) => when(r.createdAt, c) },
    { header: "report.col.role", value: (r, c) => labelOf(c.t, "role", r.role) },
    { header: "report.col.nps", value: (r) => n(r.nps) },
    { header: "report.col.satisfaction", value: (r) => n(r.satisfaction) },
    { header: "report.col.comment", value: (r) => s(r.comment) },
  ],
};

export const PER_PAGE = 25;
export const EXPORT_BATCH = 1000;

export interface RowSource {
  sql: Prisma.Sql;
  desc: boolean;
  columns: Column[];
}

export function listSource(kind: ListKind, scope: Scope, q: ListQuery): RowSource {
  return { sql: source(kind, scope, q), desc: DESC[kind], columns: COLUMNS[kind] };
}

export async function countRows(src: RowSource): Promise<number> {
  const [row] = await db().$queryRaw<{ n: number }[]>(sql`SELECT count(*)::int AS n FROM (${src.sql}) x`);
  return row.n;
}

const order = (src: RowSource) => (src.desc ? sql`ORDER BY x._k1 DESC, x._id DESC` : sql`ORDER BY x._k1, x._id`);

/** Page `page` (1-based) of rows, as localized cells under localized headers. */
export async function listPage(src: RowSource, c: ListContext, page: number, perPage = PER_PAGE) {
  const total = await countRows(src);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db().$queryRaw<Row[]>(
    sql`SELECT * FROM (${src.sql}) x ${order(src)} LIMIT ${perPage} OFFSET ${(current - 1) * perPage}`,
  );
  return { total, page: current, pages, headers: headersOf(src, c), rows: rows.map((r) => cellsOf(src, r, c)) };
}

export const headersOf = (src: RowSource, c: ListContext) => src.columns.map((col) => c.t(col.header));
export const cellsOf = (src: RowSource, r: Row, c: ListContext): Cell[] =>
  src.columns.map((col) => (col.personal && c.hideContacts ? null : col.value(r, c)));

/**
 * Every row in batches, walking the sort key (keyset pagination: each batch starts after the last
 * row of the previous one), so an export never holds more than one batch in memory and never
 * skips or repeats a row the way OFFSET paging over a changing table can.
 */
export async function* rowBatches(src: RowSource, c: ListContext, batch = EXPORT_BATCH): AsyncGenerator<Cell[][]> {
  let after: { k: unknown; id: unknown } | null = null;
  for (;;) {
    // The redundant `_k1 >=` lets Postgres use the sort column's index (e.g. Meeting(fairId, startsAt))
    // when _k1 and _id come from different tables; the row comparison alone would scan from the start.
    const cursor: Prisma.Sql = after
      ? src.desc
        ? sql`WHERE x._k1 <= ${after.k} AND (x._k1, x._id) < (${after.k}, ${after.id})`
        : sql`WHERE x._k1 >= ${after.k} AND (x._k1, x._id) > (${after.k}, ${after.id})`
      : empty;
    const rows: Row[] = await db().$queryRaw<Row[]>(
      sql`SELECT * FROM (${src.sql}) x ${cursor} ${order(src)} LIMIT ${batch}`,
    );
    if (rows.length === 0) return;
    yield rows.map((r) => cellsOf(src, r, c));
    if (rows.length < batch) return;
    const last = rows[rows.length - 1];
    after = { k: last._k1, id: last._id };
  }
}
