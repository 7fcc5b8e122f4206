// The one form path (ADR 018): conform parses, zod validates, errors come back in the user's
// language with what was typed; nothing a user can send makes it throw.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { signupSchema } from "../../app/auth/schemas.ts";
import { parseMeetingRequest } from "../../app/domain/meetings/request-input.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import { DomainError } from "../../app/lib/errors.ts";
import { dispatchIntent, intentOf, parseForm, validate } from "../../app/lib/forms.server.ts";

const zh = serverTranslator("zh-CN");
const en = serverTranslator("en");

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

const schema = z.object({
  title: z.string().trim().min(1, "error.required").max(10, "error.tooLong"),
  note: z.string().trim().max(20, "error.tooLong").default(""),
  count: z.coerce.number().int().min(1).max(100),
  amount: z.coerce
    .number({ invalid_type_error: "booth.error.amount" })
    .positive("booth.error.amount")
    .max(1e11, "booth.error.amount"),
  kind: z.enum(["a", "b"]).default("a"),
  tags: z
    .array(z.enum(["x", "y", "z"]))
    .max(2, "error.tooLong")
    .default([]),
});
const good: [string, string][] = [
  ["title", " 展会 "],
  ["count", "3"],
  ["amount", "12.5"],
];

describe("parseForm", () => {
  it("returns typed data and what was typed", () => {
    const r = parseForm(schema, form([...good, ["tags", "x"], ["tags", "z"]]), zh);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data).toEqual({ title: "展会", note: "", count: 3, amount: 12.5, kind: "a", tags: ["x", "z"] });
      expect(r.values).toEqual({ title: " 展会 ", count: "3", amount: "12.5", tags: ["x", "z"] });
    }
  });

  it("reads lists from repeated fields: one value is a one-item list, none an empty list", () => {
    const one = parseForm(schema, form([...good, ["tags", "y"]]), zh);
    expect(one.ok && one.data.tags).toEqual(["y"]);
    const none = parseForm(schema, form(good), zh);
    expect(none.ok && none.data.tags).toEqual([]);
    const tooMany = parseForm(schema, form([...good, ["tags", "x"], ["tags", "y"], ["tags", "z"]]), zh);
    expect(!tooMany.ok && tooMany.errors).toEqual({ tags: zh("error.tooLong") });
    const bad = parseForm(schema, form([...good, ["tags", "x"], ["tags", "nope"]]), zh);
    expect(!bad.ok && bad.errors).toEqual({ tags: zh("error.invalidChoice") }); // "tags[1]" is reported on "tags"
  });

  it("sends field errors translated into the request's language, never as i18n keys", () => {
    const entries: [string, string][] = [
      ["title", "x".repeat(11)],
      ["count", "3"],
      ["amount", "-1"],
    ];
    const inZh = parseForm(schema, form(entries), zh);
    expect(inZh.ok).toBe(false);
    if (!inZh.ok)
      expect(inZh.errors).toEqual({ title: "内容超出长度上限，请精简后再提交。", amount: zh("booth.error.amount") });
    const inEn = parseForm(schema, form(entries), en);
    if (!inEn.ok)
      expect(inEn.errors).toEqual({
        title: "This is longer than allowed; please shorten it.",
        amount: en("booth.error.amount"),
      });
    expect(inEn.ok).toBe(false);
  });

  it("keeps what was typed, never passwords", () => {
    const bad = parseForm(
      signupSchema,
      form([
        ["accountType", "investor"],
        ["name", "x".repeat(81)],
        ["email", "a@b"],
        ["password", "p".repeat(129)],
        ["orgName", ""],
      ]),
      zh,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toEqual({
        name: zh("error.tooLong"),
        email: zh("error.email"),
        password: zh("error.passwordLong"),
        orgName: zh("error.orgRequired"),
      });
      expect(bad.values).toEqual({ accountType: "investor", name: "x".repeat(81), email: "a@b", orgName: "" });
    }
    const ok = parseForm(z.object({ newPassword: z.string() }), form([["newPassword", "secret-1"]]), zh);
    expect(ok.ok && ok.values).toEqual({});
  });

  it("turns wrong input into field errors, never an exception", () => {
    const cases: [string, [string, string][], string][] = [
      [
        "missing field",
        [
          ["count", "3"],
          ["amount", "1"],
        ],
        zh("error.required"),
      ],
      ["scalar sent twice", [...good, ["title", "again"]], zh("error.invalidValue")],
      [
        "huge string",
        [
          ["title", "长".repeat(1_000_000)],
          ["count", "3"],
          ["amount", "1"],
        ],
        zh("error.tooLong"),
      ],
      [
        "NUL byte",
        [
          ["title", "a\u0000b"],
          ["count", "3"],
          ["amount", "1"],
        ],
        zh("input.control"),
      ],
    ];
    for (const [label, entries, message] of cases) {
      const r = parseForm(schema, form(entries), zh);
      expect(r.ok, label).toBe(false);
      if (!r.ok) expect(r.errors, label).toEqual({ title: message });
    }
    const numbers: [string, string][] = [
      ["abc", "error.invalidValue"],
      ["1e400", "error.invalidValue"], // Infinity
      ["1.5", "error.invalidValue"], // not an integer
      ["0", "error.invalidValue"],
      ["101", "error.invalidValue"],
      ["", "error.invalidValue"],
    ];
    for (const [count, key] of numbers) {
      const r = parseForm(
        schema,
        form([
          ["title", "t"],
          ["count", count],
          ["amount", "1"],
        ]),
        zh,
      );
      expect(!r.ok && r.errors, count).toEqual({ count: zh(key as "error.invalidValue") });
    }
    for (const amount of ["abc", "1e400", "-5", "", "1,5"]) {
      const r = parseForm(
        schema,
        form([
          ["title", "t"],
          ["count", "1"],
          ["amount", amount],
        ]),
        zh,
      );
      expect(!r.ok && r.errors, amount).toEqual({ amount: zh("booth.error.amount") });
    }
    const dup = parseForm(schema, form([...good, ["count", "4"]]), en);
    expect(!dup.ok && dup.errors).toEqual({ count: "This value is not valid; please check it." });
  });

  it("ignores names no form of ours sends (conform's controls, paths, huge list indexes)", () => {
    const t0 = performance.now();
    const r = parseForm(
      schema,
      form([
        ...good,
        ["__state__", "not json"],
        ["__intent__", "{"],
        ["tags[99999999]", "x"],
        ["title.inner", "y"],
        ["__proto__", "p"],
        ["constructor", "c"],
      ]),
      zh,
    );
    expect(r.ok).toBe(true);
    expect(r.ok && r.data.tags).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it("reports a file sent for a text field as a field error", () => {
    const f = form([
      ["count", "1"],
      ["amount", "1"],
    ]);
    f.append("title", new File(["x"], "x.txt"));
    const r = parseForm(schema, f, zh);
    expect(!r.ok && r.errors).toEqual({ title: zh("error.invalidValue") });
    expect(r.values).toEqual({ count: "1", amount: "1" });
  });
});

