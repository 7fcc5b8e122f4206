import { describe, expect, it } from "vitest";
import { capacityRerank, exposureCoverage, Matcher, type Investor, type Project, type Scored } from "../../matching";

const lists = (m: Map<string, Scored[]>) => Object.fromEntries([...m].map(([k, v]) => [k, v.map((s) => s.id)]));

describe("capacityRerank", () => {
  // Every viewer prefers x and y; z is nobody's favourite (best for v2).
  const candidates = new Map<string, Scored[]>([
    [
      "v1",
      [
        { id: "x", score: 0.9 },
        { id: "y", score: 0.8 },
        { id: "z", score: 0.1 },
      ],
    ],
    [
      "v2",
      [
        { id: "x", score: 0.9 },
        { id: "y", score: 0.8 },
        { id: "z", score: 0.3 },
      ],
    ],
    [
      "v3",
      [
        { id: "x", score: 0.9 },
        { id: "y", score: 0.8 },
        { id: "z", score: 0.2 },
      ],
    ],
  ]);

  it("without constraints is each viewer's top list", () => {
    const r = capacityRerank(candidates, { listSize: 2 });
    expect(lists(r.lists)).toEqual({ v1: ["x", "y"], v2: ["x", "y"], v3: ["x", "y"] });
    expect(exposureCoverage(r.exposure, ["x", "y", "z"], 1)).toBeCloseTo(2 / 3, 12);
  });

  it("gives every item minimum exposure, from the viewer who likes it most", () => {
    const r = capacityRerank(candidates, { listSize: 2, minExposure: 1, exposureShare: 0.5 });
    expect(lists(r.lists)).toEqual({ v1: ["x", "y"], v2: ["x", "z"], v3: ["x", "y"] });
    expect(r.exposure.get("z")).toBe(1);
    expect(exposureCoverage(r.exposure, ["x", "y", "z"], 1)).toBe(1);
  });

  it("does not spend exposure slots when exposureShare is zero", () => {
    const r = capacityRerank(candidates, { listSize: 2, minExposure: 1, exposureShare: 0 });
    expect(r.exposure.get("z") ?? 0).toBe(0);
  });

  it("caps how often an item is shown (popular investors are not flooded)", () => {
    const r = capacityRerank(candidates, { listSize: 2, maxExposure: (id) => (id === "x" ? 1 : Infinity) });
    // x goes to a single list: ties on score are broken by viewer id.
    expect(lists(r.lists)).toEqual({ v1: ["x", "y"], v2: ["y", "z"], v3: ["y", "z"] });
    expect(r.exposure.get("x")).toBe(1);
  });

  it("never recommends non-positive scores", () => {
    const r = capacityRerank(
      new Map([
        [
          "v",
          [
            { id: "a", score: 0 },
            { id: "b", score: -1 },
          ],
        ],
      ]),
      {
        listSize: 2,
        minExposure: 1,
        exposureShare: 1,
      },
    );
    expect(r.lists.get("v")).toEqual([]);
  });
});

describe("Matcher.allocate", () => {
  // One star investor everybody matches; capacity 1 means it may be shown to
  // at most ceil(1 × overbook) project lists.
  const projects: Project[] = ["a", "b", "c", "d"].map((k) => ({
    id: `p-${k}`,
    sectors: ["fintech"],
    description: `payments ${k}`,
  }));
  const star: Investor = {
    id: "star",
    sectors: ["fintech"],
    capacity: 1,
    history: [1, 2, 3, 4, 5].map((i) => ({ sectors: ["fintech"], description: "payments", date: `2024-0${i}-01` })),
  };
  const others: Investor[] = [1, 2, 3].map((k) => ({ id: `o${k}`, sectors: ["fintech"], capacity: 10 }));
  const m = new Matcher({ investors: [star, ...others], projects });

  it("limits how many projects see a popular investor", () => {
    const free = m.investorsForProject("p-a").map((r) => r.id);
    expect(free[0]).toBe("star");
    const a = m.allocate({ listSize: 2, overbook: 2 });
    expect(a.investorLoad.get("star")).toBe(2);
    const withStar = [...a.investorsForProject.values()].filter((l) => l.some((r) => r.id === "star"));
    expect(withStar).toHaveLength(2);
    for (const l of a.investorsForProject.values()) expect(l).toHaveLength(2);
  });

  it("reports coverage: projects recommended to at least k investors", () => {
    const a = m.allocate({ listSize: 2, minExposure: 1 });
    expect(a.coverage).toEqual({ k: 1, projects: 4, covered: 4, share: 1 });
    const strict = m.allocate({ listSize: 1, minExposure: 2 });
    expect(strict.coverage.k).toBe(2);
    expect(strict.coverage.share).toBeLessThan(1);
  });
});
