// Shared field schemas (app/lib/form-fields.ts) and the real form schemas built on them: impossible
// days never roll over, years stay in 2000–2100, amounts are exact minor units (never a float),
// separators and full-width digits are read, and every refusal is a translated field error.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { investorProfileSchema } from "../../app/domain/accounts/investor-profile.server.ts";
import { projectSchema } from "../../app/domain/booths/booth-builder.server.ts";
import { fairFormSchema, newFairFormSchema, tierFormSchema } from "../../app/domain/fairs/fair-admin.server.ts";
import { outcomeSchema } from "../../app/domain/meetings/outcomes.server.ts";
import { meetingRequestForm } from "../../app/domain/meetings/request-input.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import type { MessageKey } from "../../app/i18n/index.ts";
import {
  calendarDay,
  instant,
  localDateTime,
  minorToDecimal,
  minorToInput,
  money,
  parseMoney,
} from "../../app/lib/form-fields.ts";
import { parseForm } from "../../app/lib/forms.server.ts";

const zh = serverTranslator("zh-CN");
const en = serverTranslator("en");

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const issueOf = (schema: z.ZodTypeAny, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0].message;
};

describe("parseMoney: exact minor units as people type amounts", () => {
  it.each([
    ["0", 0n],
    ["5", 500n],
    ["12.5", 1250n],
    ["12.34", 1234n],
    ["12.340", 1234n], // zeros beyond the cents change nothing
    ["12,000,000.50", 1_200_000_050n],
    ["1,234", 123_400n],
    ["１２３", 12_300n], // full-width digits
    ["１２，０００．５", 1_200_050n], // full-width separators and point
    ["  42  ", 4200n],
    ["0.1", 10n],
    ["0.29", 29n], // 0.29 * 100 = 28.999999999999996 in floating point: never through a float
    ["99999999999999.99", 9_999_999_999_999_999n],
  ])("%j → %s", (input, minor) => {
    expect(parseMoney(input)).toEqual({ ok: true, minor });
  });

  it.each([
    ["", "malformed"],
    ["   ", "malformed"],
    ["-5", "negative"],
    ["-0.01", "negative"],
    ["12.345", "decimals"],
    ["1.234", "decimals"],
    ["1e14", "malformed"],
    ["1e5", "malformed"],
    ["0x10", "malformed"],
    ["12,5", "malformed"], // a decimal comma is not a thousands separator
    ["1,2345", "malformed"],
    ["12,000,00", "malformed"],
    [",123", "malformed"],
    ["12.", "malformed"],
    [".5", "malformed"],
    ["Infinity", "malformed"],
    ["NaN", "malformed"],
    ["12\u0000", "malformed"],
    ["1".repeat(65), "malformed"],
    ["¥12", "malformed"],
  ])("%j is refused (%s)", (input, problem) => {
    expect(parseMoney(input)).toEqual({ ok: false, problem });
  });

  it("refuses what is not text", () => {
    for (const v of [undefined, null, 12, ["12"], {}])
      expect(parseMoney(v)).toEqual({ ok: false, problem: "malformed" });
  });

  it("writes minor units back exactly", () => {
    expect(minorToDecimal(1_200_000_050n)).toBe("12000000.50");
    expect(minorToDecimal(5n)).toBe("0.05");
    expect(minorToDecimal(9_999_999_999_999_999n)).toBe("99999999999999.99");
    expect(minorToInput(1_200_000n)).toBe("12000");
    expect(minorToInput(1250)).toBe("12.50");
  });
});

describe("money(): bounds and one clear message per field", () => {
  const fee = money({ max: 1_000_000_000n, allowZero: true, message: "staff.error.fee" });
  const sought = money({ max: 10_000_000_000_000n, allowZero: false, message: "booth.error.amount" });

  it("keeps the bound and zero rule", () => {
    expect(fee.parse("0")).toBe(0n);
    expect(fee.parse("10,000,000")).toBe(1_000_000_000n);
    expect(issueOf(fee, "10,000,000.01")).toBe("staff.error.fee");
    expect(issueOf(sought, "0")).toBe("booth.error.amount");
    expect(issueOf(sought, "0.00")).toBe("booth.error.amount");
    expect(sought.parse("0.01")).toBe(1n);
    for (const bad of ["1e14", "100000000000000", "12.345", "-5", "", "\u0000"])
      expect(issueOf(sought, bad), bad).toBe("booth.error.amount");
  });

  it("says the range, so 1e14 is not told 'greater than 0'", () => {
    expect(zh("booth.error.amount")).toContain("不超过 1,000 亿");
    expect(zh("booth.error.amount")).toContain("两位小数");
    expect(en("booth.error.amount")).toContain("100,000,000,000");
    expect(zh("staff.error.fee")).toContain("两位小数");
    expect(zh("outcome.error.amount")).toContain("99,999,999,999,999.99");
  });
});

