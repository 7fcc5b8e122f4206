// Wall-clock time in an IANA zone <-> UTC instants (for datetime-local form fields).

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// Building an Intl.DateTimeFormat costs far more than using one (exports format 100k+ times).
const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC in minutes at the given instant (e.g. +480 for Asia/Shanghai). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** "2026-12-08T09:00" in `timeZone` → the UTC instant. Null for malformed input. */
export function wallTimeToUtc(local: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const guess = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  if (Number.isNaN(guess)) return null;
  // Two passes settle DST transitions: offset at the guess, then at the corrected instant.
  let utc = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60_000;
  utc = guess - zoneOffsetMinutes(new Date(utc), timeZone) * 60_000;
  return new Date(utc);
}

/** The UTC instant as "YYYY-MM-DDTHH:mm" wall time in `timeZone` (datetime-local value). */
export function utcToWallTime(at: Date | string, timeZone: string): string {
  const d = typeof at === "string" ? new Date(at) : at;
  const local = new Date(d.getTime() + zoneOffsetMinutes(d, timeZone) * 60_000);
  return local.toISOString().slice(0, 16);
}

/**
 * Years a date typed into a form may have. A fair, a meeting or a next step is planned within this
 * century; 0001 and 9999 are typing accidents or probes (issue 14), not plans.
 */
export const PLAUSIBLE_YEARS = { min: 2000, max: 2100 } as const;

const plausibleYear = (y: number) => y >= PLAUSIBLE_YEARS.min && y <= PLAUSIBLE_YEARS.max;

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * "2026-12-08": a day that exists (not 2026-02-30, not 2026-13-45) in a plausible year. Date parsing
 * would roll 2026-02-30 over to 2 March, so the parts are checked one by one.
 */
export function isCalendarDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  return plausibleYear(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

/** "2026-12-08T09:00" (a datetime-local value): a calendar day as above and a time of day 00:00–23:59. */
export function isWallTime(s: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(s);
  return !!m && isCalendarDay(m[1]) && +m[2] <= 23 && +m[3] <= 59;
}
