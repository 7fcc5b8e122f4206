// Dashboard filters (GET parameters shared by the dashboard, its lists and its exports): a date
// range in the fair's time zone, a hall and a sector; the codes the report lists use. Pure and
// free of zod: used by components too. Dates are parsed strictly by ~/lib/dates (2026-02-30 and
// 2026-13-45 are refused, never rolled over), and a refused filter is reported, not silently dropped.
import type { KeyOf } from "~/i18n";
import type { dashboardCatalog } from "~/i18n/catalog/dashboard";
import { addDays, MAX_YEAR, MIN_YEAR, parseCalendarDate, startOfDay, type DateProblem } from "~/lib/dates";
import { utcToWallTime } from "~/lib/time";

export { OUTCOME_RESULTS } from "~/domain/meetings/outcome-codes";

export const LIST_KINDS = ["meetings", "requests", "outcomes", "booths", "leads", "surveys"] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const isListKind = (k: string): k is ListKind => (LIST_KINDS as readonly string[]).includes(k);

export const MEETING_STATUSES = ["SCHEDULED", "IN_PROGRESS", "COMPLETED", "NO_SHOW", "CANCELLED"] as const;
export const REQUEST_STATUSES = ["PENDING", "ACCEPTED", "DECLINED", "COUNTERED", "CANCELLED"] as const;
export const BOOTH_SORTS = ["visits", "bookmarks", "requests", "held"] as const;
export const DIMENSIONS = ["sector", "region", "country"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** Dimension key for "not recorded" (e.g. an exhibitor without a region). */
export const NONE = "none";

export interface ReportFilters {
  from?: string;
  to?: string;
  hall?: string;
  sector?: string;
}
export const FILTER_KEYS = ["from", "to", "hall", "sector"] as const;

/** The filters (plus extra list parameters) as a query string, without empty values. */
export function reportQuery(f: ReportFilters, extra: Record<string, string | number | null | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra }))
    if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/**
 * Something wrong with the filters as given, shown next to the filter form (and a 400 for exports):
 * - `date`: `from` or `to` is not a date (see DateProblem); that filter is ignored;
 * - `swapped`: `from` was after `to`; the two were swapped and the range shown is from…to.
 */
export type FilterProblem =
  | { kind: "date"; field: "from" | "to"; problem: DateProblem; value: string }
  | { kind: "swapped"; from: string; to: string };

/** Longest raw value echoed back in a message. */
const ECHO_MAX = 40;
const CODE = /^[\w-]{1,64}$/;

/**
 * Reads the filters from a query string. Dates must be real days (years 2000–2100, ~/lib/dates);
 * a wrong one is ignored and reported; `from` after `to` is swapped and reported. Hall and sector
 * are codes (letters, digits, `-`, `_`); anything else means "no filter". Empty values are absent.
 */
export function readReportFilters(params: URLSearchParams): { filters: ReportFilters; problems: FilterProblem[] } {
  const filters: ReportFilters = {};
  const problems: FilterProblem[] = [];
  for (const field of ["from", "to"] as const) {
    const raw = params.get(field);
    if (!raw) continue;
    const day = parseCalendarDate(raw);
    if (day.ok) filters[field] = day.value;
    else problems.push({ kind: "date", field, problem: day.problem, value: raw.slice(0, ECHO_MAX) });
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    [filters.from, filters.to] = [filters.to, filters.from];
    problems.push({ kind: "swapped", from: filters.from, to: filters.to });
  }
  for (const field of ["hall", "sector"] as const) {
    const raw = params.get(field)?.trim();
    if (raw && CODE.test(raw)) filters[field] = raw;
  }
  return { filters, problems };
}

/** A filter problem in words (the field named as on the form). */
export function filterProblemMessage(
  t: (key: KeyOf<typeof dashboardCatalog>, params?: Record<string, string>) => string,
  p: FilterProblem,
): string {
  if (p.kind === "swapped") return t("report.filter.error.swapped", { from: p.from, to: p.to });
  const field = t(p.field === "from" ? "report.filter.from" : "report.filter.to");
  const params = { field, value: p.value, min: String(MIN_YEAR), max: String(MAX_YEAR) };
  if (p.problem === "malformed") return t("report.filter.error.malformed", params);
  if (p.problem === "outOfRange") return t("report.filter.error.outOfRange", params);
  return t("report.filter.error.impossible", params);
}

/** The filters a query string applies (see readReportFilters for what is refused and why). */
export const parseReportFilters = (params: URLSearchParams): ReportFilters => readReportFilters(params).filters;

/** [from 00:00, day after `to` 00:00) in the fair's zone, as UTC instants; malformed days are ignored. */
export function dayRange(f: Pick<ReportFilters, "from" | "to">, timeZone: string): { gte?: Date; lt?: Date } {
  const from = f.from && parseCalendarDate(f.from);
  const to = f.to && parseCalendarDate(f.to);
  return {
    gte: from && from.ok ? startOfDay(from.value, timeZone) : undefined,
    lt: to && to.ok ? startOfDay(addDays(to.value, 1), timeZone) : undefined,
  };
}

/** The calendar day (YYYY-MM-DD) of an instant in the fair's zone. */
export function dayKey(at: Date | string, timeZone: string): string {
  return utcToWallTime(at, timeZone).slice(0, 10);
}
