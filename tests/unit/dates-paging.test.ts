// Strict dates (app/lib/dates.ts), page numbers (app/lib/paging.ts), the dashboard's filter reading
// and funnel ratios, and chart label wrapping: the pure pieces behind "never a 500, never a lie".
import { describe, expect, it } from "vitest";
import {
  addDays,
  daysInMonth,
  MAX_YEAR,
  MIN_YEAR,
  parseCalendarDate,
  parseLocalDateTime,
  startOfDay,
} from "../../app/lib/dates.ts";
import { MAX_PAGE, parsePage } from "../../app/lib/paging.ts";
import { zoneOffsetMinutes } from "../../app/lib/time.ts";
import { dayRange, filterProblemMessage, readReportFilters } from "../../app/domain/reports/filters.ts";
import { stageRatios } from "../../app/domain/reports/math.ts";
import { textWidth, wrapLabel } from "../../app/components/reports/chart-labels.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";

describe("calendar dates", () => {
  it("accepts real days and refuses impossible ones instead of rolling them over", () => {
    expect(parseCalendarDate("2024-02-29")).toEqual({ ok: true, value: "2024-02-29" }); // leap year
    expect(parseCalendarDate("2000-02-29")).toEqual({ ok: true, value: "2000-02-29" }); // divisible by 400
    expect(parseCalendarDate(" 2026-12-08 ")).toEqual({ ok: true, value: "2026-12-08" });
    expect(parseCalendarDate("2026-02-30")).toEqual({ ok: false, problem: "impossible" }); // not 2 March
    expect(parseCalendarDate("2026-02-29")).toEqual({ ok: false, problem: "impossible" });
    expect(parseCalendarDate("2100-02-29")).toEqual({ ok: false, problem: "impossible" }); // 2100 is not leap
    expect(parseCalendarDate("2026-13-01")).toEqual({ ok: false, problem: "impossible" });
    expect(parseCalendarDate("2026-13-45")).toEqual({ ok: false, problem: "impossible" });
    expect(parseCalendarDate("2026-99-99")).toEqual({ ok: false, problem: "impossible" });
    expect(parseCalendarDate("2026-00-10")).toEqual({ ok: false, problem: "impossible" });
    expect(parseCalendarDate("2026-04-31")).toEqual({ ok: false, problem: "impossible" });
    expect(parseCalendarDate("2026-04-00")).toEqual({ ok: false, problem: "impossible" });
  });

  it("limits years to 2000–2100", () => {
    expect([MIN_YEAR, MAX_YEAR]).toEqual([2000, 2100]);
    expect(parseCalendarDate("2000-01-01").ok).toBe(true);
    expect(parseCalendarDate("2100-12-31").ok).toBe(true);
    for (const d of ["1999-12-31", "2101-01-01", "0001-01-01", "9999-12-31", "0202-06-01"])
      expect(parseCalendarDate(d)).toEqual({ ok: false, problem: "outOfRange" });
  });

  it("refuses anything not shaped YYYY-MM-DD", () => {
    for (const v of [
      "",
      "bad",
      "2026-1-5",
      "20261208",
      "2026/12/08",
      "2026-12-08T00:00",
      "+2026-12-08",
      "２０２６-12-08",
    ])
      expect(parseCalendarDate(v)).toEqual({ ok: false, problem: "malformed" });
    for (const v of [undefined, null, 20261208, ["2026-12-08"], {}])
      expect(parseCalendarDate(v)).toEqual({ ok: false, problem: "malformed" });
    expect(parseCalendarDate("2026-12-08\u0000").ok).toBe(false);
  });

  it("counts days in months and moves across month and year ends", () => {
    expect([1, 2, 3, 4].map((m) => daysInMonth(2024, m))).toEqual([31, 29, 31, 30]);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(startOfDay("2026-12-08", "Asia/Shanghai").toISOString()).toBe("2026-12-07T16:00:00.000Z");
  });
});