describe("dates: no rollover, years 2000–2100", () => {
  const day = calendarDay("outcome.error.date");
  const wall = localDateTime("staff.error.datetime");
  const shanghai = localDateTime("staff.error.datetime", "Asia/Shanghai");
  const berlin = localDateTime("staff.error.datetime", "Europe/Berlin");

  it("calendarDay", () => {
    expect(day.parse("2024-02-29")).toBe("2024-02-29");
    expect(day.parse(" 2026-12-08 ")).toBe("2026-12-08");
    expect(issueOf(day, "2026-02-30")).toBe("outcome.error.date");
    expect(issueOf(day, "2025-02-29")).toBe("outcome.error.date");
    expect(issueOf(day, "2026-13-45")).toBe("outcome.error.date");
    expect(issueOf(day, "0001-01-01")).toBe("error.date.outOfRange");
    expect(issueOf(day, "9999-12-31")).toBe("error.date.outOfRange");
    expect(issueOf(day, "")).toBe("outcome.error.date");
    expect(issueOf(day, "2026-12-08\u0000")).toBe("outcome.error.date");
    expect(issueOf(day, undefined)).toBe("error.required");
  });

  it("localDateTime", () => {
    expect(wall.parse("2026-12-08T09:00")).toBe("2026-12-08T09:00");
    expect(wall.parse("2026-12-08T09:00:30")).toBe("2026-12-08T09:00"); // some browsers send seconds
    expect(shanghai.parse("2024-02-29T23:59")).toBe("2024-02-29T23:59");
    expect(issueOf(wall, "2026-02-30T09:00")).toBe("staff.error.datetime");
    expect(issueOf(wall, "2026-12-08T24:00")).toBe("staff.error.datetime");
    expect(issueOf(wall, "0001-01-01T09:00")).toBe("error.date.outOfRange");
    expect(issueOf(wall, "9999-01-01T09:00")).toBe("error.date.outOfRange");
    expect(issueOf(berlin, "2026-03-29T02:30")).toBe("error.date.nonexistent");
    expect(berlin.parse("2026-03-29T03:30")).toBe("2026-03-29T03:30");
  });

  it("instant (slot keys)", () => {
    const slot = instant("meetings.error.badSlot");
    expect(slot.parse("2026-12-08T01:00:00.000Z")).toBe("2026-12-08T01:00:00.000Z");
    expect(slot.parse("2026-12-08T09:00+08:00")).toBe("2026-12-08T09:00+08:00");
    expect(issueOf(slot, "2026-02-30T01:00:00.000Z")).toBe("meetings.error.badSlot");
    expect(issueOf(slot, "2026-12-08T25:00:00Z")).toBe("meetings.error.badSlot");
    expect(issueOf(slot, "2026-12-08T09:00")).toBe("meetings.error.badSlot"); // no offset
    expect(issueOf(slot, "9999-12-08T01:00:00Z")).toBe("error.date.outOfRange");
    expect(issueOf(slot, "x".repeat(65))).toBe("meetings.error.badSlot");
  });

  it("has every shared message in both languages", () => {
    for (const key of ["error.date.outOfRange", "error.date.nonexistent"] as MessageKey[]) {
      expect(zh(key)).not.toBe(key);
      expect(en(key)).not.toBe(key);
    }
    expect(zh("error.date.outOfRange")).toContain("2000");
  });
});

