// GET /staff/fairs/:id/dashboard/:list/export?format=csv|xlsx&<filters>: a streamed download.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireFairStaff } from "~/auth/guards.server";
import { isExportFormat } from "~/domain/reports/exports.server";
import { reportExport } from "~/domain/reports/fair-dashboard.server";
import { isListKind } from "~/domain/reports/filters";
import { logReportExport } from "~/domain/privacy/access-log.server";
import { requestContext } from "~/i18n/request.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireFairStaff(request, params.id ?? "", "report");
  const kind = params.list ?? "";
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (!isListKind(kind) || !isExportFormat(format)) throw new Response(null, { status: 404 });
  const { t, locale } = await requestContext(request, user);
  const res = await reportExport(user, params.id ?? "", kind, url, format, {
    t,
    locale,
    hideContacts: user.access.hideContacts,
  });
  await logReportExport(user, params.id ?? "", kind, url, format);
  return res;
}
