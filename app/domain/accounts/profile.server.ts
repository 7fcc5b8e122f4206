// The person's own account details (right of correction): the name others see. The email is the
// login and the contact exhibitors may receive; changing it is not self-service (ADR 022).
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { audit } from "~/domain/audit/audit.server";

export const nameSchema = z.object({
  name: z.string().trim().min(1, "error.required").max(80, "error.tooLong"),
});

export async function updateMyName(user: SessionUser, input: z.infer<typeof nameSchema>): Promise<void> {
  if (input.name === user.name) return;
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { name: input.name } });
    await audit(
      {
        actorId: user.id,
        action: "user.rename",
        entityType: "User",
        entityId: user.id,
        before: { name: user.name },
        after: { name: input.name },
      },
      tx,
    );
  });
}

/** What the account page shows about the person. */
export async function myAccount(user: SessionUser) {
  const [row, memberships] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true, name: true, createdAt: true } }),
    db().membership.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "asc" },
      select: { role: true, organization: { select: { id: true, nameZh: true, nameEn: true, kind: true } } },
    }),
  ]);
  return {
    email: row.email,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    memberships: memberships.map((m) => ({ role: m.role, ...m.organization })),
  };
}
