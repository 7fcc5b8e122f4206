import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { DownloadButton } from "~/components/reports/download-button";
import { Card } from "~/components/ui/form";
import { Pagination } from "~/components/ui/pagination";
import { DataTable } from "~/components/reports/report-table";
import { exhibitorLeads } from "~/domain/reports/leads.server";
import { logLeadsPage } from "~/domain/privacy/access-log.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { orErrorPage } from "~/lib/responses.server";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  const { t, locale } = await requestContext(request, user);
  const leads = await orErrorPage(exhibitorLeads(user, new URL(request.url), { t, locale }));
  await logLeadsPage(user, leads);
  return json(leads);
}

export default function Leads() {
  const { booths, boothId, total, page, pages, headers, rows } = useLoaderData<typeof loader>();
  const { t, pick } = useI18n(dashboardCatalog);
  // Every user has an email: an empty one means the person did not choose to contact you.
  const email = t("report.col.email");
  const csv = `/exhibitor/leads.csv${boothId ? `?booth=${boothId}` : ""}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold" data-testid="leads-title">
          {t("leads.title")}
        </h1>
        <Link to="/dashboard">{t("nav.dashboard")}</Link>
      </div>
      <Card className="space-y-3">
        <p className="text-sm text-slate-600">{t("leads.intro")}</p>
        <div className="flex flex-wrap items-end gap-3">
          {booths.length > 1 && (
            <Form method="get" className="flex min-w-0 max-w-full flex-wrap items-end gap-2 text-sm">
              <label className="flex min-w-0 max-w-full flex-col gap-1">
                {t("leads.booth")}
                <select
                  name="booth"
                  defaultValue={boothId ?? ""}
                  className="max-w-full rounded border border-slate-300 bg-white px-2 py-1"
                >
                  <option value="">{t("leads.allBooths")}</option>
                  {booths.map((b) => (
                    <option key={b.id} value={b.id}>
                      {pick(b.orgZh, b.orgEn)} · {pick(b.fairZh, b.fairEn)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1">
                {t("report.filter.apply")}
              </button>
            </Form>
          )}
          <span className="text-sm font-medium" data-testid="leads-total">
            {t("report.list.total", { count: total })}
          </span>
          <DownloadButton href={csv} testId="leads-export">
            {t("leads.export")}
          </DownloadButton>
        </div>
      </Card>
      <Card>
        {rows.length === 0 ? (
          <p className="text-slate-600">{t("leads.empty")}</p>
        ) : (
          <DataTable
            testId="leads-table"
            caption={t("report.list.caption", { list: t("leads.title"), page, pages })}
            columns={headers.map((h) => ({ label: h }))}
            rows={rows.map((r) =>
              r.map((c, i) =>
                c === null && headers[i] === email ? <span className="text-slate-500">{t("leads.hidden")}</span> : c,
              ),
            )}
          />
        )}
      </Card>
      <Pagination page={page} pages={pages} />
    </div>
  );
}
