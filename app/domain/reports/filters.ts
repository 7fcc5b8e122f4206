// Dashboard filters (GET parameters shared by the dashboard, its lists and its exports): a date
// range in the fair's time zone, a hall and a sector; the codes the report lists use. Pure and
// free of zod (which stays on the server: scope.server.ts parses): used by components too.
import { utcToWallTime, wallTimeToUtc } from "~/lib/time";

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

/** [from 00:00, day after `to` 00:00) in the fair's zone, as UTC instants. */
export function dayRange(f: Pick<ReportFilters, "from" | "to">, timeZone: string): { gte?: Date; lt?: Date } {
  const gte = f.from ? (wallTimeToUtc(`${f.from}T00:00`, timeZone) ?? undefined) : undefined;
  let lt: Date | undefined;
  if (f.to) {
    const next = new Date(`${f.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    lt = wallTimeToUtc(`${next.toISOString().slice(0, 10)}T00:00`, timeZone) ?? undefined;
  }
  return { gte, lt };
}

/** The calendar day (YYYY-MM-DD) of an instant in the fair's zone. */
export function dayKey(at: Date | string, timeZone: string): string {
  return utcToWallTime(at, timeZone).slice(0, 10);
}
