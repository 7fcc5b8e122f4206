// Checking an onboarding spreadsheet row by row (pure: the cells and the fair's halls and tiers in,
// normalized rows and per-cell errors out). Row numbers are the spreadsheet's own (the header is row 1),
// so "第 17 行" is the row the user sees in Excel. Duplicates inside the file (same credit code, or the
// same email) are errors on the later row.
import { z } from "zod";
import { CURRENCIES, REGION_CODES, SECTOR_CODES, STAGE_CODES } from "~/domain/fairs/codes";
import { coreEn } from "~/i18n/catalog/core.en";
import { coreZh } from "~/i18n/catalog/core.zh-CN";
import { parseMoney } from "~/lib/form-fields";
import { columnOfHeader, columnsOf, REQUIRED_COLUMNS, type ColumnKey, type ImportKind } from "./columns";
import { creditCodeProblem, normalizeCreditCode } from "./credit-code";

import { MAX_ROWS } from "./limits";

export { MAX_ROWS };
/** Characters one cell may hold. */
export const MAX_CELL = 2_000;
/** Projects one exhibitor row may list. */
export const MAX_PROJECTS = 20;

export type RowErrorKey =
  | "required"
  | "invalidFormat"
  | "tooLong"
  | "creditLength"
  | "creditCharacters"
  | "creditChecksum"
  | "unknownHall"
  | "unknownTier"
  | "unknownSector"
  | "unknownRegion"
  | "unknownStage"
  | "unknownCurrency"
  | "ticketOrder"
  | "amount"
  | "tooManyProjects"
  | "duplicate"
  | "accountTaken"
  | "orgKindTaken";

export interface RowError {
  row: number;
  /** The column at fault, or null for the whole row. */
  column: ColumnKey | null;
  key: RowErrorKey;
  params?: Record<string, string | number>;
}

export interface ImportProject {
  titleZh: string;
  stage: (typeof STAGE_CODES)[number];
  /** minor units, as text (JSON has no bigint) */
  amount: string;
}

interface BaseRow {
  row: number;
  nameZh: string;
  nameEn: string;
  creditCode: string | null;
  contactName: string;
  email: string;
  phone: string | null;
  region: string | null;
}
export interface ExhibitorRow extends BaseRow {
  kind: "exhibitor";
  sector: string | null;
  hallId: string;
  tierId: string;
  projects: ImportProject[];
}
export interface InvestorRow extends BaseRow {
  kind: "investor";
  sectors: string[];
  stages: string[];
  ticketMin: string;
  ticketMax: string;
  currency: string;
  regions: string[];
}
export type ImportRow = ExhibitorRow | InvestorRow;

export interface FairContext {
  halls: { id: string; slug: string; nameZh: string; nameEn: string; sector: string }[];
  tiers: { id: string; code: string; nameZh: string; nameEn: string }[];
}

export type FileProblem =
  { key: "empty" } | { key: "tooManyRows"; max: number } | { key: "missingColumns"; columns: ColumnKey[] };

export interface CheckResult {
  rows: ImportRow[];
  errors: RowError[];
  /** Data rows read (blank rows skipped). */
  total: number;
}

const fold = (s: string) => s.normalize("NFKC").trim().toLowerCase();

/** code ↔ "code", its Chinese and its English label, folded. */
function codeLookup(prefix: string, codes: readonly string[]): Map<string, string> {
  const zh = coreZh as Record<string, string>;
  const en = coreEn as Record<string, string>;
  const m = new Map<string, string>();
  for (const c of codes)
    for (const name of [c, zh[`${prefix}.${c}`], en[`${prefix}.${c}`]]) if (name) m.set(fold(name), c);
  return m;
}
const SECTORS = codeLookup("sector", SECTOR_CODES);
const REGIONS = codeLookup("region", REGION_CODES);
const STAGES = codeLookup("stage", STAGE_CODES);
STAGES.set("series a", "SERIES_A").set("series b", "SERIES_B").set("pre ipo", "PRE_IPO");

