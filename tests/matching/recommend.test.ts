import { describe, expect, it } from "vitest";
import {
  Matcher,
  recommendInvestors,
  recommendProjects,
  type Interaction,
  type Investor,
  type MatchingInput,
  type Project,
} from "../../matching";
import { reciprocalScore } from "../../matching/reciprocal";

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe("hard constraints", () => {
  const investor: Investor = {
    id: "inv",
    sectors: ["biomedicine"],
    stages: ["seed", "A"],
    ticket: { min: 5_000_000, max: 20_000_000, currency: "CNY" },
  };
  const base = { sectors: ["biomedicine"], description: "创新药研发" };
  const projects: Project[] = [
    { id: "fits", ...base, stage: "a", amountSought: 10_000_000, currency: "CNY" },
    { id: "late-stage", ...base, stage: "C", amountSought: 10_000_000, currency: "CNY" },
    { id: "too-big", ...base, stage: "A", amountSought: 50_000_000, currency: "CNY" },
    { id: "too-small", ...base, stage: "seed", amountSought: 1_000_000, currency: "CNY" },
    { id: "no-data", ...base },
    { id: "other-currency", ...base, stage: "seed", amountSought: 90_000_000, currency: "USD" },
  ];
  const m = new Matcher({ investors: [investor], projects });

  it("excludes stage and ticket mismatches, keeps pairs with missing data", () => {
    expect(ids(m.projectsForInvestor("inv")).sort()).toEqual(["fits", "no-data", "other-currency"]);
  });

  it("applies the same exclusions in the project → investor direction", () => {
    expect(ids(m.investorsForProject("fits"))).toEqual(["inv"]);
    expect(m.investorsForProject("late-stage")).toEqual([]);
    expect(m.investorsForProject("too-big")).toEqual([]);
    expect(m.investorsForProject("too-small")).toEqual([]);
  });

  it("an investor without stages or ticket has no constraint", () => {
    const open = new Matcher({ investors: [{ id: "open", sectors: ["biomedicine"] }], projects });
    expect(open.projectsForInvestor("open")).toHaveLength(projects.length);
  });

  it("treats non-positive ticket bounds as missing (e.g. unset columns mapped to 0)", () => {
    const zero = new Matcher({
      investors: [{ id: "z", sectors: ["biomedicine"], ticket: { min: 0, max: 0, currency: "CNY" } }],
      projects,
    });
    expect(zero.projectsForInvestor("z")).toHaveLength(projects.length);
    const maxOnly = new Matcher({
      investors: [{ id: "m", sectors: ["biomedicine"], ticket: { min: 0, max: 20_000_000, currency: "CNY" } }],
      projects,
    });
    expect(ids(maxOnly.projectsForInvestor("m")).sort()).toEqual([
      "fits",
      "late-stage",
      "no-data",
      "other-currency",
      "too-small",
    ]);
  });

  it("excluded pairs get score -Infinity in the bulk path", () => {
    const s = m.rankingScores("inv");
    const order = m.projectIds;
    expect(s[order.indexOf("late-stage")]).toBe(-Infinity);
    expect(s[order.indexOf("fits")]).toBeGreaterThan(0);
  });
});

