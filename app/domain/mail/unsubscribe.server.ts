// One-click unsubscribe (RFC 8058) and its confirm page: the signed link names the user and the
// category; no login. A POST turns the category off; a GET only asks.
import { readToken } from "./links.server";
import { isMailCategory, turnOff, type UnsubscribeSubject } from "./settings.server";

export async function unsubscribeTarget(
  token: unknown,
): Promise<{ userId: string; email: string; category: UnsubscribeSubject } | null> {
  const who = await readToken(token, "unsubscribe");
  if (!who || !(isMailCategory(who.subject) || who.subject === "digest")) return null;
  return { userId: who.userId, email: who.email, category: who.subject };
}

export async function unsubscribe(token: unknown): Promise<{ email: string; category: UnsubscribeSubject } | null> {
  const target = await unsubscribeTarget(token);
  if (!target) return null;
  await turnOff(target.userId, target.category);
  return target;
}