describe("wall-clock date-times in a zone", () => {
  it("turns a datetime-local value into the instant in the zone", () => {
    const r = parseLocalDateTime("2026-12-08T09:00", "Asia/Shanghai");
    expect(r.ok && r.value.utc.toISOString()).toBe("2026-12-08T01:00:00.000Z");
    const s = parseLocalDateTime("2026-12-08T09:00:30", "Asia/Shanghai");
    expect(s.ok && s.value.utc.toISOString()).toBe("2026-12-08T01:00:30.000Z");
    const ny = parseLocalDateTime("2026-07-01T12:00", "America/New_York");
    expect(ny.ok && ny.value.utc.toISOString()).toBe("2026-07-01T16:00:00.000Z");
  });

  it("refuses impossible dates and times, years out of range and malformed values", () => {
    expect(parseLocalDateTime("2026-02-30T09:00", "Asia/Shanghai")).toEqual({ ok: false, problem: "impossible" });
    expect(parseLocalDateTime("2026-12-08T24:00", "Asia/Shanghai")).toEqual({ ok: false, problem: "impossible" });
    expect(parseLocalDateTime("2026-12-08T09:60", "Asia/Shanghai")).toEqual({ ok: false, problem: "impossible" });
    expect(parseLocalDateTime("2026-12-08T09:00:61", "Asia/Shanghai")).toEqual({ ok: false, problem: "impossible" });
    expect(parseLocalDateTime("0001-01-01T00:00", "Asia/Shanghai")).toEqual({ ok: false, problem: "outOfRange" });
    expect(parseLocalDateTime("9999-12-31T23:59", "Asia/Shanghai")).toEqual({ ok: false, problem: "outOfRange" });
    for (const v of ["2026-12-08", "2026-12-08 09:00", "2026-12-08T9:00", "2026-12-08T09:00Z", 5, null])
      expect(parseLocalDateTime(v, "Asia/Shanghai")).toEqual({ ok: false, problem: "malformed" });
  });

  it("refuses a time the zone skips (DST gap) and takes the first of a repeated one", () => {
    expect(parseLocalDateTime("2026-03-08T02:30", "America/New_York")).toEqual({ ok: false, problem: "nonexistent" });
    const repeated = parseLocalDateTime("2026-11-01T01:30", "America/New_York");
    expect(repeated.ok && repeated.value.utc.toISOString()).toBe("2026-11-01T05:30:00.000Z"); // EDT, the first 01:30
  });

  it("gives the same zone offsets when asked again (they are remembered per zone and instant)", () => {
    // Around New York's spring-forward and Shanghai's no-DST, each instant asked twice.
    const instants = [
      "2026-03-08T06:59:59Z",
      "2026-03-08T07:00:00Z",
      "2026-11-01T05:59:59Z",
      "2026-11-01T06:00:00Z",
    ].map((s) => new Date(s));
    const first = instants.map((d) => [
      zoneOffsetMinutes(d, "America/New_York"),
      zoneOffsetMinutes(d, "Asia/Shanghai"),
    ]);
    expect(first).toEqual([
      [-300, 480],
      [-240, 480],
      [-240, 480],
      [-300, 480],
    ]);
    expect(
      instants.map((d) => [zoneOffsetMinutes(d, "America/New_York"), zoneOffsetMinutes(d, "Asia/Shanghai")]),
    ).toEqual(first);
    expect(() => zoneOffsetMinutes(new Date(), "Not/AZone")).toThrow();
  });
});

describe("page numbers", () => {
  it("reads whole numbers written in digits", () => {
    expect(parsePage("1")).toBe(1);
    expect(parsePage("7")).toBe(7);
    expect(parsePage(" 12 ")).toBe(12);
    expect(parsePage("007")).toBe(7);
    expect(parsePage(3)).toBe(3);
    expect(parsePage(String(MAX_PAGE))).toBe(MAX_PAGE);
  });

  it("turns everything else into page 1", () => {
    for (const v of [
      "1.5",
      "1e400",
      "1e3",
      "99999999999999999999",
      "-1",
      "0",
      "abc",
      "",
      "+2",
      "0x10",
      "2,000",
      "Infinity",
      "NaN",
      "２",
      null,
      undefined,
      ["2", "3"],
      {},
      1.5,
      Number.POSITIVE_INFINITY,
    ])
      expect(parsePage(v), String(v)).toBe(1);
    expect(parsePage(String(MAX_PAGE + 1))).toBe(1);
    expect(parsePage("501", 500)).toBe(1);
    expect(parsePage("500", 500)).toBe(500);
  });
});

