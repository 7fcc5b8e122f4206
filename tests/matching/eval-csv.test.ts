import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRecords } from "../../matching/eval/csv";
import { formatDay, parseDay } from "../../matching/eval/dates";
import { latestPlausibleDay, loadDealsCsv } from "../../matching/eval/deals-csv";

describe("parseCsv", () => {
  it("handles quoted commas, doubled quotes, CRLF and embedded newlines", () => {
    const text = 'a,"b,c","say ""hi"""\r\n"multi\r\nline",,z\r\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b,c", 'say "hi"'],
      ["multi\r\nline", "", "z"],
    ]);
  });
  it("handles LF, a missing final newline, blank lines, a BOM and empty trailing fields", () => {
    expect(parseCsv("\uFEFFx,y\n\n1,\n2,3")).toEqual([
      ["x", "y"],
      ["1", ""],
      ["2", "3"],
    ]);
  });
  it("keeps a quote inside an unquoted field literally", () => {
    expect(parseCsv('5" screen,ok\n')).toEqual([['5" screen', "ok"]]);
  });
  it("maps rows to records by lower-cased header", () => {
    expect(parseCsvRecords("Name,Age\nAda,36\nBob\n").records).toEqual([
      { name: "Ada", age: "36" },
      { name: "Bob", age: "" },
    ]);
  });
});

describe("dates", () => {
  it("parses YYYY-MM-DD (optionally with a time) and rejects impossible dates", () => {
    expect(formatDay(parseDay("2014-10-24")!)).toBe("2014-10-24");
    expect(formatDay(parseDay("1201-11-03 00:00:00")!)).toBe("1201-11-03");
    expect(parseDay("2015-02-30")).toBeNull();
    expect(parseDay("2015-13-01")).toBeNull();
    expect(parseDay("")).toBeNull();
    expect(parseDay("n/a")).toBeNull();
  });
});

const acquirerCsv = [
  "company_permalink,company_name,company_category_list,company_country_code,company_state_code,company_region,company_city,acquirer_permalink,acquirer_name,acquirer_category_list,acquirer_country_code,acquirer_state_code,acquirer_region,acquirer_city,acquired_at,acquired_month,price_amount,price_currency_code",
  '/organization/a,"Alpha, Inc.",Software|Analytics,USA,CA,SF Bay Area,San Francisco,/organization/big,Big Co,Software,USA,WA,Seattle,Seattle,2012-07-23,2012-07,"1,000,000",USD',
  "/organization/b,Beta,,,,,,/organization/big,Big Co,Software,USA,WA,Seattle,Seattle,3201-01-01,3201-01,,USD",
  "/organization/c,Gamma,Games,GBR,H9,London,London,/organization/big,Big Co,Software,USA,WA,Seattle,Seattle,,,,USD",
  ",Delta,Games,GBR,H9,London,London,,Small,,,,,,2013-01-05,2013-01,,",
].join("\r\n");

describe("loadDealsCsv", () => {
  it("reads the acquirer_* / acquired_at layout and skips bad and future dates", () => {
    const r = loadDealsCsv(acquirerCsv, { runDay: parseDay("2020-01-01")! });
    expect(r.layout).toEqual({ investorPrefix: "acquirer_", dateColumn: "acquired_at" });
    expect(r.skipped).toEqual({ badDate: 1, futureDate: 1, missingParty: 0 });
    expect(r.deals).toHaveLength(2);
    const [a, d] = r.deals;
    expect(a.company).toEqual({
      id: "/organization/a",
      name: "Alpha, Inc.",
      categories: ["Software", "Analytics"],
      country: "USA",
      state: "CA",
      region: "SF Bay Area",
      city: "San Francisco",
    });
    expect(a.investor.id).toBe("/organization/big");
    expect(formatDay(a.day)).toBe("2012-07-23");
    expect(a.amount).toBe(1_000_000);
    // Without permalinks, the name is the id.
    expect(d.company.id).toBe("Delta");
    expect(d.investor.id).toBe("Small");
  });

  it("reads the investor_* / funded_at layout (with round type and amount)", () => {
    const csv = [
      "company_permalink,company_name,company_category_list,company_country_code,company_state_code,company_region,company_city,investor_permalink,investor_name,investor_country_code,investor_state_code,investor_region,investor_city,funding_round_permalink,funding_round_type,funding_round_code,funded_at,raised_amount_usd",
      "/organization/x,X,Biotechnology,CHN,,Suzhou,Suzhou,/organization/vc,VC One,CHN,,Shanghai,Shanghai,/funding-round/1,venture,A,2014-03-05,5000000",
    ].join("\n");
    const r = loadDealsCsv(csv, { runDay: parseDay("2020-01-01")! });
    expect(r.layout).toEqual({ investorPrefix: "investor_", dateColumn: "funded_at" });
    expect(r.deals).toHaveLength(1);
    expect(r.deals[0].investor).toMatchObject({
      id: "/organization/vc",
      name: "VC One",
      categories: [],
      city: "Shanghai",
    });
    expect(r.deals[0].stage).toBe("venture");
    expect(r.deals[0].amount).toBe(5_000_000);
  });

  it("rejects files without the expected columns", () => {
    expect(() => loadDealsCsv("a,b\n1,2\n")).toThrow(/acquirer_\* or investor_\*/);
  });

  it("treats an isolated far-future tail as implausible", () => {
    const d = (s: string) => parseDay(s)!;
    const days = [...Array.from({ length: 2000 }, (_, i) => d("2010-01-01") + i), d("2016-11-27")];
    // The 99.9th percentile is ~2015-06; + 90 days excludes the stray 2016 date.
    expect(latestPlausibleDay(days, d("2026-01-01"))).toBeLessThan(d("2016-11-27"));
    expect(latestPlausibleDay(days, d("2026-01-01"))).toBeGreaterThanOrEqual(d("2010-01-01") + 1999);
    // Never after the run date.
    expect(latestPlausibleDay(days, d("2012-01-01"))).toBe(d("2012-01-01"));
  });
});
