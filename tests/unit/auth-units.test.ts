import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../app/auth/password.server.ts";
import { loginSchema, signupSchema } from "../../app/auth/schemas.ts";
import { hasRole } from "../../app/auth/guards.server.ts";
import { passwordIssue, PASSWORD_MIN_CHARS } from "../../app/auth/password-policy.server.ts";
import { backoffMs, LOGIN_THROTTLE, sourceOf } from "../../app/auth/rate-limit.server.ts";
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

describe("the password rule", () => {
  it("asks for 10 characters besides whitespace, and no more whitespace than the rest", () => {
    expect(PASSWORD_MIN_CHARS).toBe(10);
    expect(passwordIssue("12345678")).toBe("error.passwordShort");
    expect(passwordIssue("        ")).toBe("error.passwordSpaces");
    expect(passwordIssue("")).toBe("error.passwordSpaces");
    expect(passwordIssue(`a${" ".repeat(12)}bcdefghij`)).toBe("error.passwordSpaces");
    expect(passwordIssue("Ab3 $x9 q!")).toBe("error.passwordShort"); // 8 besides the spaces
    expect(passwordIssue("p".repeat(129))).toBe("error.passwordLong");
    expect(passwordIssue("长江 黄河 泰山 华山 西湖")).toBeNull(); // characters, not bytes or UTF-16 units
  });

  it("refuses common and patterned passwords, and the email's local part, and accepts the demo password", () => {
    for (const p of ["1234567890", "password123", "qwertyuiop", "1qaz2wsx3edc", "aaaaaaaaaaaa", "woaini1314520"])
      expect(passwordIssue(p), p).toBe("error.passwordWeak");
    expect(passwordIssue("Zhou.Ming.2026", { email: "zhou.ming@example.com" })).toBe("error.passwordHasEmail");
    for (const email of ["staff@demo.cloudfair.cn", "admin@demo.cloudfair.cn", "exhibitor01@demo.cloudfair.cn"])
      expect(passwordIssue("cloudfair-demo", { email, name: "王晓岚" })).toBeNull();
    expect(passwordIssue("e2e-password-1", { email: "investor-1@e2e.cloudfair.cn", name: "周投资" })).toBeNull();
  });

  it("judges a very long password in bounded time", () => {
    const start = performance.now();
    passwordIssue("1234567890".repeat(12));
    passwordIssue("aA1!".repeat(32));
    expect(performance.now() - start).toBeLessThan(1500);
  });
});

describe("login throttle arithmetic", () => {
  it("doubles from 1 s after the free failures, up to the cap", () => {
    const pair = LOGIN_THROTTLE.pair;
    expect([2, 3, 4, 5, 6].map((n) => backoffMs(n, pair))).toEqual([0, 1000, 2000, 4000, 8000]);
    expect(backoffMs(100, pair)).toBe(15 * 60_000);
    expect(backoffMs(5000, pair)).toBe(15 * 60_000);
    expect(backoffMs(1000, LOGIN_THROTTLE.email)).toBe(30_000);
  });

  it("counts IPv4 as is and IPv6 by its /64", () => {
    expect(sourceOf("203.0.113.7")).toBe("203.0.113.7");
    expect(sourceOf("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(sourceOf("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(sourceOf("2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(sourceOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(sourceOf("::1")).toBe("0:0:0:0::/64");
    expect(sourceOf("unknown")).toBe("unknown");
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
