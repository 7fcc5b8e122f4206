// Row checks of the bulk onboarding import, the credit-code checksum and the invitation mail (ADR 027).
import { describe, expect, it } from "vitest";
import { creditCodeCheckChar, creditCodeProblem } from "../../app/domain/onboarding/credit-code.ts";
import { columnOfHeader, headerOf } from "../../app/domain/onboarding/columns.ts";
import { checkSheet, MAX_ROWS, type FairContext } from "../../app/domain/onboarding/rows.ts";
import { checkZipDirectory } from "../../app/domain/onboarding/read-sheet.server.ts";
import { templates } from "../../app/domain/mail/templates/index.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";

const fair: FairContext = {
  halls: [{ id: "h1", slug: "bio", nameZh: "生物医药馆", nameEn: "Biomedicine Hall", sector: "biomedicine" }],
  tiers: [{ id: "t1", code: "standard", nameZh: "标准展位", nameEn: "Standard" }],
};
const HEADER = [
  "机构名称（中文）",
  "Unified social credit code",
  "联系人 / Contact name",
  "email",
  "电话",
  "展馆",
  "tier",
  "地区",
  "projects",
];
const GOOD = "91350100M000100Y43";
const row = (over: Partial<Record<string, string>> = {}) => {
  const r = { nameZh: "苏州甲公司", code: GOOD, contact: "张三", email: "a@x.cn", phone: "+86 512 1234 5678", hall: "生物医药馆", tier: "standard", region: "苏州", projects: "", ...over };
  return [r.nameZh, r.code, r.contact, r.email, r.phone, r.hall, r.tier, r.region, r.projects];
}; // prettier-ignore

describe("unified social credit code", () => {
  it("accepts a valid code and names what is wrong with others", () => {
    expect(creditCodeProblem(GOOD)).toBeNull();
    expect(creditCodeCheckChar(GOOD.slice(0, 17))).toBe("3");
    expect(creditCodeProblem("91350100M000100Y44")).toBe("checksum");
    expect(creditCodeProblem("91350100M000100Y4")).toBe("length");
    expect(creditCodeProblem("91350100M000100I43")).toBe("characters");
  });
});

describe("headers", () => {
  it("reads Chinese, English, both or the key", () => {
    expect(columnOfHeader("exhibitor", "邮箱")).toBe("email");
    expect(columnOfHeader("exhibitor", " EMAIL ")).toBe("email");
    expect(columnOfHeader("exhibitor", headerOf("creditCode"))).toBe("creditCode");
    expect(columnOfHeader("exhibitor", "ticketMin")).toBeNull();
    expect(columnOfHeader("investor", "单笔投资下限")).toBe("ticketMin");
  });
});

