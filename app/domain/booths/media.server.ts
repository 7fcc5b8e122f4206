// Who may fetch a stored media file (logos, banners, gallery images, project PDFs). A file is
// public only while a public booth of a published/live fair references it; otherwise only the
// booth's (or the logo's) organization and the staff of the fair's organizing bureau (admins: all)
// may see it. Removed or unreferenced files are 404 for everyone, so a removal takes effect at once
// (within the public cache lifetime below). Storage stays behind media/storage.ts.
import { createHash } from "node:crypto";
import { assertSafeKey, localMedia, type MediaStorage } from "../../../media/storage";
import { contentTypeForKey } from "../../../media/content-type";
import { S3MediaStorage } from "../../../media/s3-storage";
import type { SessionUser } from "~/auth/session.server";
import { isFairStaff, isMemberOf } from "~/auth/guards.server";
import { config } from "~/config.server";
import { db } from "~/db/client.server";
import { PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";

declare global {
  var __cloudfairMediaStorage: { id: string; storage: MediaStorage } | undefined;
}

/**
 * The app's media store: the S3-compatible bucket when S3_BUCKET is set, else local files in
 * MEDIA_DIR (docs/decisions/029). One instance per configuration (an S3 client keeps its
 * connections), on globalThis so the server and the Remix build share it.
 */
export function mediaStorage(): MediaStorage {
  const c = config();
  const id = c.S3_BUCKET
    ? JSON.stringify(["s3", c.S3_ENDPOINT, c.S3_REGION, c.S3_BUCKET, c.S3_ACCESS_KEY_ID, c.S3_FORCE_PATH_STYLE])
    : JSON.stringify(["local", c.MEDIA_DIR]);
  const cached = globalThis.__cloudfairMediaStorage;
  if (cached?.id === id) return cached.storage;
  const storage: MediaStorage = c.S3_BUCKET
    ? new S3MediaStorage({
        endpoint: c.S3_ENDPOINT,
        region: c.S3_REGION,
        bucket: c.S3_BUCKET,
        accessKeyId: c.S3_ACCESS_KEY_ID,
        secretAccessKey: c.S3_SECRET_ACCESS_KEY,
        forcePathStyle: c.S3_FORCE_PATH_STYLE,
      })
    : localMedia(c.MEDIA_DIR);
  globalThis.__cloudfairMediaStorage = { id, storage };
  return storage;
}

/**
 * At start: with S3, checks the bucket answers (creating it on a fresh self-hosted server, when the
 * keys may). Returns where media live, for the log: "local <dir>" or "s3 bucket <name> at <endpoint>".
 */
export async function prepareMediaStorage(): Promise<string> {
  const c = config();
  const storage = mediaStorage();
  if (storage instanceof S3MediaStorage) await storage.ensureBucket();
  return c.S3_BUCKET
    ? `s3 bucket ${c.S3_BUCKET}${c.S3_ENDPOINT ? ` at ${c.S3_ENDPOINT}` : ""}`
    : `local ${c.MEDIA_DIR}`;
}

/** Public files may be cached this long: a removed file disappears from caches within it. */
export const PUBLIC_MEDIA_MAX_AGE = 600;

// A fair hall page asks for dozens of logos at once, and every visitor asks for the same ones:
// "this key is public" is remembered for a few seconds (never "private" or "not found"). The
// builder forgets a key the moment it is removed or replaced; other ways a file stops being public
// (review, refund, a fair closing) take effect within the TTL. On globalThis, like the database
// client, so the server's /media handler and the Remix build share one map.
const PUBLIC_TTL_MS = 10_000;
const PUBLIC_CACHE_MAX = 10_000;
declare global {
  var __cloudfairPublicMedia: Map<string, number> | undefined;
}
const publicUntil = () => (globalThis.__cloudfairPublicMedia ??= new Map());

/** Forgets that these keys were public (call after removing or replacing a reference). */
export function forgetPublicMedia(...keys: (string | null | undefined)[]): void {
  for (const key of keys) if (key) publicUntil().delete(key);
}

interface Reference {
  organizationId: string;
  organizerId: string | null;
  coOrganizerIds: string[] | null;
  public: boolean;
}

function isSafeKey(key: string): boolean {
  try {
    assertSafeKey(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every place the key is referenced, in one query over indexed columns: booth logo and banner,
 * gallery image and thumbnail, project attachment, organization logo.
 */
async function references(key: string): Promise<Reference[]> {
  return db().$queryRaw<Reference[]>`
    WITH refs AS (
      SELECT b.id AS "boothId", NULL::text AS "orgId" FROM "Booth" b WHERE b."logoKey" = ${key} OR b."bannerKey" = ${key}
      UNION ALL
      SELECT m."boothId", NULL FROM "BoothMedia" m WHERE m.key = ${key} OR m."thumbKey" = ${key}
      UNION ALL
      SELECT p."boothId", NULL FROM "ProjectAttachment" a JOIN "Project" p ON p.id = a."projectId" WHERE a.key = ${key}
      UNION ALL
      SELECT NULL, o.id FROM "Organization" o WHERE o."logoKey" = ${key}
    )
    SELECT coalesce(b."organizationId", r."orgId") AS "organizationId", f."organizerId",
           (SELECT array_agg(c."organizationId") FROM "FairCoOrganizer" c WHERE c."fairId" = f.id) AS "coOrganizerIds",
           coalesce(b."isPublic" AND f.status::text = ANY(${PUBLIC_FAIR_STATUSES}), false) AS public
    FROM refs r LEFT JOIN "Booth" b ON b.id = r."boothId" LEFT JOIN "Fair" f ON f.id = b."fairId"`;
}

export type MediaAccess = "public" | "private" | null;

/**
 * "public" (anyone, cacheable), "private" (this viewer only: the owning organization, the fair's
 * bureau staff, admins) or null (404: unknown, removed, unreferenced, or not this viewer's).
 * `viewer` is only asked for when the file is not public, so public files cost one query.
 */
export async function mediaAccess(key: string, viewer: () => Promise<SessionUser | null>): Promise<MediaAccess> {
  if (!isSafeKey(key)) return null;
  const cache = publicUntil();
  if ((cache.get(key) ?? 0) > Date.now()) return "public";
  const refs = await references(key);
  if (refs.length === 0) return null;
  if (refs.some((r) => r.public)) {
    if (cache.size >= PUBLIC_CACHE_MAX) cache.clear();
    cache.set(key, Date.now() + PUBLIC_TTL_MS);
    return "public";
  }
  const user = await viewer();
  if (!user) return null;
  const allowed = refs.some(
    (r) =>
      isMemberOf(user, r.organizationId) ||
      (r.organizerId !== null &&
        isFairStaff(
          user,
          {
            organizerId: r.organizerId,
            coOrganizers: (r.coOrganizerIds ?? []).map((organizationId) => ({ organizationId })),
          },
          "read",
        )),
  );
  return allowed || user.roles.includes("ADMIN") ? "private" : null;
}

export interface MediaReply {
  status: 200 | 304 | 404;
  headers: Record<string, string>;
  body: Buffer | null;
}

/**
 * What /media answers for a key: the file (public and briefly cacheable with an ETag, or private
 * and never stored), 304 when the client's ETag still matches, or a 404 no cache keeps.
 * Security headers (nosniff, the sandbox CSP) are the Express mount's job (server/app.ts).
 */
export async function serveMedia(req: {
  key: string;
  ifNoneMatch?: string | null;
  viewer: () => Promise<SessionUser | null>;
}): Promise<MediaReply> {
  const notFound: MediaReply = {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    body: Buffer.from("Not Found"),
  };
  const access = await mediaAccess(req.key, req.viewer);
  if (!access) return notFound;
  const bytes = await mediaStorage().get(req.key);
  if (!bytes) return notFound;
  const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 22)}"`;
  const headers: Record<string, string> = {
    "Content-Type": contentTypeForKey(req.key),
    "Cache-Control": access === "public" ? `public, max-age=${PUBLIC_MEDIA_MAX_AGE}` : "private, no-store",
    ETag: etag,
  };
  const matches = req.ifNoneMatch?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
  if (access === "public" && matches) return { status: 304, headers, body: null };
  return { status: 200, headers, body: bytes };
}
