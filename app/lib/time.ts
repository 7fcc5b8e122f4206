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

// formatToParts is the costly part, and pages ask for the same instants on every request (a fair's
// meeting slots, today's midnight): remembered exactly per zone and instant, at most OFFSETS_MAX.
const OFFSETS_MAX = 10_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC in minutes at the given instant (e.g. +480 for Asia/Shanghai). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const key = `${timeZone} ${at.getTime()}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const offset = computeOffsetMinutes(at, timeZone);
  if (offsets.size >= OFFSETS_MAX) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

function computeOffsetMinutes(at: Date, timeZone: string): number {
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
