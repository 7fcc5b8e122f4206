// The fair an onboarding page is about: its titles (the staff guard has already checked access).
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";

export async function getFairTitle(fairId: string) {
  const fair = await db().fair.findUnique({
    where: { id: fairId },
    select: { id: true, titleZh: true, titleEn: true },
  });
  if (!fair) throw new DomainError("errorPage.404.title", 404);
  return fair;
}
