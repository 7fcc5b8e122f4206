// Strict calendar dates and wall-clock date-times: the values of <input type="date"> ("2026-12-08")
// and <input type="datetime-local"> ("2026-12-08T09:00") as they arrive in a query or a form.
// Nothing rolls over: JavaScript's Date turns 2026-02-30 into 2 March and 2026-13-45 into an
// Invalid Date that throws later; here both are refused with the reason, so the caller can say so.
//
// Years are limited to [MIN_YEAR, MAX_YEAR] = [2000, 2100]: every fair, meeting and report of this
// application lies well inside, and typos such as 0202, 0001 or 9999 (which Postgres and Date would
// accept) are caught. A caller with a narrower rule (e.g. "not in the past") checks it after this.
import { utcToWallTime, wallTimeToUtc } from "./time";

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/**
 * Why a value is not a date:
 * - `malformed`: not of the shape YYYY-MM-DD (or YYYY-MM-DDTHH:mm[:ss]);
 * - `impossible`: the right shape but no such day or time (month 13, 30 February, 24:00);
 * - `outOfRange`: a real date outside the years MIN_YEAR–MAX_YEAR;
 * - `nonexistent`: a wall time skipped in the time zone (the hour a DST change jumps over).
 */
export type DateProblem = "malformed" | "impossible" | "outOfRange" | "nonexistent";
export type DateResult<T> = { ok: true; value: T } | { ok: false; problem: DateProblem };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days in a month (1–12) of a year, Gregorian. */
export function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function checkDay(y: number, m: number, d: number): DateProblem | null {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return "impossible";
  if (y < MIN_YEAR || y > MAX_YEAR) return "outOfRange";
  return null;
}

/**
 * A calendar day "YYYY-MM-DD" (surrounding spaces ignored) → the same string when it names a real
 * day in the years MIN_YEAR–MAX_YEAR. Anything else, including non-strings, is refused with why.
 */
export function parseCalendarDate(input: unknown): DateResult<string> {
  if (typeof input !== "string") return { ok: false, problem: "malformed" };
  const m = DATE.exec(input.trim());
  if (!m) return { ok: false, problem: "malformed" };
  const problem = checkDay(+m[1], +m[2], +m[3]);
  return problem ? { ok: false, problem } : { ok: true, value: m[0] };
}

/**
 * A wall-clock date-time "YYYY-MM-DDTHH:mm" (seconds ":ss" allowed, as some browsers send them) in
 * an IANA time zone → the UTC instant, plus the normalized "YYYY-MM-DDTHH:mm[:ss]" text. A time the
 * zone skips (spring-forward gap) is `nonexistent`; a time it repeats (fall-back) is the first one.
 */
export function parseLocalDateTime(input: unknown, timeZone: string): DateResult<{ local: string; utc: Date }> {
  if (typeof input !== "string") return { ok: false, problem: "malformed" };
  const m = DATE_TIME.exec(input.trim());
  if (!m) return { ok: false, problem: "malformed" };
  const [hour, minute, second] = [+m[4], +m[5], m[6] === undefined ? 0 : +m[6]];
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, problem: "impossible" };
  const problem = checkDay(+m[1], +m[2], +m[3]);
  if (problem) return { ok: false, problem };
  const minutes = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`;
  const at = wallTimeToUtc(minutes, timeZone);
  if (!at) return { ok: false, problem: "malformed" };
  if (utcToWallTime(at, timeZone) !== minutes) return { ok: false, problem: "nonexistent" };
  return { ok: true, value: { local: m[0], utc: new Date(at.getTime() + second * 1000) } };
}

/** The calendar day `n` days after a valid "YYYY-MM-DD" (negative n: before). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** 00:00 of a valid calendar day in `timeZone`, as a UTC instant. */
export function startOfDay(day: string, timeZone: string): Date {
  return wallTimeToUtc(`${day}T00:00`, timeZone)!;
}

/** "2026-12-08": a real day in the years MIN_YEAR–MAX_YEAR (not 2026-02-30, 2026-13-45, 0001 or 9999). */
export const isCalendarDay = (s: string): boolean => parseCalendarDate(s).ok;

/** "2026-12-08T09:00" (a datetime-local value): a real day as above and a time of day 00:00–23:59. */
export const isWallTime = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s) && parseLocalDateTime(s, "UTC").ok;
