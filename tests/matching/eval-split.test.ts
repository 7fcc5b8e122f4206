import { describe, expect, it } from "vitest";
import { candidateParties, dealsToMatchingInput } from "../../matching/eval/adapter";
import { formatDay, parseDay } from "../../matching/eval/dates";
import type { Deal, DealParty } from "../../matching/eval/deals-csv";
import { defaultCutDay, sampleById, temporalSplit } from "../../matching/eval/split";
import { runBenchmark } from "../../matching/eval/bench";

const party = (id: string, categories: string[] = [], country = ""): DealParty => ({
  id,
  name: id,
  categories,
  country,
  state: "",
  region: "",
  city: "",
});
const deal = (inv: string, comp: string, date: string, categories: string[] = ["x"]): Deal => ({
  investor: party(inv),
  company: party(comp, categories),
  day: parseDay(date)!,
});

describe("defaultCutDay", () => {
  it("is the earliest day with at least 80% of deals strictly before it", () => {
    const deals = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"].map((d, i) =>
      deal("i", `c${i}`, `2020-01-${d}`),
    );
    expect(formatDay(defaultCutDay(deals))).toBe("2020-01-09");
  });
  it("moves past ties", () => {
    const days = ["01", "02", "03", "04", "05", "06", "07", "08", "08", "10"];
    const deals = days.map((d, i) => deal("i", `c${i}`, `2020-01-${d}`));
    // 2020-01-08 has only 7 deals before it; the next day with >= 8 before it is the 10th.
    expect(formatDay(defaultCutDay(deals))).toBe("2020-01-10");
  });
});

describe("temporalSplit", () => {
  const deals: Deal[] = [
    deal("a", "a1", "2020-01-01"),
    deal("a", "a2", "2020-02-01"),
    deal("a", "a3", "2020-03-01"),
    deal("a", "a4", "2020-06-01"), // on the cut: test
    deal("a", "a4", "2020-07-01"), // same company twice: one relevant item
    deal("b", "b1", "2020-01-01"),
    deal("b", "b2", "2020-05-31"),
    deal("b", "b3", "2020-06-02"), // b has only 2 train deals: not evaluated
    deal("c", "c1", "2020-01-01"),
    deal("c", "c2", "2020-01-02"),
    deal("c", "c3", "2020-01-03"), // c has no test deal: not evaluated
  ];
  const cut = parseDay("2020-06-01")!;
  const s = temporalSplit(deals, cut);

  it("puts deals before the cut in train and on/after it in test", () => {
    expect(s.train.every((d) => d.day < cut)).toBe(true);
    expect(s.test.every((d) => d.day >= cut)).toBe(true);
    expect(s.train.length + s.test.length).toBe(deals.length);
    expect(s.test.map((d) => d.company.id)).toEqual(["a4", "a4", "b3"]);
  });

  it("evaluates investors with >= 3 train deals and >= 1 test deal", () => {
    expect(s.investors).toEqual([{ id: "a", relevant: new Set(["a4"]), trainDeals: 3 }]);
  });

  it("candidates are all companies with a test-period deal", () => {
    expect(s.candidates).toEqual(["a4", "b3"]);
  });

  it("builds the model inputs from train deals only (no leakage)", () => {
    const input = dealsToMatchingInput(s.train, candidateParties(s.test, s.candidates));
    const history = input.investors.flatMap((v) => v.history ?? []);
    expect(history.every((h) => parseDay(String(h.date))! < cut)).toBe(true);
    expect(history.map((h) => h.projectId)).not.toContain("a4");
    expect(input.investors.map((v) => v.id).sort()).toEqual(["a", "b", "c"]);
    // Candidates carry static company attributes only, nothing from the test deals.
    expect(input.projects).toEqual([
      { id: "a4", name: "a4", sectors: ["x"], location: { country: undefined, region: undefined, city: undefined } },
      { id: "b3", name: "b3", sectors: ["x"], location: { country: undefined, region: undefined, city: undefined } },
    ]);
    expect(input.interactions).toEqual([]);
  });

  it("scores do not change when test-period information changes", () => {
    // Same train deals; the test period differs only in who bought what.
    const variant = deals.map((d) => (d.company.id === "b3" ? deal("z", "b3", "2020-06-02") : d));
    const run = (ds: Deal[]) => runBenchmark(ds, { cutDay: cut, methods: ["cloudfair"] }).results[0];
    const a = run(deals);
    const b = run(variant);
    expect(b.recall10).toBe(a.recall10);
    expect(b.ndcg10).toBe(a.ndcg10);
  });
});

describe("sampleById", () => {
  it("is deterministic and independent of input order", () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ id: `inv${i}` }));
    const a = sampleById(items, 10);
    const b = sampleById([...items].reverse(), 10);
    expect(a).toHaveLength(10);
    expect(a).toEqual(b);
    expect(sampleById(items, 100)).toHaveLength(50);
  });
});
