// The downloadable template: the columns in both languages and one example row with this fair's
// first hall and tier. Cells are formula-safe: CSV through app/lib/csv.ts (a ' before = + - @),
// XLSX cells are text cells, which spreadsheets never evaluate.
import ExcelJS from "exceljs";
import { CSV_BOM, csvRow } from "~/lib/csv";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { columnsOf, headerOf, type ColumnKey, type ImportKind } from "./columns";

async function example(fairId: string, kind: ImportKind): Promise<Partial<Record<ColumnKey, string>>> {
  const fair = await db().fair.findUnique({
    where: { id: fairId },
    select: { halls: { orderBy: { position: "asc" }, take: 1 }, tiers: { orderBy: { position: "asc" }, take: 1 } },
  });
  if (!fair) throw new DomainError("errorPage.404.title", 404);
  const common = {
    nameZh: "苏州示例生物科技有限公司",
    nameEn: "Suzhou Example Biotech Co., Ltd.",
    creditCode: "91350100M000100Y43",
    contactName: "张经理",
    email: "zhang@example.cn",
    phone: "+86 512 6666 8888",
    region: "苏州",
  };
  return kind === "exhibitor"
    ? {
        ...common,
        sector: "生物医药",
        hall: fair.halls[0]?.nameZh ?? "",
        tier: fair.tiers[0]?.nameZh ?? "",
        projects: "基因治疗产业化项目 | A 轮 | 50000000; 医疗器械研发中心",
      }
    : {
        ...common,
        sectors: "生物医药; 新能源",
        stages: "A 轮; B 轮",
        ticketMin: "10000000",
        ticketMax: "100000000",
        currency: "CNY",
        regions: "苏州; 南京",
      };
}

export async function onboardingTemplate(
  fairId: string,
  kind: ImportKind,
  format: "xlsx" | "csv",
): Promise<{ body: Uint8Array | string; type: string; fileName: string }> {
  const cols = columnsOf(kind);
  const row = await example(fairId, kind);
  const header = cols.map(headerOf);
  // CSV cells are made formula-safe by csvRow; XLSX cells are written as text, never as formulas.
  const values = cols.map((c) => row[c] ?? "");
  const fileName = `cloudfair-${kind}s-template.${format}`;
  if (format === "csv")
    return { body: CSV_BOM + csvRow(header) + csvRow(values), type: "text/csv; charset=utf-8", fileName };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(kind === "exhibitor" ? "参展商 Exhibitors" : "投资人 Investors");
  ws.addRow(header).font = { bold: true };
  ws.addRow(values);
  ws.columns.forEach((c) => (c.width = 28));
  const buf = await wb.xlsx.writeBuffer();
  return {
    body: new Uint8Array(buf as ArrayBuffer),
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fileName,
  };
}
