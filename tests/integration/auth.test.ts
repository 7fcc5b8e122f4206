import { beforeAll, describe, expect, it } from "vitest";
import {
  authenticate,
  isResetTokenValid,
  requestPasswordReset,
  resetPassword,
  RESET_LIMITS,
  signUp,
} from "../../app/auth/accounts.server.ts";
import { staffAccountSchema } from "../../app/auth/schemas.ts";
import { hasFeed, issueFeedToken } from "../../app/domain/meetings/calendar-feed.server.ts";
import { LOGIN_THROTTLE } from "../../app/auth/rate-limit.server.ts";
import { getUser, sessionCookie } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { localeCookie } from "../../app/i18n/locale.server.ts";
import { DomainError } from "../../app/lib/errors.ts";
import * as adminRoute from "../../app/routes/admin._index.tsx";
import * as feedRoute from "../../app/routes/calendar.$token[.ics].tsx";
import * as dashboard from "../../app/routes/dashboard.tsx";
import * as forgotRoute from "../../app/routes/forgot-password.tsx";
import * as login from "../../app/routes/login.tsx";
import * as logout from "../../app/routes/logout.tsx";
import * as resetRoute from "../../app/routes/reset-password.$token.tsx";
import * as signup from "../../app/routes/signup.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeUser, req } from "../harness/factories.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";

// Field errors come back already translated (ADR 018).
const inZh = serverTranslator("zh-CN");

const cookieOf = (res: Response) => res.headers.get("Set-Cookie")?.split(";")[0] ?? "";

beforeAll(async () => {
  await useTestDatabase();
});

