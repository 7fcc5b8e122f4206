// GET /exhibitor/leads.csv[?booth=…]: the exhibitor's own leads as a streamed CSV.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth/guards.server";
import { exhibitorLeadsCsv } from "~/domain/reports/leads.server";
import { logLeadsExport } from "~/domain/privacy/access-log.server";
import { requestContext } from "~/i18n/request.server";
import { orErrorPage } from "~/lib/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  const { t, locale } = await requestContext(request, user);
  const url = new URL(request.url);
  const res = await orErrorPage(exhibitorLeadsCsv(user, url, { t, locale }));
  await logLeadsExport(user, url);
  return res;
}
