// Mail links that work without a login (ADR 026): confirm an address, one-click unsubscribe. Each is
// `<payload>.<signature>`, the payload naming the purpose, the user and what the link is about, the
// signature an HMAC with the user's own mail key (User.mailKey, made on first use; a new key revokes
// every such link). Nothing about the link is stored.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";

export type LinkPurpose = "unsubscribe" | "verify";
const TAG: Record<LinkPurpose, string> = { unsubscribe: "u", verify: "v" };
const MAX_TOKEN = 400;

type Tx = Pick<Prisma.TransactionClient, "user">;

/** The user's mail key, created on first use. */
export async function mailKeyOf(tx: Tx, userId: string): Promise<string> {
  const u = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { mailKey: true } });
  if (u.mailKey) return u.mailKey;
  const key = randomBytes(32).toString("base64url");
  // Two writers racing both keep the first key written.
  await tx.user.updateMany({ where: { id: userId, mailKey: null }, data: { mailKey: key } });
  const again = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { mailKey: true } });
  return again.mailKey ?? key;
}

const sign = (key: string, payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

export async function signedToken(tx: Tx, purpose: LinkPurpose, userId: string, subject: string): Promise<string> {
  const payload = Buffer.from(`${TAG[purpose]}|${userId}|${subject}`, "utf8").toString("base64url");
  return `${payload}.${sign(await mailKeyOf(tx, userId), payload)}`;
}

/** The user and subject a token names, or null for anything not signed by that user's key. */
export async function readToken(
  token: unknown,
  purpose: LinkPurpose,
): Promise<{ userId: string; subject: string; email: string } | null> {
  if (typeof token !== "string" || token.length > MAX_TOKEN) return null;
  const m = /^([A-Za-z0-9_-]{4,300})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const parts = Buffer.from(m[1], "base64url").toString("utf8").split("|");
  if (parts.length !== 3 || parts[0] !== TAG[purpose] || !/^[a-z0-9]{1,64}$/.test(parts[1])) return null;
  const user = await db().user.findUnique({
    where: { id: parts[1] },
    select: { mailKey: true, email: true, erasedAt: true },
  });
  if (!user?.mailKey || user.erasedAt) return null;
  const expected = Buffer.from(sign(user.mailKey, m[1]));
  const given = Buffer.from(m[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { userId: parts[1], subject: parts[2], email: user.email };
}
