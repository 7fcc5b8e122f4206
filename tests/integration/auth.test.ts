import { beforeAll, describe, expect, it } from "vitest";
import { authenticate, requestPasswordReset, resetPassword, signUp } from "../../app/auth/accounts.server.ts";
import { MAX_FAILURES_PER_EMAIL } from "../../app/auth/rate-limit.server.ts";
import { getUser, sessionCookie } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { localeCookie } from "../../app/i18n/locale.server.ts";
import { DomainError } from "../../app/lib/errors.ts";
import * as login from "../../app/routes/login.tsx";
import * as logout from "../../app/routes/logout.tsx";
import * as resetRoute from "../../app/routes/reset-password.$token.tsx";
import * as signup from "../../app/routes/signup.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, req } from "../harness/factories.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";

// Field errors come back already translated (ADR 018).
const inZh = serverTranslator("zh-CN");

const cookieOf = (res: Response) => res.headers.get("Set-Cookie")?.split(";")[0] ?? "";

describe("accounts and sessions", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("signs up an investor with an organization and membership, stores an argon2id hash, and logs them in", async () => {
    const res = await call(
      signup.action,
      req("/signup", {
        form: {
          accountType: "investor",
          name: "李投资",
          orgName: "金陵资本",
          email: "Li@Example.com ",
          password: "s3cret-pass",
        },
      }),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/dashboard");
    const set = res.headers.get("Set-Cookie")!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    const user = await db().user.findUnique({
      where: { email: "li@example.com" },
      include: { memberships: { include: { organization: true } } },
    });
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user?.memberships[0].role).toBe("INVESTOR");
    expect(user?.memberships[0].organization.nameZh).toBe("金陵资本");
    const me = await getUser(req("/", { cookie: cookieOf(res) }));
    expect(me?.email).toBe("li@example.com");
  });

  it("rejects bad sign-up input with field errors and keeps what was typed (never the password)", async () => {
    const res = await call(
      signup.action,
      req("/signup", {
        form: { accountType: "exhibitor", name: "", orgName: "", email: "not-an-email", password: "short" },
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toMatchObject({
      name: inZh("error.required"),
      email: inZh("error.email"),
      password: inZh("error.passwordShort"),
      orgName: inZh("error.orgRequired"),
    });
    expect(body.values.email).toBe("not-an-email");
    expect(body.values.password).toBeUndefined();
  });

  it("refuses staff or admin self sign-up", async () => {
    const res = await call(
      signup.action,
      req("/signup", {
        form: { accountType: "staff", name: "x", orgName: "x", email: "sneaky@example.com", password: "long-enough-1" },
      }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).errors.accountType).toBe(inZh("error.invalidChoice"));
    expect(await db().user.count({ where: { email: "sneaky@example.com" } })).toBe(0);
  });

  it("says a duplicate email is taken, in the visitor's language", async () => {
    const form = {
      accountType: "visitor",
      name: "A",
      orgName: "",
      email: "dup@example.com",
      password: "long-enough-1",
    };
    await call(signup.action, req("/signup", { form }));
    const zh = await call(signup.action, req("/signup", { form }));
    expect(zh.status).toBe(409);
    expect((await zh.json()).errors.email).toBe(inZh("error.emailTaken"));
  });

  it("logs in with the right password only, with a localized message for the wrong one", async () => {
    await signUp(
      { accountType: "visitor", name: "B", orgName: "", email: "b@example.com", password: "right-password" },
      "zh-CN",
    );
    const bad = await call(
      login.action,
      req("/login", { form: { email: "b@example.com", password: "wrong-password" } }),
      {},
      { clientIp: "10.0.0.1" },
    );
    expect(bad.status).toBe(401);
    expect((await bad.json()).formError).toBe("邮箱或密码不正确。");
    const en = new Request("http://localhost/login", {
      method: "POST",
      headers: { Cookie: (await localeCookie.serialize("en")).split(";")[0] },
      body: new URLSearchParams({ email: "b@example.com", password: "wrong-password" }),
    });
    expect((await (await call(login.action, en, {}, { clientIp: "10.0.0.1" })).json()).formError).toBe(
      "Wrong email or password.",
    );
    const ok = await call(
      login.action,
      req("/login", { form: { email: "b@example.com", password: "right-password", next: "/fairs/x" } }),
      {},
      { clientIp: "10.0.0.1" },
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/fairs/x");
  });

  it("never redirects off-site after login", async () => {
    const ok = await call(
      login.action,
      req("/login", { form: { email: "b@example.com", password: "right-password", next: "//evil.example" } }),
      {},
      { clientIp: "10.0.0.2" },
    );
    expect(ok.headers.get("Location")).toBe("/dashboard");
  });

  it("rate-limits repeated failed logins for an email, even with the right password", async () => {
    await signUp(
      { accountType: "visitor", name: "C", orgName: "", email: "c@example.com", password: "right-password" },
      "zh-CN",
    );
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      await expect(authenticate("c@example.com", "nope-nope", "10.0.0.3")).rejects.toMatchObject({
        key: "error.badCredentials",
      });
    }
    const err = await authenticate("c@example.com", "right-password", "10.0.0.3").catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.key).toBe("error.rateLimited");
    expect(err.status).toBe(429);
    expect(err.params.minutes).toBeGreaterThanOrEqual(1);
  });

  it("logs out by deleting the session server-side", async () => {
    const res = await call(
      login.action,
      req("/login", { form: { email: "b@example.com", password: "right-password" } }),
      {},
      { clientIp: "10.0.0.4" },
    );
    const cookie = cookieOf(res);
    expect(await getUser(req("/", { cookie }))).not.toBeNull();
    const out = await call(logout.action, req("/logout", { cookie, form: {} }));
    expect(out.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await getUser(req("/", { cookie }))).toBeNull();
  });

  it("resets a password with a one-time token that expires, and ends old sessions", async () => {
    const before = await call(
      login.action,
      req("/login", { form: { email: "b@example.com", password: "right-password" } }),
      {},
      { clientIp: "10.0.0.5" },
    );
    const link = await requestPasswordReset("b@example.com", "http://localhost:3000");
    expect(link).toMatch(/^http:\/\/localhost:3000\/reset-password\/[\w-]{40,}$/);
    const token = link!.split("/").pop()!;
    const res = await call(
      resetRoute.action,
      req(`/reset-password/${token}`, { form: { password: "brand-new-pass" } }),
      { token },
    );
    expect((await res.json()).done).toBe(true);
    expect(await getUser(req("/", { cookie: cookieOf(before) }))).toBeNull();
    await expect(authenticate("b@example.com", "brand-new-pass", "10.0.0.5")).resolves.toBeTruthy();
    // used once: a second use fails with a clear message
    const again = await call(
      resetRoute.action,
      req(`/reset-password/${token}`, { form: { password: "another-pass-1" } }),
      { token },
    );
    expect(again.status).toBe(400);
    expect((await again.json()).formError).toBe("重置链接无效或已过期，请重新申请。");
    // expired tokens are refused
    const link2 = await requestPasswordReset("b@example.com", "http://x");
    await db().passwordResetToken.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(resetPassword(link2!.split("/").pop()!, "whatever-123")).rejects.toMatchObject({
      key: "error.resetInvalid",
    });
    expect(await requestPasswordReset("nobody@example.com", "http://x")).toBeNull();
  });

  it("ignores forged or garbage session cookies", async () => {
    expect(await getUser(req("/", { cookie: `cf_session=${"A".repeat(43)}` }))).toBeNull();
    expect(await getUser(req("/", { cookie: "cf_session=%%%" }))).toBeNull();
    expect(await sessionCookie.parse(null)).toBeNull();
  });
});
