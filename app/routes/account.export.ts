// POST /account/export: "download my data" as a streamed ZIP (docs/decisions/022-personal-data.md).
// Once per PRIVACY.exportEveryMinutes; asking again sooner goes back to the account page, which says
// how long to wait. A POST, so that a prefetch or a crawler never starts (or spends) an export.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { exportMyData } from "~/domain/privacy/export.server";
import { DomainError } from "~/lib/errors";

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    return await exportMyData(user);
  } catch (err) {
    if (err instanceof DomainError && err.status === 429)
      return redirect(`/account?exportWait=${err.params?.minutes ?? 1}`);
    // The media store is away: nothing was started or counted; the account page says so.
    if (err instanceof DomainError && err.status === 503) return redirect("/account?exportUnavailable=1");
    throw err;
  }
}

export const loader = () => redirect("/account");