describe("the real form schemas", () => {
  const fair = {
    slug: "spring-expo",
    titleZh: "春季展",
    titleEn: "Spring Expo",
    timeZone: "Asia/Shanghai",
    startsAt: "2027-04-10T09:00",
    endsAt: "2027-04-12T17:00",
    meetingDays: "2027-04-10, 2027-04-11",
  };
  const now = new Date("2026-12-03T04:00:00Z");

  it("fair: impossible, out-of-range and outside-the-fair dates are field errors", () => {
    const errors = (fields: Record<string, string>, schema: z.ZodTypeAny = fairFormSchema) => {
      const r = parseForm(schema, form(fields), zh);
      return r.ok ? null : r.errors;
    };
    expect(errors(fair)).toBeNull();
    expect(errors({ ...fair, startsAt: "2027-02-30T09:00" })).toEqual({ startsAt: zh("staff.error.datetime") });
    expect(errors({ ...fair, startsAt: "0001-04-10T09:00" })).toEqual({ startsAt: zh("error.date.outOfRange") });
    expect(errors({ ...fair, endsAt: "9999-04-12T17:00" })).toEqual({ endsAt: zh("error.date.outOfRange") });
    expect(errors({ ...fair, meetingDays: "2027-02-30" })).toEqual({ meetingDays: zh("staff.error.meetingDays") });
    expect(errors({ ...fair, meetingDays: "2027-04-09" })).toEqual({
      meetingDays: zh("staff.error.meetingDayOutside"),
    });
    expect(errors({ ...fair, meetingDays: "2027-04-13" })).toEqual({
      meetingDays: zh("staff.error.meetingDayOutside"),
    });
    expect(errors({ ...fair, timeZone: "Europe/Berlin", startsAt: "2027-03-28T02:30" })).toEqual({
      startsAt: zh("error.date.nonexistent"),
    });
    expect(errors({ ...fair, endsAt: "2027-04-10T08:00", meetingDays: "" })).toEqual({
      endsAt: zh("staff.error.endBeforeStart"),
    });
    // New fairs: not before today (in the fair's zone); a fair in 2020 is a typo.
    expect(errors(fair, newFairFormSchema(now))).toBeNull();
    expect(
      errors(
        { ...fair, startsAt: "2020-04-10T09:00", endsAt: "2020-04-12T17:00", meetingDays: "" },
        newFairFormSchema(now),
      ),
    ).toEqual({ startsAt: zh("staff.error.startsInPast") });
    expect(
      errors({ ...fair, startsAt: "2026-12-03T08:00", meetingDays: "" }, newFairFormSchema(now)), // today: fine
    ).toBeNull();
    expect(
      errors({ ...fair, startsAt: "2026-12-02T09:00", meetingDays: "" }, newFairFormSchema(now)), // yesterday
    ).toEqual({ startsAt: zh("staff.error.startsInPast") });
  });

  it("tier fee: exact cents, 12.345 refused, separators read", () => {
    const tier = { code: "gold", nameZh: "金牌", nameEn: "Gold", fee: "12,000.50" };
    expect(tierFormSchema.parse(tier).fee).toBe(1_200_050n);
    expect(tierFormSchema.parse({ ...tier, fee: "0.29" }).fee).toBe(29n);
    const bad = parseForm(tierFormSchema, form({ ...tier, fee: "12.345" }), en);
    expect(bad.ok ? null : bad.errors).toEqual({ fee: en("staff.error.fee") });
  });

  it("project amount and investor tickets", () => {
    const project = {
      titleZh: "项目",
      titleEn: "Project",
      sector: "semiconductors",
      stage: "SERIES_A",
      region: "suzhou",
      amount: "12,000,000.50",
    };
    expect(projectSchema.parse(project).amount).toBe(1_200_000_050n);
    const big = parseForm(projectSchema, form({ ...project, amount: "1e14" }), zh);
    expect(big.ok ? null : big.errors.amount).toBe(zh("booth.error.amount"));
    const profile = investorProfileSchema.safeParse({
      sectors: ["semiconductors"],
      stages: ["SERIES_A"],
      ticketMin: "１,０００,０００",
      ticketMax: "5,000,000.5",
      meetingCapacity: "8",
    });
    expect(profile.success && [profile.data.ticketMin, profile.data.ticketMax]).toEqual([100_000_000n, 500_000_050n]);
  });

  it("outcome: exact decimal text, real next-step day", () => {
    const base = { result: "FOLLOW_UP", rating: "4" };
    expect(outcomeSchema.parse({ ...base, amount: "12,000,000.50" }).amount).toBe("12000000.50");
    expect(outcomeSchema.parse({ ...base, amount: "" }).amount).toBeUndefined();
    expect(outcomeSchema.parse({ ...base, nextStepDate: "2028-02-29" }).nextStepDate).toBe("2028-02-29");
    for (const [field, value, key] of [
      ["amount", "12.345", "outcome.error.amount"],
      ["amount", "1e14", "outcome.error.amount"],
      ["amount", "-5", "outcome.error.amount"],
      ["nextStepDate", "2026-02-30", "outcome.error.date"],
      ["nextStepDate", "0001-01-01", "error.date.outOfRange"],
    ] as const) {
      const r = parseForm(outcomeSchema, form({ ...base, [field]: value }), zh);
      expect(r.ok ? null : r.errors, `${field}=${value}`).toEqual({ [field]: zh(key) });
    }
  });

  it("meeting request: impossible slot days are refused before the grid is consulted", () => {
    const r = parseForm(meetingRequestForm, form({ slots: "2026-02-30T01:00:00.000Z" }), zh);
    expect(r.ok ? null : r.errors).toEqual({ slots: zh("meetings.error.badSlot") });
  });
});