describe("dispatchIntent", () => {
  const handlers = {
    save: async (f: FormData) => void validate(schema, f),
    boom: async () => {
      throw new DomainError("meetings.error.badSlot", 400, undefined, "slots");
    },
    sized: async () => {
      throw new DomainError("upload.too-large", 413, { maxMb: 20 }, "file");
    },
  };
  const run = (entries: [string, string][], t = zh) => dispatchIntent(form(entries), handlers, t, "/here");

  it("runs the handler and redirects with saved=<intent>", async () => {
    const res = await run([["intent", "save"], ...good]);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/here?saved=save");
  });

  it("answers an unknown, repeated or inherited intent with 400, not a 500", async () => {
    for (const intent of [
      [["intent", "nope"]],
      [],
      [
        ["intent", "save"],
        ["intent", "save"],
      ],
      [["intent", "constructor"]],
      [["intent", "toString"]],
    ] as [string, string][][]) {
      const res = await run([...intent, ["note", "kept"]]);
      expect(res.status, JSON.stringify(intent)).toBe(400);
      const body = await res.json();
      expect(body.formError).toBe(zh("error.invalidChoice"));
      expect(body.values.note).toBe("kept");
    }
  });

  it("answers bad input with 400, translated field errors, the generic message and what was typed", async () => {
    const res = await run(
      [
        ["intent", "save"],
        ["title", ""],
        ["count", "x"],
        ["amount", "1"],
        ["secretPassword", "p"],
      ],
      en,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      intent: "save",
      errors: { title: en("error.required"), count: en("error.invalidValue") },
      values: { intent: "save", title: "", count: "x", amount: "1" },
      formError: "Please check the highlighted fields.",
    });
  });

  it("translates a domain error's field message too, with its parameters", async () => {
    const res = await run([["intent", "boom"]]);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ intent: "boom", errors: { slots: zh("meetings.error.badSlot") } });
    const sized = await (await run([["intent", "sized"]], en)).json();
    expect(sized.errors.file).toBe(en("upload.too-large", { maxMb: 20 }));
    expect(sized.errors.file).toContain("20");
    expect(sized.formError).toBe(sized.errors.file);
  });

  it("reads the intent itself through the same path", () => {
    expect(intentOf(form([["intent", "save"]]))).toBe("save");
    expect(
      intentOf(
        form([
          ["intent", "a"],
          ["intent", "b"],
        ]),
      ),
    ).toBe("");
    expect(intentOf(form([["intent", "x".repeat(65)]]))).toBe("");
  });
});

