// Who may see a booth's team contacts (ADR 021). Contacts are shown to the booth's own team, to
// staff of the bureau that organizes the fair (admins: all), and to an investor whose investor
// organization the exhibitor has engaged with: a meeting between the two organizations that was
// not cancelled, or a meeting request the exhibitor sent (an invitation or a counter-proposal) that
// was not withdrawn. An investor's own request does not count until the exhibitor answers it, so a
// new account cannot unlock every booth by asking. Everyone but the booth's team is also limited to
// CONTACT_VIEWS_PER_HOUR views, so even an allowed account cannot harvest them.
import type { SessionUser } from "~/auth/session.server";
import { isFairStaff, isMemberOf, type FairStaffRef } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import { logger } from "~/lib/logger.server";
import { rateLimiter } from "~/lib/rate-limit.server";
import { logPersonalDataView } from "~/domain/privacy/view-log.server";

export const CONTACT_VIEWS_PER_HOUR = 60;
const contactViews = rateLimiter({ points: CONTACT_VIEWS_PER_HOUR, durationMs: 3600_000, name: "booth-contacts" });

export interface TeamContactView {
  id: string;
  name: string;
  title: string;
  email: string | null;
  phone: string | null;
}

/** Why contacts are not shown: sign in as an investor, get a meeting accepted, or wait (too many views). */
export type ContactsHidden = "sign-in" | "meeting" | "rate-limited";

export type BoothContacts = { contacts: TeamContactView[]; hidden: null } | { contacts: null; hidden: ContactsHidden };

type BoothRef = { id: string; organizationId: string; fairId?: string; fair: FairStaffRef };

/** Has the exhibitor organization engaged with one of these investor organizations? */
async function exhibitorEngaged(exhibitorOrgId: string, investorOrgIds: string[]): Promise<boolean> {
  if (investorOrgIds.length === 0) return false;
  // One raw statement (every signed-in investor's booth page asks; two Prisma operations before, ADR 033).
  const [row] = await db().$queryRaw<{ engaged: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "Meeting"
      WHERE "exhibitorOrgId" = ${exhibitorOrgId} AND "investorOrgId" IN (${Prisma.join(investorOrgIds)})
        AND status <> 'CANCELLED'
    ) OR EXISTS (
      SELECT 1 FROM "MeetingRequest"
      WHERE "fromOrgId" = ${exhibitorOrgId} AND "toOrgId" IN (${Prisma.join(investorOrgIds)})
        AND status <> 'CANCELLED'
    ) AS engaged`;
  return !!row?.engaged;
}

/** The booth's team contacts if this viewer may see them now; otherwise why not. */
export async function contactsForViewer(booth: BoothRef, user: SessionUser | null): Promise<BoothContacts> {
  if (!user) return { contacts: null, hidden: "sign-in" };
  const ownTeam = isMemberOf(user, booth.organizationId);
  const asStaff = !ownTeam && isFairStaff(user, booth.fair, "read");
  if (!ownTeam) {
    const investorOrgs = user.memberships.filter((m) => m.role === "INVESTOR").map((m) => m.organizationId);
    const allowed = asStaff || (await exhibitorEngaged(booth.organizationId, investorOrgs));
    if (!allowed) return { contacts: null, hidden: investorOrgs.length ? "meeting" : "sign-in" };
    const limit = await contactViews.consume(user.id);
    if (!limit.allowed) {
      logger.warn({ userId: user.id, boothId: booth.id }, "booth contact views limited");
      return { contacts: null, hidden: "rate-limited" };
    }
  }
  const rows = await db().teamContact.findMany({ where: { boothId: booth.id }, orderBy: { position: "asc" } });
  // Staff reading a booth's contacts is logged for the organizing bureau (ADR 022).
  if (asStaff && booth.fairId && rows.length > 0)
    await logPersonalDataView(user, [booth.fairId], { what: "booth.contacts", rows: rows.length, boothId: booth.id });
  return {
    contacts: rows.map((c) => ({ id: c.id, name: c.name, title: c.title, email: c.email, phone: c.phone })),
    hidden: null,
  };
}
