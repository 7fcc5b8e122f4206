/** Day-number helpers (days since 1970-01-01, UTC) used by the offline evaluation. */

const MS_PER_DAY = 86_400_000;

/**
 * Parses a leading `YYYY-MM-DD` (optionally followed by a time, or `YYYY/MM/DD`)
 * into a UTC day number. Returns `null` for anything that is not a real calendar date.
 */
export function parseDay(value: string): number | null {
  const m = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[\sT])/.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Reject overflowing dates such as 2015-02-30, and years Date.UTC maps oddly (0–99).
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.floor(ms / MS_PER_DAY);
}

/** Formats a UTC day number as `YYYY-MM-DD`. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Today's UTC day number. */
export function today(): number {
  return Math.floor(Date.now() / MS_PER_DAY);
}
