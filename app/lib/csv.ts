// CSV for spreadsheets (RFC 4180 quoting, CRLF rows) that is safe to open in Excel: text cells
// starting with = + - @ (or a tab / carriage return) are prefixed with ' so they are never run as
// formulas (CSV injection). Numbers are written as numbers.

export type Cell = string | number | null | undefined;

/** UTF-8 byte order mark: without it Excel opens UTF-8 CSV as the local code page and garbles Chinese. */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let s = value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
