import { describe, expect, it } from "vitest";
import { buildBm25, bm25Idf } from "../../matching/text/bm25";
import { dot, Postings, toSparse, valueAt } from "../../matching/text/sparse";
import { stemS, surfaceForms, tokenize } from "../../matching/text/tokenize";

describe("tokenize", () => {
  it("segments Chinese into words with Intl.Segmenter and drops function words", () => {
    expect(tokenize("苏州生物医药的创新药研发平台")).toEqual(["苏州", "生物", "医药", "创新", "药", "研发", "平台"]);
  });
  it("lower-cases, drops English stop words and strips plurals", () => {
    expect(tokenize("The Services and Companies of AI-driven Games")).toEqual([
      "service",
      "company",
      "ai",
      "driven",
      "game",
    ]);
  });
  it("handles mixed text and full-width characters", () => {
    expect(tokenize("ＡＩ医疗影像 SaaS")).toEqual(["ai", "医疗", "影像", "saa"]);
  });
  it("S-stemmer rules", () => {
    expect(["companies", "boxes", "glasses", "status", "games", "series", "bus"].map(stemS)).toEqual([
      "company",
      "boxe",
      "glasse",
      "status",
      "game",
      "sery",
      "bus",
    ]);
  });
});

describe("sparse vectors and postings", () => {
  const a = toSparse(
    new Map([
      [3, 1],
      [1, 2],
      [7, 0],
    ]),
  );
  it("drops zeros and sorts ids", () => {
    expect([...a.ids]).toEqual([1, 3]);
    expect(valueAt(a, 3)).toBe(1);
    expect(valueAt(a, 7)).toBe(0);
  });
  it("dot product and matrix × vector agree", () => {
    const rows = [
      toSparse(
        new Map([
          [1, 1],
          [2, 5],
        ]),
      ),
      toSparse(new Map([[3, 4]])),
    ];
    const p = new Postings(rows, 8);
    const out = new Float64Array(2);
    p.accumulate(a, out);
    expect([...out]).toEqual([dot(rows[0], a), dot(rows[1], a)]);
    expect([...out]).toEqual([2, 4]);
    expect(p.docFreq(3)).toBe(1);
  });
});

describe("BM25", () => {
  it("computes idf and length-normalized term weights", () => {
    // Two docs: d0 = {t0:1}, d1 = {t0:1, t1:3}; avg length 2.5.
    const m = buildBm25(
      [
        new Map([[0, 1]]),
        new Map([
          [0, 1],
          [1, 3],
        ]),
      ],
      2,
      { k1: 1.2, b: 0.75 },
    );
    expect(m.idf[0]).toBeCloseTo(Math.log(1 + 0.5 / 2.5), 12);
    expect(m.idf[1]).toBeCloseTo(Math.log(1 + 1.5 / 1.5), 12);
    expect(bm25Idf(2, 1)).toBeCloseTo(Math.log(2), 12);
    const w0 = (m.idf[0] * 1 * 2.2) / (1 + 1.2 * (0.25 + (0.75 * 1) / 2.5));
    expect(valueAt(m.docs[0], 0)).toBeCloseTo(w0, 12);
    const w1 = (m.idf[1] * 3 * 2.2) / (3 + 1.2 * (0.25 + (0.75 * 4) / 2.5));
    expect(valueAt(m.docs[1], 1)).toBeCloseTo(w1, 12);
  });
});

describe("surfaceForms", () => {
  it("maps stemmed tokens back to the words of the text, for display", () => {
    const m = surfaceForms("SaaS platforms for 医疗影像 Companies");
    expect(m.get("saa")).toBe("saas");
    expect(m.get("platform")).toBe("platforms");
    expect(m.get("company")).toBe("companies");
    expect(m.get("医疗")).toBe("医疗");
  });
});