describe("row checks", () => {
  it("normalizes a good row (spreadsheet row numbers, hall and tier by name or code)", () => {
    const r = checkSheet("exhibitor", [HEADER, row({ email: " A@X.CN ", code: "91350100m000100y43" })], fair);
    if ("fileProblem" in r) throw new Error("file problem");
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({
      row: 2,
      email: "a@x.cn",
      creditCode: GOOD,
      hallId: "h1",
      tierId: "t1",
      region: "suzhou",
      nameEn: "苏州甲公司",
    });
  });

  it("reports every bad cell with its row and column", () => {
    const r = checkSheet(
      "exhibitor",
      [HEADER, row(), row({ email: "not-an-email", code: "91350100M000100Y44", hall: "nowhere", contact: "" })],
      fair,
    );
    if ("fileProblem" in r) throw new Error("file problem");
    expect(r.rows).toHaveLength(1);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { row: 3, column: "email", key: "invalidFormat" },
        { row: 3, column: "creditCode", key: "creditChecksum" },
        { row: 3, column: "hall", key: "unknownHall" },
        { row: 3, column: "contactName", key: "required" },
      ]),
    );
    const t = serverTranslator("zh-CN");
    expect(
      t("onboarding.rowError", {
        row: 3,
        column: t("onboarding.col.email"),
        message: t("onboarding.err.invalidFormat"),
      }),
    ).toBe("第 3 行 邮箱: 格式不正确");
    const en = serverTranslator("en");
    expect(
      en("onboarding.rowError", {
        row: 17,
        column: en("onboarding.col.email"),
        message: en("onboarding.err.invalidFormat"),
      }),
    ).toBe("Row 17, Email: invalid format");
  });

  it("flags rows duplicated within the file (same code or same email)", () => {
    const r = checkSheet("exhibitor", [HEADER, row(), row({ email: "b@x.cn" }), row({ code: "" })], fair);
    if ("fileProblem" in r) throw new Error("file problem");
    expect(r.errors).toEqual([
      { row: 3, column: "creditCode", key: "duplicate", params: { other: 2 } },
      { row: 4, column: "email", key: "duplicate", params: { other: 2 } },
    ]);
  });

  it("parses projects and refuses unknown stages and bad amounts", () => {
    const ok = checkSheet("exhibitor", [HEADER, row({ projects: "甲项目 | A 轮 | 5,000,000; 乙项目" })], fair);
    if ("fileProblem" in ok) throw new Error("file problem");
    expect((ok.rows[0] as { projects: unknown }).projects).toEqual([
      { titleZh: "甲项目", stage: "SERIES_A", amount: "500000000" },
      { titleZh: "乙项目", stage: "SEED", amount: "0" },
    ]);
    const bad = checkSheet(
      "exhibitor",
      [HEADER, row({ projects: "甲项目 | Z 轮" }), row({ email: "c@x.cn", code: "", projects: "乙 | SEED | 1e9" })],
      fair,
    );
    if ("fileProblem" in bad) throw new Error("file problem");
    expect(bad.errors.map((e) => e.key)).toEqual(["unknownStage", "amount"]);
  });

  it("checks investor preferences", () => {
    const header = [
      "nameZh",
      "contactName",
      "email",
      "sectors",
      "stages",
      "ticketMin",
      "ticketMax",
      "currency",
      "regions",
    ];
    const r = checkSheet(
      "investor",
      [
        header,
        ["甲资本", "李四", "l@x.cn", "生物医药; new-energy", "A 轮、B 轮", "1000", "500", "usd", "南京"],
        ["乙资本", "王五", "w@x.cn", "太空", "", "", "", "XYZ", ""],
      ],
      fair,
    );
    if ("fileProblem" in r) throw new Error("file problem");
    expect(r.errors).toEqual([
      { row: 2, column: "ticketMax", key: "ticketOrder" },
      { row: 3, column: "sectors", key: "unknownSector", params: { value: "太空" } },
      { row: 3, column: "currency", key: "unknownCurrency" },
    ]);
  });

  it("refuses a file without its required columns, an empty one, and too many rows", () => {
    expect(
      checkSheet(
        "exhibitor",
        [
          ["foo", "bar"],
          ["1", "2"],
        ],
        fair,
      ),
    ).toEqual({ fileProblem: { key: "missingColumns", columns: ["nameZh", "contactName", "email", "hall", "tier"] } });
    expect(checkSheet("exhibitor", [HEADER, ["", " "]], fair)).toEqual({ fileProblem: { key: "empty" } });
    const many = [HEADER, ...Array.from({ length: MAX_ROWS + 1 }, (_, i) => row({ email: `u${i}@x.cn`, code: "" }))];
    expect(checkSheet("exhibitor", many, fair)).toEqual({ fileProblem: { key: "tooManyRows", max: MAX_ROWS } });
  });
});

describe("zip directory check", () => {
  it("refuses what is not a zip and a zip declaring a huge inflated size", () => {
    expect(() => checkZipDirectory(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toThrow();
    // One central-directory entry declaring 4 GB - 2 inflated from 1 KB compressed.
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt32LE(1024, 20);
    cd.writeUInt32LE(0xfffffffe, 24);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(46, 12);
    eocd.writeUInt32LE(4, 16);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), cd, eocd]);
    expect(() => checkZipDirectory(zip)).toThrow(
      expect.objectContaining({ key: "onboarding.file.tooManyCells", status: 413 }),
    );
  });
});

describe("invitation mail", () => {
  const data = {
    name: "张三",
    orgZh: "苏州甲公司",
    orgEn: "Suzhou A",
    fairZh: "江苏云投资洽谈会",
    fairEn: "Jiangsu Investment Fair",
    claimPath: "/claim/tok123",
    expiresAt: "2026-12-17T08:00:00.000Z",
  };
  it("is registered for exhibitors and investors, in both languages, with the link on APP_URL", async () => {
    const zh = await templates["exhibitor-invite"](data, { locale: "zh-CN", appUrl: "https://fair.example.cn" });
    expect(zh.subject).toContain("江苏云投资洽谈会");
    expect(zh.text).toContain("https://fair.example.cn/claim/tok123");
    expect(zh.html).toContain('href="https://fair.example.cn/claim/tok123"');
    expect(zh.text).toContain("苏州甲公司");
    const en = await templates["investor-invite"](data, { locale: "en", appUrl: "https://fair.example.cn" });
    expect(en.subject).toBe("Jiangsu Investment Fair invites you: activate your account");
    expect(en.text).toContain("investor account for Suzhou A");
    const hostile = await templates["exhibitor-invite"](
      { ...data, orgZh: "<script>x</script>", claimPath: "https://evil.example/" },
      { locale: "zh-CN", appUrl: "https://fair.example.cn" },
    );
    expect(hostile.html).not.toContain("<script>");
    expect(hostile.text).not.toContain("evil.example");
  });
});
