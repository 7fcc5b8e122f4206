import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/en.ts";
import { formatDate, formatMoney, pick, translator, zoneName } from "../../app/i18n/index.ts";
import { zhCN } from "../../app/i18n/zh-CN.ts";

describe("i18n", () => {
  it("has every key in both languages, none empty, with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, zh] of Object.entries(zhCN)) {
      const english = en[key as keyof typeof en];
      expect(zh.trim(), key).not.toBe("");
      expect(english.trim(), key).not.toBe("");
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(holes(english), key).toEqual(holes(zh));
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translator("zh-CN")("error.rateLimited", { minutes: 12 })).toBe("登录尝试过于频繁，请 12 分钟后再试。");
    expect(translator("en")("dash.welcome", {})).toBe("Welcome, {name}");
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