describe("accounts and sessions", () => {
  it("signs up an investor with an organization and membership, stores an argon2id hash, and logs them in", async () => {
    const res = await call(
      signup.action,
      req("/signup", {
        form: {
          accountType: "investor",
          name: "李投资",
          orgName: "金陵资本",
          email: "Li@Example.com ",
          password: "s3cret-pass-phrase",
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

  it("after sign-up, goes back to where the visitor came from (a booth page), never off-site", async () => {
    const form = (email: string, next: string) => ({
      accountType: "investor",
      name: "周投资",
      orgName: "太湖创投",
      email,
      password: "s3cret-pass-phrase",
      next,
    });
    const back = await call(signup.action, req("/signup", { form: form("next-1@example.com", "/booths/abc") }));
    expect(back.headers.get("Location")).toBe("/booths/abc");
    for (const [i, next] of ["//evil.example", "/\t/evil.example", "https://evil.example/", ""].entries()) {
      const res = await call(signup.action, req("/signup", { form: form(`next-bad-${i}@example.com`, next) }));
      expect(res.headers.get("Location"), next).toBe("/dashboard");
    }
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

  it("slows repeated failed logins for an email from one source, even with the right password", async () => {
    await signUp(
      { accountType: "visitor", name: "C", orgName: "", email: "c@example.com", password: "right-password" },
      "zh-CN",
    );
    for (let i = 0; i < LOGIN_THROTTLE.pair.free; i++) {
      await expect(authenticate("c@example.com", "nope-nope", "10.0.0.3")).rejects.toMatchObject({
        key: "error.badCredentials",
      });
    }
    const err = await authenticate("c@example.com", "right-password", "10.0.0.3").catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.key).toBe("error.loginWait");
    expect(err.status).toBe(429);
    expect(err.params.seconds).toBeGreaterThanOrEqual(1);
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

describe("new passwords must be hard to guess (ADR 003)", () => {
  const inEn = serverTranslator("en");
  const signupForm = (email: string, password: string) => ({
    accountType: "visitor",
    name: "王小明",
    orgName: "",
    email,
    password,
  });

  it("refuses short, blank, mostly-blank, common and email-based passwords at sign-up, in both languages", async () => {
    const cases: [string, string, Parameters<typeof inZh>[0]][] = [
      ["weak1@example.com", "12345678", "error.passwordShort"],
      ["weak2@example.com", " ".repeat(8), "error.passwordSpaces"],
      ["weak3@example.com", " ".repeat(40), "error.passwordSpaces"],
      ["weak4@example.com", `ab${" ".repeat(20)}cdefghijkl`, "error.passwordSpaces"],
      ["weak5@example.com", "1234567890", "error.passwordWeak"],
      ["weak6@example.com", "password123", "error.passwordWeak"],
      ["weak7@example.com", "qwertyuiop[]", "error.passwordWeak"],
      ["weak8@example.com", "woaini1314520", "error.passwordWeak"],
      ["zhou.ming.2026@example.com", "Zhou.Ming.2026!", "error.passwordHasEmail"],
      ["weak9@example.com", "weak9@example.com", "error.passwordHasEmail"],
    ];
    for (const [email, password, key] of cases) {
      const res = await call(signup.action, req("/signup", { form: signupForm(email, password) }));
      expect(res.status, `${JSON.stringify(password)}`).toBe(400);
      expect((await res.json()).errors.password, `${JSON.stringify(password)}`).toBe(inZh(key));
      expect(await db().user.count({ where: { email } })).toBe(0);
    }
    const en = new Request("http://localhost/signup", {
      method: "POST",
      headers: { Cookie: (await localeCookie.serialize("en")).split(";")[0] },
      body: new URLSearchParams(signupForm("weak10@example.com", "iloveyou12")),
    });
    const res = await call(signup.action, en);
    expect(res.status).toBe(400);
    expect((await res.json()).errors.password).toBe(inEn("error.passwordWeak"));
    expect(inEn("error.passwordWeak")).toMatch(/^This password is too common or too easy to guess/);
  });

  it("accepts the documented demo password for the demo accounts, and a long passphrase", async () => {
    const demo = await call(
      signup.action,
      req("/signup", { form: signupForm("exhibitor99@demo.cloudfair.cn", "cloudfair-demo") }),
    );
    expect(demo.status).toBe(302);
    for (const [email, role] of [
      ["staff@demo.cloudfair.cn", "STAFF"],
      ["admin@demo.cloudfair.cn", "ADMIN"],
    ])
      expect(
        staffAccountSchema.safeParse({ email, name: "平台管理员", role, password: "cloudfair-demo" }).success,
      ).toBe(true);
    const phrase = await call(
      signup.action,
      req("/signup", { form: signupForm("phrase@example.com", "长江 黄河 泰山 华山 西湖") }),
    );
    expect(phrase.status).toBe(302);
  });

  it("refuses a weak password at reset and keeps the link usable", async () => {
    const email = "reset-weak@example.com";
    await signUp({ ...signupForm(email, "first-good-password"), accountType: "visitor" }, "zh-CN");
    const token = (await requestPasswordReset(email, "http://x", "192.0.2.31"))!.split("/").pop()!;
    for (const [password, key] of [
      ["12345678", "error.passwordShort"],
      ["          ", "error.passwordSpaces"],
      ["reset-weak-2026", "error.passwordHasEmail"],
      ["1q2w3e4r5t6y", "error.passwordWeak"],
    ] as const) {
      const res = await call(resetRoute.action, req(`/reset-password/${token}`, { form: { password } }), { token });
      expect(res.status).toBe(400);
      expect((await res.json()).errors.password).toBe(inZh(key));
    }
    expect(await isResetTokenValid(token)).toBe(true);
    await expect(authenticate(email, "first-good-password", "192.0.2.31")).resolves.toBeTruthy();
  });

  it("refuses a weak password for an admin-created staff account", async () => {
    const admin = await makeUser("ADMIN");
    const res = await call(
      adminRoute.action,
      req("/admin", {
        cookie: admin.cookie,
        form: { name: "李明", email: "li.ming@bureau.example.cn", password: "12345678", role: "STAFF" },
      }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).errors.password).toBe(inZh("error.passwordShort"));
    const common = await call(
      adminRoute.action,
      req("/admin", {
        cookie: admin.cookie,
        form: { name: "李明", email: "li.ming@bureau.example.cn", password: "admin123456", role: "STAFF" },
      }),
    );
    expect((await common.json()).errors.password).toBe(inZh("error.passwordWeak"));
    expect(await db().user.count({ where: { email: "li.ming@bureau.example.cn" } })).toBe(0);
  });
});

describe("password reset links", () => {
  const tokenOf = (link: string | null) => link!.split("/").pop()!;
  const resetWith = (token: string, password: string) =>
    call(resetRoute.action, req(`/reset-password/${token}`, { form: { password } }), { token });

  it("keeps one live link per user: a new one revokes the older, using one revokes all", async () => {
    const email = "one-link@example.com";
    await signUp({ accountType: "visitor", name: "D", orgName: "", email, password: "first-good-password" }, "zh-CN");
    const links = [];
    for (let i = 0; i < RESET_LIMITS.perEmail.points; i++)
      links.push(tokenOf(await requestPasswordReset(email, "http://x", `192.0.2.${40 + i}`)));
    expect(await Promise.all(links.map(isResetTokenValid))).toEqual([false, false, true]);
    expect((await resetWith(links[0], "another-good-password")).status).toBe(400);
    expect((await (await resetWith(links[2], "another-good-password")).json()).done).toBe(true);
    expect(await isResetTokenValid(links[2])).toBe(false);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(await db().passwordResetToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("leaves one live link when requests race", async () => {
    const email = "race-link@example.com";
    await signUp({ accountType: "visitor", name: "E", orgName: "", email, password: "first-good-password" }, "zh-CN");
    const links = await Promise.all([1, 2, 3].map((i) => requestPasswordReset(email, "http://x", `192.0.2.${50 + i}`)));
    const valid = await Promise.all(links.map((l) => isResetTokenValid(tokenOf(l))));
    expect(valid.filter(Boolean)).toHaveLength(1);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(await db().passwordResetToken.count({ where: { userId: user.id } })).toBe(1);
  });

  it("expires a link after an hour", async () => {
    const email = "expiring@example.com";
    await signUp({ accountType: "visitor", name: "F", orgName: "", email, password: "first-good-password" }, "zh-CN");
    const before = Date.now();
    const token = tokenOf(await requestPasswordReset(email, "http://x", "192.0.2.60"));
    const row = await db().passwordResetToken.findFirstOrThrow({ where: { user: { email } } });
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(59 * 60_000);
    expect(row.expiresAt.getTime() - before).toBeLessThanOrEqual(61 * 60_000);
    await db().passwordResetToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await isResetTokenValid(token)).toBe(false);
    expect((await resetWith(token, "another-good-password")).status).toBe(400);
  });

  it("ends every session, revokes the calendar feed and lets the owner in despite earlier failures", async () => {
    const email = "full-reset@example.com";
    await signUp({ accountType: "visitor", name: "G", orgName: "", email, password: "first-good-password" }, "zh-CN");
    const cookies = [];
    for (const ip of ["192.0.2.70", "192.0.2.71"]) {
      const res = await call(
        login.action,
        req("/login", { form: { email, password: "first-good-password" } }),
        {},
        { clientIp: ip },
      );
      cookies.push(cookieOf(res));
    }
    const me = (await getUser(req("/", { cookie: cookies[0] })))!;
    const feed = await issueFeedToken(me);
    expect((await call(feedRoute.loader, req(`/calendar/${feed}.ics`), { token: feed })).status).toBe(200);
    for (let i = 0; i < 6; i++) await authenticate(email, `someone-guessing-${i}`, "198.51.100.70").catch(() => {});

    const token = tokenOf(await requestPasswordReset(email, "http://x", "192.0.2.72"));
    expect((await (await resetWith(token, "brand-new-good-password")).json()).done).toBe(true);
    for (const cookie of cookies) expect(await getUser(req("/", { cookie }))).toBeNull();
    expect(await db().session.count({ where: { userId: me.id } })).toBe(0);
    expect((await call(feedRoute.loader, req(`/calendar/${feed}.ics`), { token: feed })).status).toBe(404);
    expect(await hasFeed(me)).toBe(false);
    await expect(authenticate(email, "brand-new-good-password", "198.51.100.70")).resolves.toBe(me.id);
  });

  it("limits requests per email and per source, answering the same whether or not the email has an account", async () => {
    await signUp(
      { accountType: "visitor", name: "H", orgName: "", email: "limited@example.com", password: "first-good-password" },
      "zh-CN",
    );
    const forgot = (email: string, ip: string) =>
      call(forgotRoute.action, req("/forgot-password", { form: { email } }), {}, { clientIp: ip });
    const answers = async (email: string, firstIp: number) => {
      const out = [];
      for (let i = 0; i <= RESET_LIMITS.perEmail.points; i++) {
        const res = await forgot(email, `192.0.2.${firstIp + i}`);
        const { values: _typed, ...body } = await res.json();
        out.push({ status: res.status, body });
      }
      return out;
    };
    const known = await answers("limited@example.com", 80);
    const unknown = await answers("nobody-here@example.com", 90);
    expect(known).toEqual(unknown);
    expect(known.slice(0, -1).every((a) => a.status === 200 && a.body.sent === true)).toBe(true);
    expect(known.at(-1)!.status).toBe(429);
    expect(known.at(-1)!.body.formError).toBe("重置请求过于频繁，请 15 分钟后再试。");

    // One source asking for many emails is stopped too, another source is not.
    const source = "198.51.100.80";
    for (let i = 0; i < RESET_LIMITS.perSource.points; i++)
      expect((await forgot(`spray${i}@example.com`, source)).status).toBe(200);
    expect((await forgot("spray-last@example.com", source)).status).toBe(429);
    expect((await forgot("spray-last@example.com", "198.51.100.81")).status).toBe(200);
  });
});

describe("sessions expire", () => {
  it("treats a session past its expiry as anonymous, deletes it and sends private pages to login", async () => {
    const user = await makeUser("INVESTOR");
    const id = (await db().session.findFirstOrThrow({ where: { userId: user.user.id } })).id;
    expect(await getUser(req("/", { cookie: user.cookie }))).not.toBeNull();
    await db().session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getUser(req("/", { cookie: user.cookie }))).toBeNull();
    expect(await db().session.count({ where: { id } })).toBe(0);
    const page = await call(dashboard.loader, req("/dashboard", { cookie: user.cookie }));
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe("/login?next=%2Fdashboard");
  });
});
