// Login throttling (ADR 003), in the database so it holds across restarts and app instances.
// Nothing locks an account: failures buy growing delays, counted three ways.
//   - per (email, source): 3 free, then 1 s, 2 s, 4 s … up to 15 minutes (one attacker, one account);
//   - per source, across emails: 20 free per hour, then the same growth (credential stuffing);
//   - per email, across sources: 10 free per hour, then 1 s, 2 s … but never more than 30 s
//     (distributed guessing). A source that logged into the account in the last 30 days skips
//     this one, so the owner at their usual address gets in however many failures come from elsewhere.
// A source is an IPv4 address or an IPv6 /64 (one host gets a whole /64).
// Each attempt is written before the password is checked and counts the others, so a burst of
// parallel guesses sees itself; an attempt refused for waiting is removed and checks nothing.
import { isIPv4, isIPv6 } from "node:net";
import { db } from "~/db/client.server";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const LOGIN_THROTTLE = {
  pair: { free: 3, windowMs: DAY, capMs: 15 * MINUTE },
  source: { free: 20, windowMs: HOUR, capMs: 15 * MINUTE },
  email: { free: 10, windowMs: HOUR, capMs: 30 * SECOND },
  /** A success from a source within this long makes it the account's known source. */
  knownSourceMs: 30 * DAY,
} as const;

/** The wait after `failures` failures: none while free, then 1 s, doubling, up to the cap. */
export function backoffMs(failures: number, rule: { free: number; capMs: number }): number {
  if (failures < rule.free) return 0;
  return Math.min(SECOND * 2 ** (failures - rule.free), rule.capMs);
}

/** The key a client address is counted under: IPv4 as is (also when IPv4-mapped), IPv6 by its /64. */
export function sourceOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(ip)) return ip.slice(0, 64);
  const [head, tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export interface LoginAttempt {
  id: string;
  /** 0 when the attempt may check the password. */
  waitMs: number;
}

type Failures = { count: number; last: Date | null };

async function failures(where: { email?: string; ip?: string }, since: Date, except: string): Promise<Failures> {
  const r = await db().loginAttempt.aggregate({
    where: { ...where, success: false, createdAt: { gte: since }, id: { not: except } },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  return { count: r._count._all, last: r._max.createdAt };
}

/**
 * The wait one rule asks for: none while its failures are free. (The newest failure may be stamped
 * after `now`: an attempt begun a moment later that is still in flight. Below the free count it must
 * not make this one wait; it once refused two people of one office signing in at once.)
 */
function waitOf(f: Failures, rule: { free: number; capMs: number }, now: Date): number {
  const backoff = backoffMs(f.count, rule);
  return backoff && f.last ? Math.max(0, f.last.getTime() + backoff - now.getTime()) : 0;
}

/**
 * Records an attempt (as a failure until `loginSucceeded`) and says how long it must wait. An
 * attempt that must wait is removed again: it neither checks the password nor counts.
 */
export async function beginLoginAttempt(email: string, ip: string, now = new Date()): Promise<LoginAttempt> {
  const source = sourceOf(ip);
  const { id } = await db().loginAttempt.create({
    data: { email, ip: source, success: false, createdAt: now },
    select: { id: true },
  });
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const T = LOGIN_THROTTLE;
  const [pair, fromSource, onEmail, known] = await Promise.all([
    failures({ email, ip: source }, ago(T.pair.windowMs), id),
    failures({ ip: source }, ago(T.source.windowMs), id),
    failures({ email }, ago(T.email.windowMs), id),
    db().loginAttempt.findFirst({
      where: { email, ip: source, success: true, createdAt: { gte: ago(T.knownSourceMs) } },
      select: { id: true },
    }),
  ]);
  const waitMs = Math.max(
    waitOf(pair, T.pair, now),
    waitOf(fromSource, T.source, now),
    known ? 0 : waitOf(onEmail, T.email, now),
  );
  if (waitMs > 0) await db().loginAttempt.deleteMany({ where: { id } });
  await pruneLoginAttempts(now);
  return { id, waitMs };
}

/**
 * The password was right: the attempt becomes the pair's one success row (the source is now known)
 * and the pair's failures go; failures from other sources stay counted. When a concurrent sign-in of
 * the same pair succeeded first, its cleanup already took this attempt's row and its success row
 * stands for the pair: nothing is left to do (it used to fail the sign-in with a 500).
 */
export async function loginSucceeded(attempt: LoginAttempt, email: string, ip: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.loginAttempt.updateMany({ where: { id: attempt.id }, data: { success: true } });
    if (count) await tx.loginAttempt.deleteMany({ where: { email, ip: sourceOf(ip), id: { not: attempt.id } } });
  });
}

/** After a password reset the owner has proven themselves: failures on the account no longer slow it. */
export async function forgetLoginFailures(email: string): Promise<void> {
  await db().loginAttempt.deleteMany({ where: { email, success: false } });
}

let prunedAt = 0;
/** Drops rows no rule reads any more, at most every 10 minutes per instance. */
async function pruneLoginAttempts(now: Date): Promise<void> {
  if (now.getTime() - prunedAt < 10 * MINUTE && now.getTime() >= prunedAt) return;
  prunedAt = now.getTime();
  const T = LOGIN_THROTTLE;
  const oldestFailure = Math.max(T.pair.windowMs, T.source.windowMs, T.email.windowMs);
  await db().loginAttempt.deleteMany({
    where: {
      OR: [
        { success: false, createdAt: { lt: new Date(now.getTime() - oldestFailure) } },
        { success: true, createdAt: { lt: new Date(now.getTime() - T.knownSourceMs) } },
      ],
    },
  });
}
