// Login throttling (ADR 003): failures buy growing delays per (email, source), per source across
// emails and per email across sources; nothing locks the owner out. Time is passed in, not waited.
import { beforeAll, describe, expect, it } from "vitest";
import { authenticate, signUp } from "../../app/auth/accounts.server.ts";
import { LOGIN_THROTTLE } from "../../app/auth/rate-limit.server.ts";
import { db } from "../../app/db/client.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import { localeCookie } from "../../app/i18n/locale.server.ts";
import { DomainError } from "../../app/lib/errors.ts";
import * as login from "../../app/routes/login.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, req } from "../harness/factories.ts";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const PASSWORD = "owner-knows-this-1";
let n = 0;

beforeAll(async () => {
  await useTestDatabase();
});

async function owner() {
  const email = `owner${n++}@example.com`;
  await signUp({ accountType: "visitor", name: "Owner", orgName: "", email, password: PASSWORD }, "zh-CN");
  return email;
}

/** The attempt's outcome: "ok", "bad" (password checked, wrong) or the wait it was refused with. */
async function attempt(email: string, password: string, ip: string, now: Date) {
  try {
    await authenticate(email, password, ip, now);
    return { result: "ok" as const };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (err.key === "error.badCredentials") return { result: "bad" as const };
    expect(err.status).toBe(429);
    const p = err.params as { seconds?: number; minutes?: number };
    return { result: "wait" as const, key: err.key, waitMs: p.seconds ? p.seconds * SECOND : p.minutes! * MINUTE };
  }
}

