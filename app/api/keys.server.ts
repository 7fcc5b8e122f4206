// Partner API keys: created and revoked by admins, shown once, stored as sha256.
import { createHash, randomBytes } from "node:crypto";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { audit } from "~/domain/audit/audit.server";
import { DomainError } from "~/lib/errors";
import { rateLimiter, type RateLimiter } from "~/lib/rate-limit.server";

const hash = (k: string) => createHash("sha256").update(k).digest("hex");

export async function createApiKey(admin: SessionUser, name: string, ratePerMin = 600): Promise<string> {
  const key = `cf_${randomBytes(24).toString("base64url")}`;
  await db().$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name, prefix: key.slice(0, 8), keyHash: hash(key), ratePerMin, createdById: admin.id },
    });
    await audit(
      {
        actorId: admin.id,
        action: "apikey.create",
        entityType: "ApiKey",
        entityId: row.id,
        after: { name, prefix: row.prefix, ratePerMin },
      },
      tx,
    );
  });
  return key;
}

export async function revokeApiKey(admin: SessionUser, id: string): Promise<void> {
  const done = await db().apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (done.count === 0) throw new DomainError("errorPage.404.title", 404);
  await audit({ actorId: admin.id, action: "apikey.revoke", entityType: "ApiKey", entityId: id });
}

export async function listApiKeys() {
  return (await db().apiKey.findMany({ orderBy: { createdAt: "desc" } })).map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    ratePerMin: k.ratePerMin,
    revoked: !!k.revokedAt,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  }));
}

export type ApiCaller =
  { kind: "anonymous"; id: string; ratePerMin: number } | { kind: "key"; id: string; ratePerMin: number };
export const ANONYMOUS_RATE_PER_MIN = 60;

/** The caller behind a request: a valid key, or anonymous by IP. A present but bad key is a 401. */
export async function identifyCaller(request: Request, ip: string): Promise<ApiCaller | null> {
  const header = request.headers.get("Authorization")?.replace(/^Bearer\s+/i, "") ?? request.headers.get("X-API-Key");
  if (!header) return { kind: "anonymous", id: `ip:${ip}`, ratePerMin: ANONYMOUS_RATE_PER_MIN };
  const key = await db().apiKey.findUnique({ where: { keyHash: hash(header.trim()) } });
  if (!key || key.revokedAt) return null;
  void db()
    .apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } })
    .catch(() => {});
  return { kind: "key", id: `key:${key.id}`, ratePerMin: key.ratePerMin };
}

// One limiter per rate (anonymous, and each rate an admin gave a key): a handful.
const perMinute = new Map<number, RateLimiter>();
/** A one-minute window per caller (per app instance). Returns seconds to wait, or 0. */
export async function rateLimit(caller: ApiCaller): Promise<number> {
  let limiter = perMinute.get(caller.ratePerMin);
  if (!limiter) {
    limiter = rateLimiter({ points: caller.ratePerMin, durationMs: 60_000, name: `api-${caller.ratePerMin}` });
    perMinute.set(caller.ratePerMin, limiter);
  }
  const r = await limiter.consume(caller.id);
  return r.allowed ? 0 : Math.max(1, Math.ceil(r.retryAfterMs / 1000));
}
