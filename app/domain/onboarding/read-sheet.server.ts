// Reading an uploaded spreadsheet into cells of text, defensively (ADR 027): the file's size, type
// and shape are checked before anything is parsed, an XLSX's zip directory is read first so a zip
// bomb (a few KB inflating to gigabytes) is refused by its declared sizes, and rows and columns are
// capped. Every refusal is a DomainError (a localized 4xx).
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { DomainError } from "~/lib/errors";
import { decodeUtf8 } from "~/lib/input";
import { MAX_FILE_BYTES, MAX_ROWS } from "./limits";

export { MAX_FILE_BYTES };

const MiB = 1024 * 1024;
/** What an XLSX may inflate to, all its parts together. */
export const MAX_INFLATED_BYTES = 100 * MiB;
/** Parts an XLSX may hold (a workbook has a dozen; a bomb thousands). */
const MAX_ZIP_ENTRIES = 500;
export const MAX_COLUMNS = 40;

export type SheetFormat = "xlsx" | "csv";

export function formatOf(fileName: string, bytes: Uint8Array): SheetFormat {
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
  const name = fileName.toLowerCase();
  if (name.endsWith(".xlsx")) {
    if (!zip) throw new DomainError("onboarding.file.unreadable", 400);
    return "xlsx";
  }
  if (name.endsWith(".csv") || name.endsWith(".txt")) {
    if (zip) throw new DomainError("onboarding.file.wrongType", 415);
    return "csv";
  }
  throw new DomainError("onboarding.file.wrongType", 415);
}

/** The sheet's rows as text cells (the first sheet of a workbook). */
export async function readSheet(fileName: string, bytes: Uint8Array): Promise<string[][]> {
  if (bytes.length > MAX_FILE_BYTES)
    throw new DomainError("onboarding.file.tooLarge", 413, { maxMb: MAX_FILE_BYTES / MiB });
  if (bytes.length === 0) throw new DomainError("onboarding.file.empty", 400);
  const format = formatOf(fileName, bytes);
  const cells = format === "xlsx" ? await readXlsx(bytes) : readCsv(bytes);
  return cells;
}

function tooManyCells(): DomainError {
  return new DomainError("onboarding.file.tooManyCells", 413, { max: MAX_ROWS, columns: MAX_COLUMNS });
}

function readCsv(bytes: Uint8Array): string[][] {
  // Excel on a Chinese Windows saves "CSV" in GB18030 (GBK): read it as such when it is not UTF-8.
  let text = decodeUtf8(bytes);
  if (text === null) {
    try {
      text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      throw new DomainError("onboarding.file.unreadable", 400);
    }
  }
  if (text.includes("\0")) throw new DomainError("onboarding.file.unreadable", 400);
  let records: string[][];
  try {
    records = parseCsv(text, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: 64 * 1024,
      to_line: MAX_ROWS + 2,
    }) as string[][];
  } catch {
    throw new DomainError("onboarding.file.unreadable", 400);
  }
  if (records.length > MAX_ROWS + 1 || records.some((r) => r.length > MAX_COLUMNS)) {
    if (records.some((r) => r.length > MAX_COLUMNS)) throw tooManyCells();
    throw new DomainError("onboarding.file.tooManyRows", 413, { max: MAX_ROWS });
  }
  // A CSV has no "second sheet" to hide more rows in, but it may have more lines than we read.
  const lines = text.split("\n").length;
  if (lines > MAX_ROWS * 4 + 2 && records.length > MAX_ROWS)
    throw new DomainError("onboarding.file.tooManyRows", 413, { max: MAX_ROWS });
  return records;
}

/**
 * The zip's central directory: entry count and declared inflated sizes. Refuses what is not a zip,
 * ZIP64 (no spreadsheet of our size needs it) and anything that declares more than the limits.
 */
export function checkZipDirectory(bytes: Uint8Array): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new DomainError("onboarding.file.unreadable", 400);
  const entries = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff || dirOffset + dirSize > buf.length)
    throw new DomainError("onboarding.file.unreadable", 400);
  if (entries > MAX_ZIP_ENTRIES) throw tooManyCells();
  let p = dirOffset;
  let inflated = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      throw new DomainError("onboarding.file.unreadable", 400);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff || compressed === 0xffffffff) throw tooManyCells();
    inflated += size;
    // Real spreadsheets deflate about 10:1; a ratio in the hundreds is a bomb.
    if (inflated > MAX_INFLATED_BYTES || (size > MiB && size > compressed * 200)) throw tooManyCells();
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  checkZipDirectory(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw new DomainError("onboarding.file.unreadable", 400);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new DomainError("onboarding.file.empty", 400);
  if (sheet.actualRowCount > MAX_ROWS + 1) throw new DomainError("onboarding.file.tooManyRows", 413, { max: MAX_ROWS });
  if (sheet.actualColumnCount > MAX_COLUMNS) throw tooManyCells();
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    if (rowNumber > MAX_ROWS + 1) return;
    const cells: string[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, MAX_COLUMNS); c++) cells.push(cellText(row.getCell(c)));
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  try {
    return cell.text ?? "";
  } catch {
    return "";
  }
}
