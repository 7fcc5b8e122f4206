// Login throttling backed by the database, so it holds across restarts and app instances.
import { db } from "~/db/client.server";

export const LOGIN_WINDOW_MIN = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

/** Minutes until the next attempt is allowed, or 0 if allowed now. */
export async function loginRetryAfterMinutes(email: string, ip: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MIN * 60_000);
  const [byEmail, byIp] = await Promise.all([
    db().loginAttempt.findMany({
      where: { email, success: false, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    db().loginAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } }),
  ]);
  if (byEmail.length < MAX_FAILURES_PER_EMAIL && byIp < MAX_FAILURES_PER_IP) return 0;
  const oldest = byEmail[0]?.createdAt ?? since;
  return Math.max(1, Math.ceil((oldest.getTime() + LOGIN_WINDOW_MIN * 60_000 - now.getTime()) / 60_000));
}

export async function recordLoginAttempt(email: string, ip: string, success: boolean): Promise<void> {
  await db().loginAttempt.create({ data: { email, ip, success } });
  if (success) await db().loginAttempt.deleteMany({ where: { email, success: false } });
}
