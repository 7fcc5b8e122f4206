import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../app/auth/password.server.ts";
import { loginSchema, signupSchema } from "../../app/auth/schemas.ts";
import { hasRole } from "../../app/auth/guards.server.ts";
import { safeRedirect } from "../../app/lib/redirects.ts";
import { parseForm } from "../../app/lib/forms.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";

const zh = serverTranslator("zh-CN");

const form = (o: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
};

describe("passwords", () => {
  it("hashes with argon2id and salts each hash", async () => {
    const a = await hashPassword("same-password");
    const b = await hashPassword("same-password");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "same-password")).toBe(true);
    expect(await verifyPassword(a, "Same-password")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});

describe("forms", () => {
  it("normalizes email and reports every bad field in the user's language", () => {
    const ok = parseForm(loginSchema, form({ email: "  Ada@Example.COM ", password: "x" }), zh);
    expect(ok.ok && ok.data).toEqual({ email: "ada@example.com", password: "x" });
    const bad = parseForm(
      signupSchema,
      form({ accountType: "investor", name: "x".repeat(81), email: "a@b", password: "p".repeat(129), orgName: "" }),
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
      expect(bad.values).not.toHaveProperty("password");
    }
  });
});

describe("safeRedirect", () => {
  it("allows same-site paths only", () => {
    expect(safeRedirect("/fairs/a?x=1")).toBe("/fairs/a?x=1");
    for (const evil of ["//evil.com", "https://evil.com", "/\\evil.com", "", null, "javascript:alert(1)"])
      expect(safeRedirect(evil)).toBe("/dashboard");
  });
});

describe("roles", () => {
  const user = (roles: string[]) =>
    ({ id: "u", email: "e", name: "n", locale: "zh-CN", timeZone: "Asia/Shanghai", roles, memberships: [] }) as never;
  it("lets admins pass staff checks but not the reverse", () => {
    expect(hasRole(user(["ADMIN"]), "STAFF")).toBe(true);
    expect(hasRole(user(["STAFF"]), "ADMIN")).toBe(false);
    expect(hasRole(user(["EXHIBITOR"]), "STAFF")).toBe(false);
    expect(hasRole(null, "INVESTOR")).toBe(false);
  });
});