describe("the meeting-request input", () => {
  const slot = (h: number) => `2026-12-08T0${h}:00:00.000Z`;

  it("parses project, message and up to 3 slots for the page's counterpart", () => {
    const r = parseMeetingRequest(
      form([
        ["intent", "request-meeting"],
        ["projectId", ""],
        ["message", " 你好 "],
        ["slots", slot(1)],
        ["slots", slot(2)],
      ]),
      "org-1",
      zh,
    );
    expect(r.ok && r.data).toEqual({
      toOrgId: "org-1",
      projectId: undefined,
      message: "你好",
      slots: [slot(1), slot(2)],
    });
    const one = parseMeetingRequest(form([["slots", slot(1)]]), "org-1", zh);
    expect(one.ok && one.data.slots).toEqual([slot(1)]);
  });

  it("refuses no slot, 4 slots, a malformed slot, a long message, with the user's language", () => {
    const cases: [[string, string][], string, string][] = [
      [[["message", "x"]], "slots", zh("meetings.error.pickSlot")],
      [[1, 2, 3, 4].map((h) => ["slots", slot(h)] as [string, string]), "slots", zh("meetings.error.tooManySlots")],
      [[["slots", "tomorrow"]], "slots", zh("meetings.error.badSlot")],
      [[["slots", "9".repeat(100_000)]], "slots", zh("meetings.error.badSlot")],
      [
        [
          ["slots", slot(1)],
          ["message", "长".repeat(1001)],
        ],
        "message",
        zh("error.tooLong"),
      ],
      [
        [
          ["slots", slot(1)],
          ["projectId", "a"],
          ["projectId", "b"],
        ],
        "projectId",
        zh("error.invalidValue"),
      ],
    ];
    for (const [entries, field, message] of cases) {
      const r = parseMeetingRequest(form(entries), "org-1", zh);
      expect(r.ok, field).toBe(false);
      if (!r.ok) {
        expect(r.errors, JSON.stringify(entries).slice(0, 80)).toEqual({ [field]: message });
        expect(r.values.message ?? "").toBe(entries.find(([k]) => k === "message")?.[1] ?? "");
      }
    }
  });
});