describe("reciprocity", () => {
  const deal = (sector: string, i: number) => ({
    name: `${sector} ${i}`,
    sectors: [sector],
    date: `2024-0${1 + (i % 9)}-01`,
  });
  const broad: Investor = {
    id: "broad",
    history: [
      ...[1, 2, 3].map((i) => deal("fintech", i)),
      ...[1, 2].map((i) => deal("edtech", i)),
      ...["retail", "logistics", "gaming", "media", "energy", "agritech", "biotech", "robotics"].map(deal),
    ],
  };
  const specialists: Investor[] = [1, 2, 3, 4, 5].map((k) => ({
    id: `fin${k}`,
    history: [1, 2, 3, 4].map((i) => deal("fintech", i)),
  }));
  const projects: Project[] = [
    { id: "Q-fintech", sectors: ["fintech"] },
    { id: "R-edtech", sectors: ["edtech"] },
  ];
  const m = new Matcher({ investors: [broad, ...specialists], projects }, { now: "2024-12-31" });

  it("ranks a pair high only when plausible from both sides", () => {
    const recs = m.projectsForInvestor("broad");
    const q = recs.find((r) => r.id === "Q-fintech")!;
    const r = recs.find((x) => x.id === "R-edtech")!;
    // From the investor's side alone, fintech (3 deals) beats edtech (2 deals) ...
    expect(q.investorFit).toBeGreaterThan(r.investorFit);
    // ... but for the fintech project, five specialists are better matches than "broad",
    expect(q.projectFit).toBeLessThan(0.2);
    expect(r.projectFit).toBeGreaterThan(0.8);
    // so the reciprocal ranking puts edtech first.
    expect(ids(recs)).toEqual(["R-edtech", "Q-fintech"]);
  });

  it("the fintech project sees the specialists before the generalist", () => {
    expect(ids(m.investorsForProject("Q-fintech"))).toEqual(["fin1", "fin2", "fin3", "fin4", "fin5", "broad"]);
  });

  it("combines the two sides with a harmonic mean", () => {
    expect(reciprocalScore(1, 1)).toBe(1);
    expect(reciprocalScore(0.5, 0.5)).toBeCloseTo(0.5, 12);
    expect(reciprocalScore(1, 0.25)).toBeCloseTo(0.4, 12);
    expect(reciprocalScore(0.25, 1)).toBeCloseTo(0.4, 12);
    expect(reciprocalScore(1, 0)).toBe(0);
    expect(reciprocalScore(0.9, 0.1, 0.75)).toBeCloseTo(1 / (0.75 / 0.9 + 0.25 / 0.1), 12);
  });
});

describe("interactions", () => {
  const projects: Project[] = [
    { id: "p1", sectors: ["saas"], description: "workflow software for hospitals" },
    { id: "p2", sectors: ["saas"], description: "workflow software for hospitals" },
    { id: "p3", sectors: ["saas"], description: "workflow software for hospitals" },
    { id: "hw", sectors: ["hardware"], description: "battery cells" },
  ];
  const investors: Investor[] = [
    { id: "a", sectors: ["saas"] },
    { id: "b", sectors: ["saas"] },
  ];
  const at = "2025-03-01T10:00:00Z";

  it('"not interested" removes the pair in both directions, from either side', () => {
    const interactions: Interaction[] = [
      { investorId: "a", projectId: "p1", kind: "not-interested", at },
      { investorId: "b", projectId: "p2", kind: "not-interested", at, by: "project" },
    ];
    const m = new Matcher({ investors, projects, interactions });
    expect(ids(m.projectsForInvestor("a"))).not.toContain("p1");
    expect(ids(m.investorsForProject("p1"))).toEqual(["b"]);
    expect(ids(m.projectsForInvestor("b"))).not.toContain("p2");
    expect(ids(m.investorsForProject("p2"))).toEqual(["a"]);
    // Others are unaffected.
    expect(ids(m.projectsForInvestor("a"))).toContain("p2");
  });

  it("a bookmark lifts a project above identical ones; a decline pushes it below", () => {
    const interactions: Interaction[] = [
      { investorId: "a", projectId: "p3", kind: "bookmark", at },
      { investorId: "a", projectId: "p1", kind: "meeting-declined", at },
    ];
    const m = new Matcher({ investors, projects, interactions });
    const recs = m.projectsForInvestor("a");
    expect(ids(recs).slice(0, 3)).toEqual(["p3", "p2", "p1"]);
    expect(recs[0].reasons[0]).toEqual({ code: "showed-interest", params: { kind: "bookmark" } });
  });

  it("learns the investor's taste from positive interactions", () => {
    const cold: Investor = { id: "cold" };
    const more: Project[] = [...projects, { id: "hw2", sectors: ["hardware"], description: "solid-state battery" }];
    const without = new Matcher({ investors: [cold], projects: more });
    expect(without.projectsForInvestor("cold")).toEqual([]);
    const withBookmark = new Matcher({
      investors: [cold],
      projects: more,
      interactions: [{ investorId: "cold", projectId: "hw", kind: "bookmark", at }],
    });
    const recs = withBookmark.projectsForInvestor("cold");
    // The bookmarked project first, then the other hardware/battery project; no SaaS.
    expect(ids(recs)).toEqual(["hw", "hw2"]);
  });

  it("a meeting request from the project raises the project-side fit", () => {
    const base = new Matcher({ investors, projects });
    const req = new Matcher({
      investors,
      projects,
      interactions: [{ investorId: "a", projectId: "p2", kind: "meeting-request", at, by: "project" }],
    });
    const fit = (m: Matcher) => m.projectsForInvestor("a").find((r) => r.id === "p2")!;
    expect(fit(req).projectFit).toBeGreaterThan(fit(base).projectFit);
    expect(ids(req.projectsForInvestor("a"))[0]).toBe("p2");
    expect(fit(req).reasons.map((r) => r.code)).toContain("project-requested-meeting");
  });

  it("older interactions count less than recent ones", () => {
    const m = new Matcher(
      {
        investors: [{ id: "a", sectors: ["saas"] }],
        projects,
        interactions: [
          { investorId: "a", projectId: "p1", kind: "bookmark", at: "2023-01-01" },
          { investorId: "a", projectId: "p2", kind: "bookmark", at: "2025-03-01" },
        ],
      },
      { now: "2025-03-02" },
    );
    expect(ids(m.projectsForInvestor("a")).slice(0, 3)).toEqual(["p2", "p1", "p3"]);
  });
});

