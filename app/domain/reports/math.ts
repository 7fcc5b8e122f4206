// Small pure calculations behind the fair report (NPS, rates, money from DECIMAL strings).

export interface Nps {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
}

/** Net Promoter Score: % promoters (9–10) − % detractors (0–6), rounded to one decimal; null without answers. */
export function npsOf(c: { responses: number; promoters: number; detractors: number }): Nps {
  const nps = c.responses ? Math.round(((c.promoters - c.detractors) / c.responses) * 1000) / 10 : null;
  return {
    responses: c.responses,
    promoters: c.promoters,
    passives: c.responses - c.promoters - c.detractors,
    detractors: c.detractors,
    nps,
  };
}

/** NPS of a list of 0–10 scores. */
export function npsOfScores(scores: number[]): Nps {
  return npsOf({
    responses: scores.length,
    promoters: scores.filter((s) => s >= 9).length,
    detractors: scores.filter((s) => s <= 6).length,
  });
}

/** part / whole, or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Fraction digits of a currency (2 for CNY/USD/EUR, 0 for JPY/KRW). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * A DECIMAL amount in major units as Postgres prints it ("12500000.50") → integer minor units of the
 * currency, computed with BigInt so sums of large amounts stay exact; rounds half up.
 */
export function decimalToMinor(value: string, currency: string): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`not a decimal: ${value}`);
  const digits = currencyDigits(currency);
  const frac = (m[3] ?? "").padEnd(digits + 1, "0");
  let minor = BigInt(m[2]) * 10n ** BigInt(digits) + BigInt(frac.slice(0, digits) || "0");
  if (Number(frac[digits]) >= 5) minor += 1n;
  return Number(m[1] ? -minor : minor);
}

/** Average rounded to two decimals, or null for no values. */
export function average(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 100) / 100 : null;
}

/**
 * Each funnel stage relative to the stage before: `null` for the first stage and after an empty
 * one; `"exceeds"` when a stage is larger than the stage before. The stages are counted separately
 * (a bookmark or a request needs no recorded visit), so a ratio above 100% would not be a
 * conversion rate at all; the dashboard says so instead of printing "1,000%".
 */
export function stageRatios(counts: readonly number[]): (number | null | "exceeds")[] {
  return counts.map((n, i) => {
    if (i === 0) return null;
    const before = counts[i - 1];
    if (n > before) return "exceeds";
    return rate(n, before);
  });
}
