// Streamed CSV and XLSX downloads of a row source. Rows are read in keyset batches and written as
// they arrive, so memory stays flat for any size; `X-Total-Rows` lets the page show progress of a
// response that has no Content-Length.
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { CSV_BOM, csvRow, type Cell } from "~/lib/csv";
import { countRows, headersOf, rowBatches, type ListContext, type RowSource } from "./lists.server";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const isExportFormat = (f: string | null): f is ExportFormat => f === "csv" || f === "xlsx";

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** `attachment` with an ASCII fallback name and the real (possibly Chinese) name per RFC 6266. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\w.-]+/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function exportResponse(
  src: RowSource,
  c: ListContext,
  format: ExportFormat,
  basename: string,
): Promise<Response> {
  const total = await countRows(src);
  const headers = headersOf(src, c);
  const body =
    format === "csv" ? csvStream(headers, rowBatches(src, c)) : xlsxStream(headers, rowBatches(src, c), basename);
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPE[format],
      "Content-Disposition": contentDisposition(`${basename}.${format}`),
      "X-Total-Rows": String(total),
      "Access-Control-Expose-Headers": "X-Total-Rows, Content-Disposition",
      "Cache-Control": "no-store",
    },
  });
}

/** CSV with a UTF-8 BOM; one batch of rows per pull, so a slow client slows the database reads. */
export function csvStream(headers: string[], batches: AsyncGenerator<Cell[][]>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(enc.encode(CSV_BOM + csvRow(headers)));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(enc.encode(next.value.map(csvRow).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** XLSX through exceljs's streaming WorkbookWriter: rows are committed (and zipped) as they come. */
export function xlsxStream(
  headers: string[],
  batches: AsyncGenerator<Cell[][]>,
  sheetName: string,
): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, "-").slice(0, 31) || "export");
  void (async () => {
    try {
      sheet.addRow(headers).commit();
      for await (const rows of batches) {
        for (const r of rows) sheet.addRow(r.map((v) => v ?? null)).commit();
        // Back-pressure: wait while the client has not taken what was already written.
        if (out.writableNeedDrain) await Promise.race([once(out, "drain"), once(out, "close")]);
        if (out.destroyed) return void (await batches.return(undefined));
      }
      sheet.commit();
      await workbook.commit();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}
