// The rows behind a dashboard number (meetings, requests, outcomes, booths, leads, survey answers),
// under the dashboard's filters plus the list's own conditions; paginated; exportable as is.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireFairStaff } from "~/auth/guards.server";
import { DownloadButton } from "~/components/reports/download-button";
import { Card } from "~/components/ui/form";
import { Pagination } from "~/components/ui/pagination";
import { FilterSummary } from "~/components/reports/report-filters";
import { DataTable } from "~/components/reports/report-table";
import { reportListPage } from "~/domain/reports/fair-dashboard.server";
import { BOOTH_SORTS, FILTER_KEYS, isListKind, reportQuery } from "~/domain/reports/filters";
import { logReportList } from "~/domain/privacy/access-log.server";
import { requestContext } from "~/i18n/request.server";
import { useI18n } from "~/i18n/use-i18n";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireFairStaff(request, params.id ?? "", "report");
  const kind = params.list ?? "";
  if (!isListKind(kind)) throw new Response(null, { status: 404 });
  const { t, locale } = await requestContext(request, user);
  const list = await reportListPage(params.id ?? "", kind, new URL(request.url), {
    t,
    locale,
    hideContacts: user.access.hideContacts,
  });
  await logReportList(user, params.id ?? "", kind, list);
  return json({ kind, ...list });
}

export default function ReportList() {
  const { kind, fair, filters, problems, q, conditions, total, page, pages, headers, rows } =
    useLoaderData<typeof loader>();
  const { t, pick, locale } = useI18n(dashboardCatalog);
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  params.delete("page");
  // Links and exports carry the filters as applied (an ignored date dropped, a reversed range swapped).
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (v) params.set(k, v);
    else params.delete(k);
  }
  const exportHref = (format: string) => {
    const p = new URLSearchParams(params);
    p.set("format", format);
    return `${pathname}/export?${p}`;
  };
  const listName = t(`report.list.${kind}`);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold" data-testid="list-title">
          {t("report.list.title", { list: listName, fair: pick(fair.titleZh, fair.titleEn) })}
        </h1>
        <Link to={`/staff/fairs/${fair.id}/dashboard${reportQuery(filters)}`}>{t("report.backToDashboard")}</Link>
      </div>
      <Card className="space-y-2">
        <FilterSummary filters={filters} options={fair} problems={problems} />
        {conditions.length > 0 && (
          <p className="text-sm text-slate-600">{t("report.list.filter", { conditions: conditions.join(" · ") })}</p>
        )}
        {kind === "booths" && (
          <p className="flex flex-wrap gap-3 text-sm">
            {BOOTH_SORTS.map((s) => {
              const p = new URLSearchParams(params);
              p.set("sort", s);
              return q.sort === s ? (
                <strong key={s}>{t(`report.col.${s}`)}</strong>
              ) : (
                <Link key={s} to={`?${p}`}>
                  {t(`report.col.${s}`)}
                </Link>
              );
            })}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <span className="text-sm font-medium" data-testid="list-total">
            {t("report.list.total", { count: total })}
          </span>
          <DownloadButton href={exportHref("csv")} testId="list-export-csv">
            {t("report.export.csv")}
          </DownloadButton>
          <DownloadButton href={exportHref("xlsx")} testId="list-export-xlsx">
            {t("report.export.xlsx")}
          </DownloadButton>
        </div>
      </Card>
      <Card>
        {rows.length === 0 ? (
          <p className="text-slate-600">{t("report.empty")}</p>
        ) : (
          <DataTable
            testId="list-table"
            caption={t("report.list.caption", { list: listName, page, pages })}
            columns={headers.map((h, i) => ({
              label: h,
              numeric: rows.every((r) => r[i] === null || typeof r[i] === "number"),
            }))}
            rows={rows.map((r) =>
              r.map((c) => (c === null ? "" : typeof c === "number" ? new Intl.NumberFormat(locale).format(c) : c)),
            )}
          />
        )}
      </Card>
      <Pagination page={page} pages={pages} />
    </div>
  );
}
