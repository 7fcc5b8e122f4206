// Booth visits, counted once per visitor, booth and day (the day in the fair's time zone), never
// for bots. The database holds the rule: BoothVisit is unique on (booth, day, visitor) and on
// (booth, day, ipKey), and a visit is inserted with ON CONFLICT DO NOTHING, so concurrent requests
// cannot count twice either.
// - Signed in: the visitor is the user ("u:<id>").
// - Anonymous with a visitor cookie we have counted before: the visitor is the cookie id.
// - Anonymous without one (first visit, cookies refused, or a made-up cookie value): the visit also
//   carries ipKey, a hash of IP and user agent under a per-day salt, so however many cookieless
//   requests one client sends, it counts once per booth and day. The cookie issued with the first
//   such visit is its visitor id from then on.
// - Bots (isbot on the user agent: crawlers, curl, wget, HTTP libraries, headless browsers) are
//   never counted. A request without a user agent is not a known bot; the ipKey bounds it.
import { createHash, randomBytes } from "node:crypto";
import { isbot } from "isbot";
import { db } from "~/db/client.server";
import { LRUCache } from "lru-cache";
import { utcToWallTime } from "~/lib/time";
import { visitorId as readVisitorCookie } from "./visitor-id.server";

export interface VisitInput {
  boothId: string;
  /** The fair's IANA zone: which calendar day the visit belongs to. */
  timeZone: string;
  userId: string | null;
  /** Anonymous visitors: the cookie id, as sent or as issued with this response. */
  visitorId: string | null;
  /** The request carried the visitor cookie (false: `visitorId` is being issued now). */
  fromCookie: boolean;
  ip: string;
  userAgent: string;
  now?: Date;
}

export function isBotRequest(userAgent: string): boolean {
  return isbot(userAgent);
}

const SALT_DAYS_KEPT = 2;
const salts = new Map<string, string>();

const saltsMaking = new Map<string, Promise<string>>();

/** The day's salt, created on first use (once, however many visits ask at the same moment). */
function saltFor(day: string): Promise<string> {
  const cached = salts.get(day);
  if (cached) return Promise.resolve(cached);
  let making = saltsMaking.get(day);
  if (!making) {
    making = makeSalt(day).finally(() => saltsMaking.delete(day));
    saltsMaking.set(day, making);
  }
  return making;
}

/** Creates (or reads) the day's salt; salts older than two days are deleted with it. */
async function makeSalt(day: string): Promise<string> {
  const date = new Date(`${day}T00:00:00Z`);
  await db().visitSalt.createMany({
    data: [{ day: date, salt: randomBytes(24).toString("base64url") }],
    skipDuplicates: true,
  });
  const { salt } = await db().visitSalt.findUniqueOrThrow({ where: { day: date } });
  const expired = new Date(date.getTime() - SALT_DAYS_KEPT * 864e5);
  await db().visitSalt.deleteMany({ where: { day: { lt: expired } } });
  for (const d of salts.keys()) if (d < expired.toISOString().slice(0, 10)) salts.delete(d);
  salts.set(day, salt);
  return salt;
}

/**
 * Visits this process has already seen in the database (booth, day and visitor or ipKey): a repeat
 * needs no query at all, which matters when a fair opens (issue 16). Bounded; the database's unique
 * keys stay the rule (several processes, or an entry pushed out, just ask the database again).
 */
const seen = new LRUCache<string, true>({ max: 50_000 });

/** Counts the visit unless it is a bot's or this visitor was already counted at this booth today. */
export async function recordVisit(v: VisitInput): Promise<boolean> {
  if (isBotRequest(v.userAgent)) return false;
  const day = utcToWallTime(v.now ?? new Date(), v.timeZone).slice(0, 10);
  const visitorId = v.userId ? `u:${v.userId}` : v.visitorId;
  if (!visitorId) return false;
  const byVisitor = `${v.boothId} ${day} v:${visitorId}`;
  if (seen.has(byVisitor)) return false;
  let ipKey: string | null = null;
  if (!v.userId) {
    const known = v.fromCookie && !!(await db().boothVisit.findFirst({ where: { visitorId }, select: { id: true } }));
    if (!known) {
      const salt = await saltFor(day);
      ipKey = createHash("sha256").update(`${salt}\n${v.ip}\n${v.userAgent}`).digest("base64url").slice(0, 32);
      if (seen.has(`${v.boothId} ${day} ip:${ipKey}`)) return false;
    }
  }
  // Remembered before the insert, so the same visit arriving again meanwhile (a crowd of requests
  // from one client) does not queue a query each; forgotten if the insert fails. Counted now or
  // before: either way this visitor (or this client) is counted at this booth today. A cookie being
  // issued is not remembered (its row may not exist when the ipKey was the conflict).
  const keys = [
    ...(v.fromCookie || v.userId ? [byVisitor] : []),
    ...(ipKey ? [`${v.boothId} ${day} ip:${ipKey}`] : []),
  ];
  for (const key of keys) seen.set(key, true);
  try {
    const { count } = await db().boothVisit.createMany({
      data: [{ boothId: v.boothId, userId: v.userId, visitorId, ipKey, day: new Date(`${day}T00:00:00Z`) }],
      skipDuplicates: true,
    });
    return count === 1;
  } catch (err) {
    for (const key of keys) seen.delete(key);
    throw err;
  }
}

/** Tests only: forgets which visits this process has seen. */
export function forgetSeenVisits(): void {
  seen.clear();
}

/**
 * The booth page's visit: counts it (see above) and returns the Set-Cookie header that gives an
 * anonymous browser its visitor id, if it has none yet. Bots get neither a count nor a cookie.
 */
export async function countBoothVisit(
  request: Pick<Request, "headers">,
  booth: { id: string; timeZone: string },
  userId: string | null,
  ip: string,
): Promise<string | null> {
  const userAgent = request.headers.get("User-Agent") ?? "";
  if (isBotRequest(userAgent)) return null;
  const visitor = userId ? null : await readVisitorCookie(request);
  await recordVisit({
    boothId: booth.id,
    timeZone: booth.timeZone,
    userId,
    visitorId: visitor?.id ?? null,
    fromCookie: !!visitor && !visitor.setCookie,
    ip,
    userAgent,
  });
  return visitor?.setCookie ?? null;
}