describe("login throttling", () => {
  it("lets the owner in at once from their own address after an attacker's 100 failures from another", async () => {
    const email = await owner();
    let now = new Date();
    expect((await attempt(email, PASSWORD, "203.0.113.7", now)).result).toBe("ok"); // the owner's usual address

    // The attacker guesses as fast as the throttle allows: 100 wrong passwords from one address.
    let failures = 0;
    let refused = 0;
    while (failures < 100) {
      const r = await attempt(email, `guess-${failures}-xyz`, "198.51.100.9", now);
      if (r.result === "wait") {
        refused++;
        now = new Date(now.getTime() + r.waitMs);
      } else {
        expect(r.result).toBe("bad");
        failures++;
      }
    }
    expect(refused).toBeGreaterThan(90); // after 3 free failures every next one had to wait

    // The owner, right after the last guess, from their own address: in at once.
    expect((await attempt(email, PASSWORD, "203.0.113.7", now)).result).toBe("ok");
    // The attacker waits up to the 15-minute cap, right password or not.
    const next = await attempt(email, PASSWORD, "198.51.100.9", now);
    expect(next).toMatchObject({ result: "wait", key: "error.rateLimited", waitMs: 15 * MINUTE });
  }, 60_000);

  it("grows the delay for one email from one source: 3 free, then 1 s, 2 s, 4 s, 8 s", async () => {
    const email = await owner();
    const ip = "192.0.2.10";
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) expect((await attempt(email, "wrong-one", ip, new Date(t0))).result).toBe("bad");
    let last = t0;
    for (const delay of [1, 2, 4, 8].map((s) => s * SECOND)) {
      // Too early (even with the right password): refused with the time left, nothing checked or counted.
      const early = await attempt(email, PASSWORD, ip, new Date(last + delay - 1));
      expect(early).toMatchObject({ result: "wait", key: "error.loginWait", waitMs: SECOND });
      const onTime = await attempt(email, "wrong-again", ip, new Date(last + delay));
      expect(onTime.result).toBe("bad");
      last += delay;
    }
    // 7 failures now: 16 s to wait, and the right password then logs in and clears the pair.
    expect(await attempt(email, PASSWORD, ip, new Date(last + 1000))).toMatchObject({ waitMs: 15 * SECOND });
    expect((await attempt(email, PASSWORD, ip, new Date(last + 16 * SECOND))).result).toBe("ok");
    expect((await attempt(email, "wrong-once-more", ip, new Date(last + 17 * SECOND))).result).toBe("bad");
  });

  it("caps one source across many emails (credential stuffing), not other sources", async () => {
    const victim = await owner();
    const stuffer = "198.51.100.77";
    const now = new Date();
    // One wrong password each for many accounts: no email and no (email, source) pair reaches its limit.
    for (let i = 0; i < LOGIN_THROTTLE.source.free; i++)
      expect((await attempt(`someone${i}@leak.example`, "leaked-password-1", stuffer, now)).result).toBe("bad");
    const blocked = await attempt(victim, PASSWORD, stuffer, now);
    expect(blocked).toMatchObject({ result: "wait", key: "error.loginWait", waitMs: SECOND });
    expect((await attempt(victim, PASSWORD, "192.0.2.99", now)).result).toBe("ok");
  });

  it("slows guesses on one email from many sources by seconds, never locking it", async () => {
    const email = await owner();
    const t0 = Date.now();
    expect((await attempt(email, PASSWORD, "203.0.113.20", new Date(t0))).result).toBe("ok");
    // A botnet: 30 sources, one wrong password each, within a minute.
    for (let i = 0; i < 30; i++) {
      const r = await attempt(email, `botnet-guess-${i}`, `100.64.${i}.1`, new Date(t0 + i * SECOND));
      if (i < LOGIN_THROTTLE.email.free) expect(r.result).toBe("bad");
    }
    const now = new Date(t0 + 30 * SECOND);
    // From a new address the owner waits seconds (at most 30), not minutes …
    const fresh = await attempt(email, PASSWORD, "192.0.2.200", now);
    expect(fresh).toMatchObject({ result: "wait", key: "error.loginWait" });
    expect(fresh.waitMs).toBeLessThanOrEqual(LOGIN_THROTTLE.email.capMs);
    expect((await attempt(email, PASSWORD, "192.0.2.200", new Date(now.getTime() + 30 * SECOND))).result).toBe("ok");
    // … and from their usual one not at all.
    expect((await attempt(email, PASSWORD, "203.0.113.20", now)).result).toBe("ok");
  });

  it("counts an IPv6 source by its /64", async () => {
    const email = await owner();
    const now = new Date();
    for (let i = 0; i < 3; i++)
      expect((await attempt(email, "v6-guess", `2001:db8:1:2::${i + 1}`, now)).result).toBe("bad");
    expect((await attempt(email, PASSWORD, "2001:db8:1:2:ffff::9", now)).result).toBe("wait");
    expect((await attempt(email, PASSWORD, "2001:db8:1:3::1", now)).result).toBe("ok");
  });

  it("lets a burst of parallel guesses check at most the free number of passwords", async () => {
    const email = await owner();
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt(email, `parallel-${i}`, "198.51.100.200", now)),
    );
    // Each attempt counts the others in flight, so the burst may even be refused whole.
    const checked = results.filter((r) => r.result === "bad").length;
    expect(checked).toBeLessThanOrEqual(LOGIN_THROTTLE.pair.free);
    expect(results.filter((r) => r.result === "wait")).toHaveLength(12 - checked);
    // Refused attempts are not counted: only the checked ones stand as failures.
    expect(await db().loginAttempt.count({ where: { email, success: false } })).toBe(checked);
  });

  it("lets parallel sign-ins of one owner from one source all in, leaving the pair one success row", async () => {
    const email = await owner();
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 3 }, () => attempt(email, PASSWORD, "203.0.113.77", now)));
    expect(results).toEqual(Array.from({ length: 3 }, () => ({ result: "ok" })));
    const rows = await db().loginAttempt.findMany({ where: { email } });
    expect(rows.filter((r) => r.success)).toHaveLength(1);
    expect(rows.filter((r) => !r.success)).toEqual([]);
  });

  it("lets people of one office sign in at the same moment, though another attempt in flight is stamped later", async () => {
    const [colleague, email] = [await owner(), await owner()];
    const now = new Date();
    const ip = "203.0.113.90";
    // Attempts begun a moment after this one, still checking their passwords: one of a colleague
    // behind the same address, one of the owner in another tab.
    await db().loginAttempt.createMany({
      data: [colleague, email].map((e) => ({ email: e, ip, success: false, createdAt: new Date(now.getTime() + 40) })),
    });
    expect(await attempt(email, PASSWORD, ip, now)).toEqual({ result: "ok" });
  });

  it("answers the login form with 429 and when to retry, in the visitor's language", async () => {
    const email = await owner();
    const ip = { clientIp: "192.0.2.150" };
    for (let i = 0; i < 3; i++)
      expect(
        (await call(login.action, req("/login", { form: { email, password: "nope-nope-1" } }), {}, ip)).status,
      ).toBe(401);
    // Four more failures a moment ago: 7 from this source, so 16 s to wait.
    await db().loginAttempt.createMany({
      data: Array.from({ length: 4 }, () => ({ email, ip: ip.clientIp, success: false })),
    });
    const zh = await call(login.action, req("/login", { form: { email, password: PASSWORD } }), {}, ip);
    expect(zh.status).toBe(429);
    expect((await zh.json()).formError).toMatch(/^登录失败次数过多，请 1[56] 秒后再试。$/);
    const en = new Request("http://localhost/login", {
      method: "POST",
      headers: { Cookie: (await localeCookie.serialize("en")).split(";")[0] },
      body: new URLSearchParams({ email, password: PASSWORD }),
    });
    const res = await call(login.action, en, {}, ip);
    expect(res.status).toBe(429);
    expect((await res.json()).formError).toMatch(/^Too many failed logins\. Try again in 1[56] seconds\.$/);
    const t = serverTranslator("en");
    expect(t("error.loginWait", { seconds: 1 })).toBe("Too many failed logins. Try again in 1 second.");
    expect(t("error.loginWait", { seconds: 4 })).toBe("Too many failed logins. Try again in 4 seconds.");
    expect(t("error.rateLimited", { minutes: 1 })).toBe("Too many login attempts. Try again in 1 minute.");
  });
});