describe("dashboard filters", () => {
  it("keeps valid filters and reports impossible dates, which are not applied", () => {
    expect(readReportFilters(new URLSearchParams("from=2026-12-08&to=2026-12-09&hall=bio&sector=biomedicine"))).toEqual(
      {
        filters: { from: "2026-12-08", to: "2026-12-09", hall: "bio", sector: "biomedicine" },
        problems: [],
      },
    );
    expect(readReportFilters(new URLSearchParams("from=2026-02-30&to=2026-13-45"))).toEqual({
      filters: {},
      problems: [
        { kind: "date", field: "from", problem: "impossible", value: "2026-02-30" },
        { kind: "date", field: "to", problem: "impossible", value: "2026-13-45" },
      ],
    });
    expect(readReportFilters(new URLSearchParams("to=9999-12-31")).problems).toEqual([
      { kind: "date", field: "to", problem: "outOfRange", value: "9999-12-31" },
    ]);
    const long = readReportFilters(new URLSearchParams({ to: "x".repeat(5000) }));
    expect(long.problems[0]).toMatchObject({ problem: "malformed", value: "x".repeat(40) });
    expect(readReportFilters(new URLSearchParams("from=&to=&hall=&sector=")).filters).toEqual({});
  });

  it("swaps a range given backwards and says so", () => {
    expect(readReportFilters(new URLSearchParams("from=2026-12-10&to=2026-12-08"))).toEqual({
      filters: { from: "2026-12-08", to: "2026-12-10" },
      problems: [{ kind: "swapped", from: "2026-12-08", to: "2026-12-10" }],
    });
  });

  it("words each problem in both languages", () => {
    const zh = serverTranslator("zh-CN");
    const en = serverTranslator("en");
    const bad = { kind: "date", field: "to", problem: "impossible", value: "2026-02-30" } as const;
    expect(filterProblemMessage(zh, bad)).toBe("「结束日期」的值“2026-02-30”不是日历上存在的日期，此条件未生效。");
    expect(filterProblemMessage(en, bad)).toBe(
      "To: “2026-02-30” is not a day on the calendar; this filter is not applied.",
    );
    expect(filterProblemMessage(en, { kind: "date", field: "from", problem: "outOfRange", value: "0001-01-01" })).toBe(
      "From: “0001-01-01” is outside the years 2000–2100; this filter is not applied.",
    );
    expect(filterProblemMessage(zh, { kind: "swapped", from: "2026-12-08", to: "2026-12-10" })).toBe(
      "开始日期晚于结束日期，已交换为 2026-12-08 至 2026-12-10。",
    );
  });

  it("never throws on a day range of days that do not exist", () => {
    expect(dayRange({ from: "2026-13-45", to: "2026-99-99" }, "Asia/Shanghai")).toEqual({
      gte: undefined,
      lt: undefined,
    });
    expect(dayRange({ to: "2026-12-31" }, "Asia/Shanghai").lt?.toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });
});

describe("funnel ratios", () => {
  it("shows a stage relative to the one before only when it is not larger", () => {
    expect(stageRatios([100, 40, 10, 5, 5])).toEqual([null, 0.4, 0.25, 0.5, 1]);
    expect(stageRatios([1, 10, 0, 0, 3])).toEqual([null, "exceeds", 0, null, "exceeds"]);
  });
});

describe("chart labels", () => {
  it("measures Chinese characters about twice as wide as Latin ones", () => {
    expect(textWidth("已记录成果的洽谈", 12)).toBe(96);
    expect(textWidth("abc", 10)).toBeCloseTo(18.6);
  });

  it("wraps between Chinese characters or words and never drops a character", () => {
    expect(wrapLabel("已记录成果的洽谈", 110, 12)).toEqual(["已记录成果的洽谈"]);
    expect(wrapLabel("已记录成果的洽谈", 40, 12)).toEqual(["已记录", "成果的", "洽谈"]);
    expect(wrapLabel("Meetings with an outcome", 110, 12)).toEqual(["Meetings with", "an outcome"]);
    expect(wrapLabel("Supercalifragilisticexpialidocious", 60, 12).join("")).toBe("Supercalifragilisticexpialidocious");
    for (const label of ["先进制造 Advanced manufacturing", "数字经济", "", "新能源与节能环保产业"]) {
      const lines = wrapLabel(label, 60, 12);
      expect(lines.join("").replace(/\s/g, "")).toBe(label.replace(/\s/g, ""));
      for (const line of lines) expect(textWidth(line, 12) <= 60 || [...line].length === 1).toBe(true);
    }
  });
});
