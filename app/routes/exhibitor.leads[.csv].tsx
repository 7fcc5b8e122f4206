// GET /exhibitor/leads.csv[?booth=…]: the exhibitor's own leads as a streamed CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { exhibitorLeadsCsv } from "~/domain/reports/leads.server";
import { requestContext } from "~/i18n/request.server";
import { orErrorPage } from "~/lib/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  const { t, locale } = await requestContext(request, user);
  return orErrorPage(exhibitorLeadsCsv(user, new URL(request.url), { t, locale }));
}