describe("text relevance in Chinese and English", () => {
  const projects: Project[] = [
    { id: "onco", name: "苏州某生物", description: "专注肿瘤免疫治疗的创新药研发平台" },
    { id: "ev", name: "某新能源", description: "新能源汽车动力电池回收" },
    { id: "games", name: "Pixel Labs", description: "Mobile games studio building casual puzzle games" },
  ];
  it("matches a Chinese thesis to the Chinese description with shared words", () => {
    const recs = recommendProjects({ investors: [{ id: "vc", thesis: "关注肿瘤免疫" }], projects }, "vc");
    expect(ids(recs)).toEqual(["onco"]);
    expect(recs[0].reasons).toContainEqual({ code: "keywords", params: { keywords: ["免疫", "肿瘤"] } });
  });
  it("matches singular and plural English words, and shows the project's own words", () => {
    const recs = recommendProjects({ investors: [{ id: "vc", thesis: "We back game studios" }], projects }, "vc");
    expect(ids(recs)).toEqual(["games"]);
    expect(recs[0].reasons).toContainEqual({ code: "keywords", params: { keywords: ["games", "studio"] } });
  });
});

describe("history and co-investment", () => {
  const projects: Project[] = [
    { id: "target", sectors: ["logistics"] },
    { id: "other", sectors: ["logistics"] },
  ];
  const investors: Investor[] = [
    {
      id: "a",
      history: [
        { projectId: "x1", sectors: ["logistics"] },
        { projectId: "x2", sectors: ["logistics"] },
      ],
    },
    {
      id: "b",
      history: [
        { projectId: "x1", sectors: ["logistics"] },
        { projectId: "x2", sectors: ["logistics"] },
      ],
    },
    { id: "c", history: [{ projectId: "y", sectors: ["logistics"] }] },
  ];
  it("recommends what frequent co-investors engaged with", () => {
    const m = new Matcher({
      investors,
      projects,
      interactions: [{ investorId: "b", projectId: "target", kind: "meeting-accepted", at: "2025-01-01" }],
    });
    const recs = m.projectsForInvestor("a");
    expect(recs[0].id).toBe("target");
    expect(recs[0].reasons).toContainEqual({ code: "co-investors", params: { count: 1 } });
    // "c" shares no deals with "b": no collaborative lift, both projects tie on content.
    const c = m.projectsForInvestor("c");
    expect(c[0].score).toBeCloseTo(c[1].score, 12);
  });
});

