import { describe, expect, it } from "vitest";
import { ALL_CATALOGS, serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import { messageArguments } from "../../app/i18n/format-message.ts";
import { formatDate, formatList, formatMoney, pick, zoneName } from "../../app/i18n/index.ts";

describe("i18n", () => {
  it("has every key in both languages, none empty, with the same arguments", () => {
    for (const catalog of ALL_CATALOGS) {
      const zh = catalog["zh-CN"] as Record<string, string>;
      const en = catalog.en as Record<string, string>;
      expect(Object.keys(en).sort(), catalog.name).toEqual(Object.keys(zh).sort());
      for (const [key, text] of Object.entries(zh)) {
        expect(text.trim(), key).not.toBe("");
        expect(en[key].trim(), key).not.toBe("");
        expect(messageArguments(en[key]), key).toEqual(messageArguments(text));
      }
    }
  });

  it("defines each key in exactly one catalog", () => {
    const owner = new Map<string, string>();
    for (const catalog of ALL_CATALOGS)
      for (const key of Object.keys(catalog["zh-CN"])) {
        expect(owner.get(key), `${key} is in ${owner.get(key)} and ${catalog.name}`).toBeUndefined();
        owner.set(key, catalog.name);
      }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(serverTranslator("zh-CN")("error.rateLimited", { minutes: 12 })).toBe(
      "登录尝试过于频繁，请 12 分钟后再试。",
    );
    expect(serverTranslator("en")("dash.welcome", {})).toBe("Welcome, {name}");
  });

  it("chooses plural forms by the locale's rules", () => {
    const en = serverTranslator("en");
    const zh = serverTranslator("zh-CN");
    expect(en("fair.projectsCount", { count: 1 })).toBe("1 project");
    expect(en("fair.projectsCount", { count: 2 })).toBe("2 projects");
    expect(en("fair.projectsCount", { count: 0 })).toBe("0 projects");
    expect(en("report.list.total", { count: 12345 })).toBe("12,345 rows");
    expect(zh("fair.projectsCount", { count: 1 })).toBe("1 个项目");
    expect(en("chat.presence", { count: 1 })).toBe("1 person at this booth now");
    expect(en("chat.presence", { count: 3 })).toBe("3 people at this booth now");
    expect(en("home.stats", { halls: 1, booths: 1, projects: 2 })).toBe("1 hall · 1 booth · 2 investment projects");
  });

  it("joins lists as each language does", () => {
    expect(formatList("en", ["materials", "semiconductors", "chips"])).toBe("materials, semiconductors, and chips");
    expect(formatList("zh-CN", ["材料", "半导体", "芯片"])).toBe("材料、半导体和芯片");
  });

  it("formats money from minor units per locale", () => {
    expect(formatMoney("zh-CN", 50_000, "CNY")).toBe("¥500.00");
    expect(formatMoney("en", 1_250_000_000, "CNY")).toBe("CN¥12.5M");
    expect(formatMoney("zh-CN", 1_250_000_000, "CNY")).toBe("¥1250万");
    expect(formatMoney("en", 12_345, "USD")).toBe("$123.45");
  });

  it("formats dates in the given zone and names the zone", () => {
    const d = new Date("2026-12-08T16:30:00Z"); // 00:30 next day in Shanghai
    expect(formatDate("zh-CN", d, "Asia/Shanghai")).toBe("2026年12月9日");
    expect(formatDate("en", d, "Europe/Berlin")).toBe("December 8, 2026");
    expect(formatDate("en", d, "Asia/Shanghai", true)).toMatch(/December 9, 2026.*12:30.*GMT\+8/);
    expect(zoneName("zh-CN", "Asia/Shanghai")).toBe("中国标准时间 (Asia/Shanghai)");
  });

  it("picks the locale's side of bilingual text, falling back to the other", () => {
    expect(pick("en", "生物医药", "Biomedicine")).toBe("Biomedicine");
    expect(pick("en", "生物医药", "")).toBe("生物医药");
    expect(pick("zh-CN", "", "Biomedicine")).toBe("Biomedicine");
  });
});
