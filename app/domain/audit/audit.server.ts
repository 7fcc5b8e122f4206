import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/db/client.server";

type Tx = Pick<ReturnType<typeof db>, "auditLog">;

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown) =>
  v === undefined
    ? undefined
    : (JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x))) as Prisma.InputJsonValue);

/** Writes one audit row (who, what, before/after). Pass the transaction client when inside one. */
export async function audit(entry: AuditEntry, tx: Tx = db()): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}
