/**
 * Loads a deals CSV in the Crunchbase layout: `company_*` columns describe the
 * project side, `acquirer_*` (or `investor_*`) columns the investor side, and
 * `acquired_at` (or `funded_at`) is the deal date. Nothing about a particular
 * file is assumed beyond the column names.
 */
import { parseCsvRecords } from "./csv";
import { formatDay, parseDay, today } from "./dates";

export interface DealParty {
  /** Stable id: the permalink, or the name when there is no permalink. */
  id: string;
  name: string;
  categories: string[];
  country: string;
  state: string;
  region: string;
  city: string;
}

export interface Deal {
  company: DealParty;
  investor: DealParty;
  /** UTC day number of the deal. */
  day: number;
  /** Deal amount if the file has one (price_amount / raised_amount_usd). */
  amount?: number;
  /** Round type or code if the file has one (e.g. funding_round_type). */
  stage?: string;
}

export interface LoadOptions {
  /** Rows dated after this day are dropped. Default: see {@link latestPlausibleDay}. */
  maxDay?: number;
  /** "Today" for the future-date check (default: the run date). */
  runDay?: number;
}

export interface LoadedDeals {
  deals: Deal[];
  layout: { investorPrefix: "acquirer_" | "investor_"; dateColumn: string };
  skipped: { badDate: number; futureDate: number; missingParty: number };
  /** Latest day accepted. */
  maxDay: number;
}

const DAYS_TOLERANCE = 90;
const TAIL_QUANTILE = 0.999;

/**
 * Latest plausible deal day: never after the run date, and never more than
 * 90 days after the 99.9th percentile of the file's parseable dates (so that an
 * isolated typo such as a year 3201 or a stray date a year past the export does
 * not count as real, whatever the export date of the file was).
 */
export function latestPlausibleDay(days: number[], runDay: number = today()): number {
  const sorted = days.filter((d) => d <= runDay).sort((a, b) => a - b);
  if (sorted.length === 0) return runDay;
  // Nearest-rank percentile: on small files this is simply the latest date.
  const q = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(TAIL_QUANTILE * sorted.length) - 1))];
  return Math.min(runDay, q + DAYS_TOLERANCE);
}

function splitList(v: string): string[] {
  if (!v) return [];
  const seen = new Set<string>();
  for (const part of v.split("|")) {
    const t = part.trim();
    if (t) seen.add(t);
  }
  return [...seen];
}

function party(rec: Record<string, string>, prefix: string): DealParty | null {
  const name = (rec[`${prefix}name`] ?? "").trim();
  const id = (rec[`${prefix}permalink`] ?? "").trim() || name;
  if (!id) return null;
  return {
    id,
    name: name || id,
    categories: splitList(rec[`${prefix}category_list`] ?? ""),
    country: (rec[`${prefix}country_code`] ?? "").trim(),
    state: (rec[`${prefix}state_code`] ?? "").trim(),
    region: (rec[`${prefix}region`] ?? "").trim(),
    city: (rec[`${prefix}city`] ?? "").trim(),
  };
}

/** Parses deals CSV text. Throws if the layout is not recognised. */
export function loadDealsCsv(text: string, options: LoadOptions = {}): LoadedDeals {
  const { header, records } = parseCsvRecords(text);
  const has = (c: string) => header.includes(c);
  const investorPrefix = has("acquirer_permalink") || has("acquirer_name") ? "acquirer_" : "investor_";
  if (!has(`${investorPrefix}permalink`) && !has(`${investorPrefix}name`)) {
    throw new Error("deals CSV: no acquirer_* or investor_* columns");
  }
  if (!has("company_permalink") && !has("company_name")) throw new Error("deals CSV: no company_* columns");
  const dateColumn = ["acquired_at", "funded_at"].find(has);
  if (!dateColumn) throw new Error("deals CSV: no acquired_at or funded_at column");
  const amountColumn = ["price_amount", "raised_amount_usd", "raised_amount"].find(has);
  const stageColumn = ["funding_round_type", "funding_round_code"].find(has);

  const skipped = { badDate: 0, futureDate: 0, missingParty: 0 };
  const parsed: { rec: Record<string, string>; day: number }[] = [];
  for (const rec of records) {
    const day = parseDay(rec[dateColumn] ?? "");
    if (day === null) {
      skipped.badDate++;
      continue;
    }
    parsed.push({ rec, day });
  }
  const maxDay =
    options.maxDay ??
    latestPlausibleDay(
      parsed.map((p) => p.day),
      options.runDay ?? today(),
    );

  const deals: Deal[] = [];
  for (const { rec, day } of parsed) {
    if (day > maxDay) {
      skipped.futureDate++;
      continue;
    }
    const company = party(rec, "company_");
    const investor = party(rec, investorPrefix);
    if (!company || !investor) {
      skipped.missingParty++;
      continue;
    }
    const deal: Deal = { company, investor, day };
    if (amountColumn) {
      const a = Number((rec[amountColumn] ?? "").replace(/,/g, ""));
      if (rec[amountColumn] && Number.isFinite(a) && a > 0) deal.amount = a;
    }
    if (stageColumn) {
      const s = (rec[stageColumn] ?? "").trim();
      if (s) deal.stage = s;
    }
    deals.push(deal);
  }
  return { deals, layout: { investorPrefix, dateColumn }, skipped, maxDay };
}

export { formatDay };
