import { describe, expect, it } from "vitest";
import { formatMoneyRange, formatReason, Matcher, type Investor, type Project, type Reason } from "../../matching";

const investor: Investor = {
  id: "inv",
  sectors: ["biomedicine"],
  stages: ["A"],
  ticket: { min: 5_000_000, max: 20_000_000, currency: "CNY" },
  regions: ["suzhou"],
  location: { country: "CN", region: "shanghai" },
  thesis: "肿瘤 免疫",
  history: [
    {
      projectId: "d1",
      sectors: ["biomedicine"],
      date: "2023-01-01",
      location: { country: "CN", region: "jiangsu", city: "suzhou" },
    },
    { projectId: "d2", sectors: ["biomedicine", "ai"], date: "2023-06-01" },
    { projectId: "d3", sectors: ["Biomedicine"], date: "2024-01-01" },
    { projectId: "d4", sectors: ["ai"], date: "2024-06-01" },
  ],
};
const project: Project = {
  id: "p",
  sectors: ["biomedicine"],
  stage: "A",
  amountSought: 10_000_000,
  currency: "CNY",
  location: { country: "CN", region: "jiangsu", city: "suzhou" },
  description: "肿瘤免疫治疗",
};

describe("reasons", () => {
  const m = new Matcher({ investors: [investor], projects: [project] });
  const [rec] = m.projectsForInvestor("inv", { maxReasons: 10 });

  it("are structured codes with params, most important first", () => {
    expect(rec.reasons).toEqual<Reason[]>([
      { code: "same-sector", params: { sector: "biomedicine" } },
      { code: "similar-deals", params: { count: 3, sector: "biomedicine" } },
      { code: "ticket-fits", params: { min: 5_000_000, max: 20_000_000, currency: "CNY" } },
      { code: "stage-fits", params: { stage: "A" } },
      { code: "preferred-region", params: { region: "suzhou" } },
      { code: "keywords", params: { keywords: ["免疫", "肿瘤"] } },
    ]);
  });

  it("are the same for the project's view of the pair", () => {
    expect(m.investorsForProject("p", { maxReasons: 10 })[0].reasons).toEqual(rec.reasons);
  });

  it("respect maxReasons", () => {
    expect(m.projectsForInvestor("inv", { maxReasons: 2 })[0].reasons.map((r) => r.code)).toEqual([
      "same-sector",
      "similar-deals",
    ]);
  });

  it("mention the home region and past deals in a place when there is no stated preference", () => {
    const local = new Matcher({
      investors: [
        { id: "home", location: { country: "CN", region: "jiangsu", city: "suzhou" }, sectors: ["biomedicine"] },
        {
          id: "past",
          sectors: ["biomedicine"],
          history: [
            { sectors: ["x"], location: { country: "CN", region: "jiangsu", city: "nanjing" } },
            { sectors: ["y"], location: { country: "CN", region: "jiangsu", city: "wuxi" } },
          ],
        },
        { id: "same-country", location: { country: "CN", region: "beijing" }, sectors: ["biomedicine"] },
      ],
      projects: [project],
    });
    const codes = (id: string) => local.investorsForProject("p", { maxReasons: 10 }).find((r) => r.id === id)!.reasons;
    expect(codes("home")).toContainEqual({ code: "home-region", params: { region: "suzhou" } });
    expect(codes("past")).toContainEqual({ code: "invested-in-region", params: { region: "jiangsu", count: 2 } });
    expect(codes("same-country").map((r) => r.code)).not.toContain("home-region");
  });

  it("include a portfolio follow-on", () => {
    const f = new Matcher({
      investors: [{ id: "v", history: [{ projectId: "p", sectors: ["biomedicine"] }] }],
      projects: [project],
    });
    expect(f.projectsForInvestor("v")[0].reasons[0]).toEqual({ code: "portfolio-company", params: {} });
  });
});

describe("formatReason", () => {
  const cases: [Reason, string, string][] = [
    [{ code: "same-sector", params: { sector: "biomedicine" } }, "同一赛道: biomedicine", "Same sector: biomedicine"],
    [{ code: "similar-deals", params: { count: 3 } }, "投过 3 家同类企业", "Invested in 3 similar companies"],
    [{ code: "similar-deals", params: { count: 1 } }, "投过 1 家同类企业", "Invested in 1 similar company"],
    [
      { code: "ticket-fits", params: { min: 5_000_000, max: 20_000_000, currency: "CNY" } },
      "单笔金额匹配: ¥500万–2000万",
      "Ticket fits ¥5–20M",
    ],
    [{ code: "stage-fits", params: { stage: "A" } }, "投资阶段匹配: A", "Invests at this stage: A"],
    [{ code: "preferred-region", params: { region: "suzhou" } }, "偏好地区: suzhou", "Prefers suzhou"],
    [{ code: "home-region", params: { region: "suzhou" } }, "同在 suzhou", "Also based in suzhou"],
    [
      { code: "invested-in-region", params: { region: "jiangsu", count: 2 } },
      "在 jiangsu 投过 2 个项目",
      "2 past deals in jiangsu",
    ],
    [
      { code: "keywords", params: { keywords: ["免疫", "肿瘤"] } },
      "关键词匹配: 免疫、肿瘤",
      "Keywords in common: 免疫, 肿瘤",
    ],
    [{ code: "portfolio-company", params: {} }, "已投企业", "Already in the portfolio"],
    [{ code: "co-investors", params: { count: 2 } }, "2 位常合投的投资人也感兴趣", "2 frequent co-investors engaged"],
    [{ code: "showed-interest", params: { kind: "bookmark" } }, "已收藏", "Bookmarked"],
    [{ code: "project-requested-meeting", params: {} }, "项目方申请了会面", "The project asked to meet"],
  ];
  it.each(cases)("renders %j", (reason, zh, en) => {
    expect(formatReason(reason, "zh-CN")).toBe(zh);
    expect(formatReason(reason, "en")).toBe(en);
  });

  it("formats money ranges per locale", () => {
    expect(formatMoneyRange(5e6, 2e7, "CNY", "en")).toBe("¥5–20M");
    expect(formatMoneyRange(5e6, 2e7, "CNY", "zh-CN")).toBe("¥500万–2000万");
    expect(formatMoneyRange(5e5, 2e6, "EUR", "en")).toBe("€500K–2M");
    expect(formatMoneyRange(undefined, 1e8, "USD", "zh-CN")).toBe("$1亿以内");
    expect(formatMoneyRange(1e6, undefined, "SGD", "en")).toBe("≥ SGD 1M");
    expect(formatMoneyRange(1.5e6, 2.5e6, undefined, "en")).toBe("1.5–2.5M");
  });
});
