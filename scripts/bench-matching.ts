/**
 * Offline evaluation of the CloudFair recommender on a deals CSV.
 *
 *   npm run bench:matching -- --data <file.csv> [--cut YYYY-MM-DD] [--limit-investors N]
 *                             [--max-date YYYY-MM-DD] [--sample-rows F] [--seed S] [--no-rerank]
 *
 * Prints a table, then (last line of stdout) a one-line JSON summary.
 */
import { readFileSync } from "node:fs";
import { formatTable, runBenchmark, summaryJson } from "../matching/eval/bench";
import { formatDay, loadDealsCsv } from "../matching/eval/deals-csv";
import { parseDay } from "../matching/eval/dates";
import { hash32 } from "../matching/hash";

function usage(msg?: string): never {
  if (msg) console.error(`bench-matching: ${msg}`);
  console.error(
    "usage: npm run bench:matching -- --data <file.csv> [--cut YYYY-MM-DD] [--limit-investors N]\n" +
      "       [--max-date YYYY-MM-DD] [--sample-rows F --seed S] [--no-rerank]",
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) usage(`unexpected argument ${a}`);
    const eq = a.indexOf("=");
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (a === "--no-rerank") out.set("no-rerank", "1");
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) usage(`missing value for ${a}`);
      out.set(a.slice(2), v);
      i++;
    }
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const known = new Set(["data", "cut", "limit-investors", "max-date", "sample-rows", "seed", "no-rerank"]);
for (const k of args.keys()) if (!known.has(k)) usage(`unknown option --${k}`);
const file = args.get("data");
if (!file) usage("--data is required");

const day = (name: string): number | undefined => {
  const v = args.get(name);
  if (v === undefined) return undefined;
  const d = parseDay(v);
  if (d === null) usage(`--${name} must be YYYY-MM-DD`);
  return d;
};
const num = (name: string): number | undefined => {
  const v = args.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) usage(`--${name} must be a non-negative number`);
  return n;
};

const t0 = performance.now();
const loaded = loadDealsCsv(readFileSync(file, "utf8"), { maxDay: day("max-date") });
let deals = loaded.deals;
const sample = num("sample-rows");
if (sample !== undefined && sample < 1) {
  // Deterministic row subsample (robustness checks): keep a row when its hash falls below the fraction.
  const seed = num("seed") ?? 1;
  deals = deals.filter((d, i) => hash32(`${d.investor.id}|${d.company.id}|${d.day}|${i}`, seed) / 2 ** 32 < sample);
}
console.error(
  `loaded ${loaded.deals.length} deals (${loaded.layout.investorPrefix}*, ${loaded.layout.dateColumn}); ` +
    `skipped ${loaded.skipped.badDate} unparseable dates, ${loaded.skipped.futureDate} after ${formatDay(loaded.maxDay)}, ` +
    `${loaded.skipped.missingParty} without ids` +
    (deals.length !== loaded.deals.length ? `; row sample keeps ${deals.length}` : ""),
);

const limit = num("limit-investors");
const result = runBenchmark(deals, {
  cutDay: day("cut"),
  limitInvestors: limit === undefined ? undefined : Math.floor(limit),
  withRerank: !args.has("no-rerank"),
  log: (m) => console.error(m),
});
const total = (performance.now() - t0) / 1000;

console.log(
  `Temporal split at ${result.cut}: ${result.investors} investors evaluated` +
    (result.investors !== result.eligibleInvestors ? ` (sample of ${result.eligibleInvestors})` : "") +
    `, ${result.candidates} candidates, ${result.trainDeals} train / ${result.testDeals} test deals`,
);
console.log(formatTable(result));
console.log(`total wall time ${total.toFixed(1)} s`);
console.log(summaryJson(result));
