// Organization names as meeting notifications carry them.
import { db } from "~/db/client.server";

/** An organization's names for a notification ("" when it is gone). */
export async function orgNames(orgId: string) {
  const o = await db().organization.findUnique({ where: { id: orgId }, select: { nameZh: true, nameEn: true } });
  return { nameZh: o?.nameZh ?? "", nameEn: o?.nameEn ?? "" };
}