const EMAIL = z.string().email().max(254);
const PHONE = /^[+\d][\d\s()-]{5,24}$/;
/** A list in one cell: separated by ; , 、 ， ； or new lines. */
const splitList = (s: string) =>
  s
    .split(/[;,、，；\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Cells of the header row → the column each position holds; problems when required ones are missing. */
export function mapHeader(kind: ImportKind, header: string[]): { columns: (ColumnKey | null)[]; missing: ColumnKey[] } {
  const columns = header.map((h) => columnOfHeader(kind, h));
  const present = new Set(columns.filter((c): c is ColumnKey => c !== null));
  const needed: ColumnKey[] = kind === "exhibitor" ? [...REQUIRED_COLUMNS, "hall", "tier"] : [...REQUIRED_COLUMNS];
  return { columns, missing: needed.filter((c) => !present.has(c)) };
}

/** Checks every row of a sheet (cells as text, the first row the header). */
export function checkSheet(
  kind: ImportKind,
  cells: string[][],
  fair: FairContext,
): CheckResult | { fileProblem: FileProblem } {
  if (cells.length === 0) return { fileProblem: { key: "empty" } };
  const { columns, missing } = mapHeader(kind, cells[0]);
  if (missing.length > 0) return { fileProblem: { key: "missingColumns", columns: missing } };
  const data = cells.slice(1);
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const seenCode = new Map<string, number>();
  const seenEmail = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const line = data[i];
    if (line.every((c) => !c || !c.trim())) continue;
    total++;
    if (total > MAX_ROWS) return { fileProblem: { key: "tooManyRows", max: MAX_ROWS } };
    const record: Partial<Record<ColumnKey, string>> = {};
    columns.forEach((col, j) => {
      if (col && record[col] === undefined) record[col] = line[j] ?? "";
    });
    const rowNo = i + 2;
    const checked = checkRow(kind, rowNo, record, fair);
    if ("errors" in checked) {
      errors.push(...checked.errors);
      continue;
    }
    const row = checked.row;
    const dupCode = row.creditCode ? seenCode.get(row.creditCode) : undefined;
    const dupEmail = seenEmail.get(row.email);
    if (dupCode !== undefined) {
      errors.push({ row: rowNo, column: "creditCode", key: "duplicate", params: { other: dupCode } });
      continue;
    }
    if (dupEmail !== undefined) {
      errors.push({ row: rowNo, column: "email", key: "duplicate", params: { other: dupEmail } });
      continue;
    }
    if (row.creditCode) seenCode.set(row.creditCode, rowNo);
    seenEmail.set(row.email, rowNo);
    rows.push(row);
  }
  if (total === 0) return { fileProblem: { key: "empty" } };
  return { rows, errors, total };
}

/** One row: the normalized row, or every error it has. */
export function checkRow(
  kind: ImportKind,
  rowNo: number,
  record: Partial<Record<ColumnKey, string>>,
  fair: FairContext,
): { row: ImportRow } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (column: ColumnKey, key: RowErrorKey, params?: RowError["params"]) =>
    errors.push({ row: rowNo, column, key, ...(params ? { params } : {}) });
  const cell = (c: ColumnKey): string => {
    const v = (record[c] ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
    // A formula-safe export writes '+86… or '=…: the apostrophe is ours, not the value's.
    return /^'[=+\-@]/.test(v) ? v.slice(1) : v;
  };
  for (const c of columnsOf(kind)) if (cell(c).length > MAX_CELL) fail(c, "tooLong");
  if (errors.length) return { errors };

  const text = (c: ColumnKey, max: number, needed = false): string => {
    const v = cell(c);
    if (needed && !v) fail(c, "required");
    else if ([...v].length > max) fail(c, "tooLong");
    return v;
  };
  const nameZh = text("nameZh", 120, true);
  const nameEn = text("nameEn", 120) || nameZh;
  const contactName = text("contactName", 80, true);
  const email = cell("email").toLowerCase();
  if (!email) fail("email", "required");
  else if (!EMAIL.safeParse(email).success) fail("email", "invalidFormat");
  const phone = cell("phone");
  if (phone && !PHONE.test(phone)) fail("phone", "invalidFormat");
  let creditCode: string | null = null;
  const rawCode = cell("creditCode");
  if (rawCode) {
    creditCode = normalizeCreditCode(rawCode);
    const p = creditCodeProblem(creditCode);
    if (p)
      fail("creditCode", p === "length" ? "creditLength" : p === "characters" ? "creditCharacters" : "creditChecksum");
  }
  const region = cell("region") ? (REGIONS.get(fold(cell("region"))) ?? null) : null;
  if (cell("region") && !region) fail("region", "unknownRegion");
  const base = { row: rowNo, nameZh, nameEn, creditCode, contactName, email, phone: phone || null, region };

  if (kind === "exhibitor") {
    const sector = cell("sector") ? (SECTORS.get(fold(cell("sector"))) ?? null) : null;
    if (cell("sector") && !sector) fail("sector", "unknownSector");
    const hallName = fold(cell("hall"));
    const hall = fair.halls.find((h) => [h.slug, h.nameZh, h.nameEn].some((n) => fold(n) === hallName));
    if (!hallName) fail("hall", "required");
    else if (!hall) fail("hall", "unknownHall");
    const tierName = fold(cell("tier"));
    const tier = fair.tiers.find((t) => [t.code, t.nameZh, t.nameEn].some((n) => fold(n) === tierName));
    if (!tierName) fail("tier", "required");
    else if (!tier) fail("tier", "unknownTier");
    const projects: ImportProject[] = [];
    // One project per line or ";": "title" or "title | stage | amount sought".
    const items = cell("projects")
      ? (record.projects ?? "")
          .split(/[;\n；]+/)
          .map((x) => x.trim())
          .filter(Boolean)
      : [];
    if (items.length > MAX_PROJECTS) fail("projects", "tooManyProjects", { max: MAX_PROJECTS });
    else
      for (const item of items) {
        const [title, stageText = "", amountText = ""] = item.split(/[|｜]/).map((x) => x.trim());
        const stage = stageText ? STAGES.get(fold(stageText)) : "SEED";
        const money = amountText ? parseMoney(amountText) : ({ ok: true, minor: 0n } as const);
        if (!title || [...title].length > 200) fail("projects", title ? "tooLong" : "invalidFormat");
        else if (!stage) fail("projects", "unknownStage", { value: stageText });
        else if (!money.ok || money.minor > 10_000_000_000_000n) fail("projects", "amount", { value: amountText });
        else projects.push({ titleZh: title, stage: stage as ImportProject["stage"], amount: money.minor.toString() });
      }
    if (projects.length > 0 && !region && !cell("region")) fail("region", "required");
    if (errors.length) return { errors };
    return { row: { kind, ...base, sector, hallId: hall!.id, tierId: tier!.id, projects } };
  }

  const codes = (c: ColumnKey, table: Map<string, string>, key: RowErrorKey): string[] => {
    const out: string[] = [];
    for (const item of splitList(cell(c))) {
      const code = table.get(fold(item));
      if (!code) {
        fail(c, key, { value: item.slice(0, 40) });
        break;
      }
      if (!out.includes(code)) out.push(code);
    }
    return out;
  };
  const sectors = codes("sectors", SECTORS, "unknownSector");
  const stages = codes("stages", STAGES, "unknownStage");
  const regions = codes("regions", REGIONS, "unknownRegion");
  const amount = (c: ColumnKey): bigint | null => {
    if (!cell(c)) return 0n;
    const m = parseMoney(cell(c));
    if (!m.ok || m.minor > 10_000_000_000_000n) {
      fail(c, "amount");
      return null;
    }
    return m.minor;
  };
  const ticketMin = amount("ticketMin");
  const ticketMax = amount("ticketMax");
  if (ticketMin !== null && ticketMax !== null && ticketMax < ticketMin) fail("ticketMax", "ticketOrder");
  const currency = (cell("currency") || "CNY").toUpperCase();
  if (!(CURRENCIES as readonly string[]).includes(currency)) fail("currency", "unknownCurrency");
  if (errors.length) return { errors };
  return {
    row: {
      kind,
      ...base,
      sectors,
      stages,
      regions,
      ticketMin: String(ticketMin),
      ticketMax: String(ticketMax),
      currency,
    },
  };
}
