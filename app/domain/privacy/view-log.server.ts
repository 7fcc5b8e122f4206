// Writing the personal-data view log (docs/decisions/022-personal-data.md); reading it and the
// report-specific counts live in access-log.server.ts. Kept apart so that modules on hot paths
// (the booth page's contacts) depend on the audit module only.
import type { SessionUser } from "~/auth/session.server";
import { audit } from "~/domain/audit/audit.server";

export const VIEW_ACTION = "privacy.view";
export const VIEW_KINDS = [
  "leads.page",
  "leads.export",
  "report.list",
  "report.export",
  "booth.contacts",
  "negotiations",
] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

export interface ViewEntry {
  what: ViewKind;
  /** Rows shown (a page) or sent (an export). */
  rows: number;
  /** Of those, rows carrying an email or a phone number. */
  contacts?: number;
  list?: string;
  format?: string;
  boothId?: string;
  page?: number;
}

/** One audit row per fair: who viewed which personal data, and how much of it. */
export async function logPersonalDataView(viewer: Pick<SessionUser, "id">, fairIds: string[], entry: ViewEntry) {
  for (const fairId of new Set(fairIds))
    await audit({ actorId: viewer.id, action: VIEW_ACTION, entityType: "Fair", entityId: fairId, after: entry });
}
