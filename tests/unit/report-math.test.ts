// Pure pieces of the fair report: NPS, money from DECIMAL strings, CSV cells, filter days.
import { describe, expect, it } from "vitest";
import { dayKey, dayRange, reportQuery } from "../../app/domain/reports/filters.ts";
import { parseReportFilters } from "../../app/domain/reports/scope.server.ts";
import { decimalToMinor, npsOfScores, rate } from "../../app/domain/reports/math.ts";
import { filenameFrom } from "../../app/components/reports/download-button.tsx";
import { contentDisposition } from "../../app/domain/reports/exports.server.ts";
import { csvCell, csvRow } from "../../app/lib/csv.ts";

describe("report math", () => {
  it("computes NPS as % promoters (9–10) minus % detractors (0–6)", () => {
    expect(npsOfScores([10, 9, 7, 3])).toEqual({ responses: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 });
    expect(npsOfScores([6, 6, 8]).nps).toBe(-66.7);
    expect(npsOfScores([]).nps).toBeNull();
    expect(rate(1, 0)).toBeNull();
  });

  it("turns DECIMAL amounts into exact minor units of the currency", () => {
    expect(decimalToMinor("1250000.50", "CNY")).toBe(125_000_050);
    expect(decimalToMinor("90071992547409.91", "USD")).toBe(Number.MAX_SAFE_INTEGER); // exact: BigInt, not float arithmetic
    expect(decimalToMinor("0.29", "USD")).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(decimalToMinor("1200.50", "JPY")).toBe(1201); // JPY has no minor unit: rounds half up
    expect(decimalToMinor("7", "EUR")).toBe(700);
    expect(() => decimalToMinor("1e5", "CNY")).toThrow();
  });

  it("writes CSV cells quoted where needed and never as formulas", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+86 10 8888")).toBe("'+86 10 8888");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=x")).toBe("'\t=x");
    expect(csvCell('=HYPERLINK("a","b")')).toBe(`"'=HYPERLINK(""a"",""b"")"`);
    expect(csvCell(-2)).toBe("-2"); // numbers stay numbers
    expect(csvCell("上海, 浦东")).toBe('"上海, 浦东"');
    expect(csvCell("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(csvCell(null)).toBe("");
    expect(csvRow(["a", 1, null])).toBe("a,1,\r\n");
  });

  it("reads filters from the query string and turns days into the fair's instants", () => {
    expect(parseReportFilters(new URLSearchParams("from=2026-12-08&to=bad&hall=&sector=bio medicine"))).toEqual({
      from: "2026-12-08",
    });
    expect(reportQuery({ hall: "bio" }, { page: 2, status: undefined })).toBe("?hall=bio&page=2");
    const r = dayRange({ from: "2026-12-08", to: "2026-12-09" }, "Asia/Shanghai");
    expect(r.gte?.toISOString()).toBe("2026-12-07T16:00:00.000Z");
    expect(r.lt?.toISOString()).toBe("2026-12-09T16:00:00.000Z");
    expect(dayKey("2026-12-08T16:30:00Z", "Asia/Shanghai")).toBe("2026-12-09");
  });

  it("names downloads in Chinese with an ASCII fallback", () => {
    const header = contentDisposition("江苏-洽谈.csv");
    expect(header).toBe(`attachment; filename="_-_.csv"; filename*=UTF-8''${encodeURIComponent("江苏-洽谈.csv")}`);
    expect(filenameFrom(header, "x")).toBe("江苏-洽谈.csv");
    expect(filenameFrom('attachment; filename="a.csv"', "x")).toBe("a.csv");
    expect(filenameFrom(null, "x")).toBe("x");
  });
});
