import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBenchmark } from "../../matching/eval/bench";
import { loadDealsCsv } from "../../matching/eval/deals-csv";

/** A small synthetic market: each investor sticks to one sector and mostly one city. */
function syntheticCsv(layout: "acquirer" | "investor"): string {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const sectors = ["Biotechnology", "Software", "Games", "Finance", "Energy"];
  const cities = ["Suzhou", "Shanghai", "Shenzhen"];
  const p = layout === "acquirer" ? "acquirer" : "investor";
  const date = layout === "acquirer" ? "acquired_at" : "funded_at";
  const lines = [
    `company_permalink,company_name,company_category_list,company_country_code,company_state_code,company_region,company_city,${p}_permalink,${p}_name,${p}_category_list,${p}_country_code,${p}_state_code,${p}_region,${p}_city,${date}`,
  ];
  let company = 0;
  for (let i = 0; i < 40; i++) {
    const sector = sectors[i % sectors.length];
    const city = cities[i % cities.length];
    for (let k = 0; k < 8; k++) {
      const s = rnd() < 0.85 ? sector : sectors[Math.floor(rnd() * sectors.length)];
      const c = rnd() < 0.7 ? city : cities[Math.floor(rnd() * cities.length)];
      const day = 1 + Math.floor(rnd() * 27);
      const month = 1 + Math.floor(rnd() * 12);
      const year = 2010 + Math.floor(rnd() * 6);
      company++;
      lines.push(
        [
          `/organization/c${company}`,
          `"${s} Co ${company}, Ltd."`,
          `${s}|Other`,
          "CHN",
          "",
          c,
          c,
          `/organization/inv${i}`,
          `Investor ${i}`,
          sector,
          "CHN",
          "",
          city,
          city,
          `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
        ].join(","),
      );
    }
  }
  return lines.join("\r\n") + "\r\n";
}

describe("runBenchmark", () => {
  it("beats random and content-only on a market with clear preferences", () => {
    const { deals } = loadDealsCsv(syntheticCsv("acquirer"));
    const r = runBenchmark(deals);
    const by = Object.fromEntries(r.results.map((m) => [m.method, m]));
    expect(Object.keys(by)).toEqual(["random", "popularity", "content-only", "cloudfair", "cloudfair+rerank"]);
    expect(r.investors).toBeGreaterThan(20);
    expect(by.cloudfair.recall10).toBeGreaterThan(3 * by.random.recall10);
    expect(by.cloudfair.ndcg10).toBeGreaterThan(by.random.ndcg10);
    expect(by["cloudfair+rerank"].coverage10).toBeGreaterThanOrEqual(by.cloudfair.coverage10);
  });
});

describe("bench-matching CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-matching-"));
  const run = (file: string, ...args: string[]) =>
    execFileSync(join(process.cwd(), "node_modules/.bin/tsx"), ["scripts/bench-matching.ts", "--data", file, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });

  it("prints a table and, as the last line, a JSON summary (investor_*/funded_at layout)", () => {
    const file = join(dir, "investments.csv");
    writeFileSync(file, syntheticCsv("investor"));
    const out = run(file, "--limit-investors", "10", "--cut", "2014-06-01").trimEnd().split("\n");
    expect(out.some((l) => /^method\s+Recall@10\s+Recall@50\s+NDCG@10\s+MRR\s+coverage@10\s+wall s$/.test(l))).toBe(
      true,
    );
    const summary = JSON.parse(out[out.length - 1]);
    expect(summary.cut).toBe("2014-06-01");
    expect(summary.investors).toBe(10);
    expect(summary.candidates).toBeGreaterThan(0);
    for (const m of ["random", "popularity", "content-only", "cloudfair"]) {
      expect(Object.keys(summary.results[m]).sort()).toEqual([
        "coverage10",
        "mrr",
        "ndcg10",
        "recall10",
        "recall50",
        "seconds",
      ]);
    }
  }, 60_000);

  it("rejects unknown options", () => {
    expect(() => run(join(dir, "investments.csv"), "--bogus", "1")).toThrow();
  }, 60_000);
});
