// Retention (docs/decisions/022-personal-data.md): the privacy job deletes what the privacy notice
// says is kept only for a while. Each rule is one statement over an indexed time column.
import { db } from "~/db/client.server";
import { PRIVACY } from "./policy";

const DAY = 864e5;

export interface Pruned {
  sessions: number;
  loginAttempts: number;
  resetTokens: number;
  visitIpKeys: number;
  visitSalts: number;
}

export async function pruneExpired(now = new Date()): Promise<Pruned> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const [sessions, loginAttempts, resetTokens, visitIpKeys, visitSalts] = await Promise.all([
    // Sessions past their 30 days (logout deletes the others at once).
    db().session.deleteMany({ where: { expiresAt: { lte: now } } }),
    db().loginAttempt.deleteMany({ where: { createdAt: { lt: ago(PRIVACY.loginAttemptDays) } } }),
    // Reset links: an hour to use, then gone within a day.
    db().passwordResetToken.deleteMany({
      where: {
        OR: [
          { expiresAt: { lt: ago(PRIVACY.resetTokenKeptDays) } },
          { usedAt: { lt: ago(PRIVACY.resetTokenKeptDays) } },
        ],
      },
    }),
    // The IP hash only keeps a day's cookieless repeats apart; once the day's salt is gone it is noise.
    db().boothVisit.updateMany({
      where: { ipKey: { not: null }, createdAt: { lt: ago(PRIVACY.visitSaltDays) } },
      data: { ipKey: null },
    }),
    // recordVisit deletes old salts when it makes a new one; this covers days without visits.
    db().visitSalt.deleteMany({ where: { day: { lt: ago(PRIVACY.visitSaltDays + 1) } } }),
  ]);
  return {
    sessions: sessions.count,
    loginAttempts: loginAttempts.count,
    resetTokens: resetTokens.count,
    visitIpKeys: visitIpKeys.count,
    visitSalts: visitSalts.count,
  };
}
