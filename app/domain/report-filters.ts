// Dashboard filters (GET parameters shared by the dashboard, its lists and its exports): a date
// range in the fair's time zone, a hall and a sector. Pure: used by loaders and components.
import { z } from "zod";
import { utcToWallTime, wallTimeToUtc } from "~/lib/time";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
const code = z.string().trim().max(64).regex(/^[\w-]*$/).optional().catch(undefined);

export const reportFilterSchema = z.object({ from: day, to: day, hall: code, sector: code });
export type ReportFilters = z.infer<typeof reportFilterSchema>;
export const FILTER_KEYS = ["from", "to", "hall", "sector"] as const;

/** Reads the filters from a query string; empty or malformed values mean "no filter". */
export function parseReportFilters(params: URLSearchParams): ReportFilters {
  const raw: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) raw[k] = v;
  }
  const f = reportFilterSchema.parse(raw);
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as ReportFilters;
}

/** The filters (plus extra list parameters) as a query string, without empty values. */
export function reportQuery(f: ReportFilters, extra: Record<string, string | number | null | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** [from 00:00, day after `to` 00:00) in the fair's zone, as UTC instants. */
export function dayRange(f: Pick<ReportFilters, "from" | "to">, timeZone: string): { gte?: Date; lt?: Date } {
  const gte = f.from ? wallTimeToUtc(`${f.from}T00:00`, timeZone) ?? undefined : undefined;
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
