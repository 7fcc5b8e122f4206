// The page number of a paginated list, from a query parameter. Every list (dashboard lists, leads,
// review queue, negotiations, notifications, search, fair hall, open data API) reads it here, so
// "1.5", "-1", "abc", "1e400" or a 20-digit number can never reach the database as an OFFSET.

/** Highest page any list accepts unless it says otherwise (1,000,000 pages of 25 rows = 25 million rows). */
export const MAX_PAGE = 1_000_000;

/**
 * A 1-based page number: a whole number written in digits, 1…max. Anything else — empty, a
 * fraction, a sign, an exponent, letters, a number above `max`, a repeated parameter — is page 1.
 * (Lists that know their last page then clamp to it.)
 */
export function parsePage(raw: unknown, max = MAX_PAGE): number {
  if (typeof raw === "number") raw = String(raw);
  if (typeof raw !== "string") return 1;
  const digits = raw.trim();
  if (!/^\d{1,16}$/.test(digits)) return 1;
  const n = Number(digits);
  return n >= 1 && n <= max ? n : 1;
}