describe("determinism", () => {
  const input: MatchingInput = {
    investors: [
      {
        id: "i1",
        sectors: ["ai", "saas"],
        regions: ["suzhou"],
        thesis: "AI 医疗影像, enterprise software",
        history: [
          {
            projectId: "h1",
            name: "DeepScan",
            sectors: ["ai"],
            date: "2023-05-01",
            location: { country: "CN", city: "suzhou" },
          },
          { projectId: "h2", name: "FlowDesk", sectors: ["saas"], date: "2022-01-01" },
          { projectId: "h3", name: "CellX", sectors: ["biomedicine"], date: "2024-02-01", coInvestorIds: ["i2"] },
        ],
        capacity: 3,
      },
      {
        id: "i2",
        sectors: ["biomedicine"],
        history: [{ projectId: "h3", sectors: ["biomedicine"], date: "2024-02-01" }],
      },
      { id: "i3", sectors: ["ai"], location: { country: "CN", region: "beijing" } },
      { id: "i4", thesis: "新能源 电池 储能", stages: ["A", "B"] },
    ],
    projects: [
      {
        id: "p1",
        name: "影像AI",
        sectors: ["ai"],
        description: "医疗影像 AI 辅助诊断",
        location: { country: "CN", region: "jiangsu", city: "suzhou" },
      },
      { id: "p2", name: "BatteryCo", sectors: ["energy"], description: "储能电池", stage: "A" },
      { id: "p3", name: "CellY", sectors: ["biomedicine"], description: "细胞治疗" },
      {
        id: "p4",
        name: "DocFlow",
        sectors: ["saas"],
        description: "workflow software",
        location: { country: "CN", region: "beijing" },
      },
      { id: "p5", name: "Gen", sectors: ["ai", "biomedicine"], description: "AI drug discovery" },
    ],
    interactions: [
      { investorId: "i2", projectId: "p5", kind: "bookmark", at: "2025-02-01" },
      { investorId: "i3", projectId: "p1", kind: "booth-visit", at: "2025-02-02" },
      { investorId: "i1", projectId: "p4", kind: "meeting-request", at: "2025-02-03" },
      { investorId: "i4", projectId: "p3", kind: "not-interested", at: "2025-02-04" },
    ],
  };

  const everything = (inp: MatchingInput) => {
    const m = new Matcher(inp);
    return {
      investors: ["i1", "i2", "i3", "i4"].map((id) => m.projectsForInvestor(id)),
      projects: ["p1", "p2", "p3", "p4", "p5"].map((id) => m.investorsForProject(id)),
      allocation: (() => {
        const a = m.allocate({ listSize: 2, minExposure: 1 });
        return { p: [...a.projectsForInvestor], i: [...a.investorsForProject], c: a.coverage };
      })(),
    };
  };

  const shuffle = <T>(xs: T[], seed: number): T[] => {
    const a = [...xs];
    let s = seed;
    for (let i = a.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const j = s % (i + 1);
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };

  it("gives identical output for the same input", () => {
    expect(everything(input)).toEqual(everything(structuredClone(input)));
  });

  it("gives identical output when the input order is shuffled", () => {
    const ref = JSON.stringify(everything(input));
    for (const seed of [1, 2, 3]) {
      const shuffled: MatchingInput = {
        investors: shuffle(input.investors, seed).map((v) => ({
          ...v,
          history: v.history && shuffle(v.history, seed + 7),
        })),
        projects: shuffle(input.projects, seed + 1),
        interactions: shuffle(input.interactions!, seed + 2),
      };
      expect(JSON.stringify(everything(shuffled))).toBe(ref);
    }
  });

  it("does not depend on the wall clock (now defaults to the latest input date)", () => {
    const a = recommendInvestors(input, "p1");
    const b = recommendInvestors(input, "p1", { now: "2025-02-04T00:00:00Z" });
    expect(a).toEqual(b);
  });
});
