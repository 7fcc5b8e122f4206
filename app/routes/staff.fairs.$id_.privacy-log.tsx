// Who viewed or exported people's personal data for this fair, for its organizing bureau's staff and
// admins (docs/decisions/022-personal-data.md). Counts, never the data itself; newest first, paginated.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireFairStaff } from "~/auth/guards.server";
import { DataTable } from "~/components/reports/report-table";
import { Card } from "~/components/ui/form";
import { Pagination } from "~/components/ui/pagination";
import { privacyLog } from "~/domain/privacy/access-log.server";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";
import { privacyCatalog } from "~/i18n/catalog/privacy";
import { useI18n } from "~/i18n/use-i18n";
import { orErrorPage } from "~/lib/responses.server";

export const meta: MetaFunction = () => [{ title: "个人数据访问记录 Personal data access log · 云展洽" }];

const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export async function loader({ params, request }: LoaderFunctionArgs) {
  const fairId = params.id ?? "";
  const staff = await requireFairStaff(request, fairId, "read");
  const page = pageParam.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return json(await orErrorPage(privacyLog(staff, fairId, page)), { headers: { "Cache-Control": "no-store" } });
}

export default function PrivacyLog() {
  const { fair, total, page, pages, entries } = useLoaderData<typeof loader>();
  const { t, pick, date, label, locale } = useI18n(privacyCatalog, dashboardCatalog);
  const num = (n: number) => new Intl.NumberFormat(locale).format(n);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold" data-testid="privacy-log-title">
          {t("privacyLog.title", { fair: pick(fair.titleZh, fair.titleEn) })}
        </h1>
        <Link to={`/staff/fairs/${fair.id}`}>{t("report.backToFair")}</Link>
      </div>
      <Card className="space-y-2">
        <p className="text-sm text-slate-700">{t("privacyLog.intro")}</p>
        <p className="text-sm font-medium" data-testid="privacy-log-total">
          {t("privacyLog.total", { count: total })}
        </p>
      </Card>
      <Card>
        {entries.length === 0 ? (
          <p className="text-slate-600">{t("privacyLog.empty")}</p>
        ) : (
          <DataTable
            testId="privacy-log"
            caption={t("privacyLog.caption", { page, pages })}
            columns={[
              { label: t("privacyLog.col.when") },
              { label: t("privacyLog.col.viewer") },
              { label: t("privacyLog.col.what") },
              { label: t("privacyLog.col.rows"), numeric: true },
              { label: t("privacyLog.col.contacts"), numeric: true },
            ]}
            rows={entries.map((e) => [
              date(e.at, fair.timeZone, true),
              <span key="v" className="break-all">
                {[e.viewer, e.role ? label("role", e.role) : null, pick(e.orgZh, e.orgEn) || null]
                  .filter(Boolean)
                  .join(" · ")}
              </span>,
              [
                e.what ? t(`privacyLog.what.${e.what}`) : t("privacyLog.what.unknown"),
                e.list ? t(`report.list.${e.list as "leads"}`) : null,
                e.format?.toUpperCase() ?? null,
              ]
                .filter(Boolean)
                .join(" · "),
              num(e.rows),
              e.contacts === null ? "—" : num(e.contacts),
            ])}
          />
        )}
      </Card>
      <Pagination page={page} pages={pages} />
    </div>
  );
}
