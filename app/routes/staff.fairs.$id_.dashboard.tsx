import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireFairStaff } from "~/auth/guards.server";
import { BarChartView, PALETTE } from "~/components/reports/charts";
import { DownloadButton } from "~/components/reports/download-button";
import { Card } from "~/components/ui/form";
import { ReportFilterForm } from "~/components/reports/report-filters";
import { DataTable } from "~/components/reports/report-table";
import { fairReport, reportScope, type MoneyRow } from "~/domain/reports/fair-dashboard.server";
import { DIMENSIONS, MEETING_STATUSES, OUTCOME_RESULTS, reportQuery, type Dimension } from "~/domain/reports/filters";
import { currencyDigits, stageRatios } from "~/domain/reports/math";
import type { KeyOf } from "~/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { agendaCatalog } from "~/i18n/catalog/agenda";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";
import { roadshowsCatalog } from "~/i18n/catalog/roadshows";
import { videoCatalog } from "~/i18n/catalog/video";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const staff = await requireFairStaff(request, params.id ?? "", "report");
  const { fair, scope, problems } = await reportScope(params.id ?? "", new URL(request.url));
  // Parent bureaus read the dashboard only: the fair's own staff page would answer them 403.
  const canOpenFair = staff.access.can !== "report";
  return json({ fair, filters: scope.filters, problems, report: await fairReport(scope), canOpenFair });
}

const EXPORTS = ["meetings", "outcomes", "leads", "booths"] as const;
const STATUS_COLOR: Record<(typeof MEETING_STATUSES)[number], string> = {
  SCHEDULED: "#2563eb",
  IN_PROGRESS: "#f59e0b",
  COMPLETED: "#16a34a",
  NO_SHOW: "#dc2626",
  CANCELLED: "#94a3b8",
};
const DIMENSION_TITLE: Record<Dimension, KeyOf<typeof dashboardCatalog>> = {
  sector: "report.investment.bySector",
  region: "report.investment.byRegion",
  country: "report.investment.byCountry",
};

export default function FairDashboard() {
  const { fair, filters, problems, report, canOpenFair } = useLoaderData<typeof loader>();
  const { t, pick, label, money, locale } = useI18n(agendaCatalog, dashboardCatalog, videoCatalog, roadshowsCatalog);
  const num = (n: number) => new Intl.NumberFormat(locale).format(n);
  const pct = (r: number | null) =>
    r === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(r);
  const base = `/staff/fairs/${fair.id}/dashboard`;
  const list = (kind: string, extra: Record<string, string | undefined> = {}) =>
    `${base}/${kind}${reportQuery(filters, extra)}`;
  const to = (href: string, n: number, testId?: string): ReactNode => (
    <Link to={href} data-testid={testId}>
      {num(n)}
    </Link>
  );
  const dimLabel = (d: Dimension, key: string) =>
    key === "none"
      ? t("report.none")
      : d === "sector"
        ? label("sector", key)
        : d === "region"
          ? label("region", key)
          : countryName(locale, key);
  const f = report.funnel;
  const stages = [
    { key: "visits", label: t("report.funnel.visits"), n: f.visits, href: list("booths", { sort: "visits" }) },
    {
      key: "bookmarks",
      label: t("report.funnel.bookmarks"),
      n: f.bookmarks,
      href: list("booths", { sort: "bookmarks" }),
    },
    { key: "requests", label: t("report.funnel.requests"), n: f.requests, href: list("requests") },
    { key: "held", label: t("report.funnel.held"), n: f.held, href: list("meetings", { status: "COMPLETED" }) },
    {
      key: "withOutcome",
      label: t("report.funnel.withOutcome"),
      n: f.withOutcome,
      href: list("meetings", { outcome: "1" }),
    },
  ];
  const ratios = stageRatios(stages.map((x) => x.n));
  const due = report.meetingsByStatus.COMPLETED + report.meetingsByStatus.NO_SHOW;
  const currencies = report.investment.totals.map((r) => r.currency);
  const moneyLink = (r: MoneyRow, d?: Dimension) => (
    <Link to={list("outcomes", { counted: "1", currency: r.currency, dim: d, key: d ? r.key : undefined })}>
      {money(r.minor, r.currency)}
    </Link>
  );
  const booths = (metric: "visits" | "bookmarks" | "requests") =>
    report.topBooths[metric].map((b) => [
      <Link key="b" to={`/booths/${b.id}`}>
        {pick(b.orgZh, b.orgEn)}
      </Link>,
      pick(b.hallZh, b.hallEn),
      metric === "requests" ? to(list("requests", { booth: b.id }), b.requests) : num(b[metric]),
      to(list("meetings", { booth: b.id, status: "COMPLETED" }), b.held),
    ]);
  const s = report.survey;
  const surveyRow = (name: string, x: typeof s.all, role?: string) => [
    name,
    to(list("surveys", { role }), x.responses),
    x.nps === null ? "—" : String(x.nps),
    num(x.promoters),
    num(x.passives),
    num(x.detractors),
    x.satisfaction ?? "—",
  ];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold" data-testid="report-title">
          {t("report.title", { fair: pick(fair.titleZh, fair.titleEn) })}
        </h1>
        {canOpenFair && <Link to={`/staff/fairs/${fair.id}`}>{t("report.backToFair")}</Link>}
      </div>
      <Card>
        <ReportFilterForm filters={filters} options={fair} problems={problems} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("report.funnel")}</h2>
          <BarChartView
            title={t("report.funnel")}
            horizontal
            categoryKey="label"
            data={stages.map((x) => ({ label: x.label, n: x.n }))}
            series={[{ key: "n", label: t("report.count"), color: PALETTE[0] }]}
          />
          <DataTable
            testId="funnel-table"
            caption={t("report.funnel.caption")}
            columns={[
              { label: t("report.funnel.stage") },
              { label: t("report.count"), numeric: true },
              { label: t("report.funnel.conversion"), numeric: true },
            ]}
            rows={stages.map((x, i) => [
              x.label,
              to(x.href, x.n, `funnel-${x.key}`),
              ratios[i] === "exceeds" ? (
                <span data-testid={`funnel-exceeds-${x.key}`}>
                  —<sup aria-hidden="true">*</sup>
                  <span className="sr-only">{t("report.funnel.exceedsCell")}</span>
                </span>
              ) : i === 0 ? (
                ""
              ) : (
                pct(ratios[i] as number | null)
              ),
            ])}
          />
          {ratios.includes("exceeds") && (
            <p className="mt-2 text-xs text-slate-500" data-testid="funnel-exceeds-note">
              {t("report.funnel.exceeds")}
            </p>
          )}
          {(filters.from || filters.to) && (
            <p className="mt-2 text-xs text-slate-500" data-testid="funnel-dates-note">
              {t("report.funnel.dates")}
            </p>
          )}
          <p className="mt-2 text-sm text-slate-600">{t("report.visitors", { count: f.visitors })}</p>
          <DataTable
            testId="roadshow-funnel-table"
            caption={t("report.funnel.roadshowCaption")}
            columns={[{ label: t("report.funnel.stage") }, { label: t("report.count"), numeric: true }]}
            rows={(
              [
                ["roadshowRegistrations", report.roadshowFunnel.registrations],
                ["roadshowViewers", report.roadshowFunnel.viewers],
                ["roadshowMeetingRequests", report.roadshowFunnel.meetingRequests],
              ] as const
            ).map(([key, n]) => [
              t(`report.funnel.${key}`),
              <span key={key} data-testid={`funnel-${key}`}>
                {num(n)}
              </span>,
            ])}
          />
          <p className="text-sm text-slate-600" data-testid="no-show-rate">
            {t("report.noShowRate")}:{" "}
            {due === 0 ? (
              t("report.noShowRate.none")
            ) : (
              <>
                {t("report.noShowRate.value", {
                  rate: pct(report.noShowRate),
                  noShow: report.meetingsByStatus.NO_SHOW,
                  due,
                })}{" "}
                · <Link to={list("meetings", { status: "NO_SHOW" })}>{t("report.list.meetings")}</Link>
              </>
            )}
          </p>
        </Card>

        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("report.perDay")}</h2>
          <BarChartView
            title={t("report.perDay")}
            stacked
            categoryKey="day"
            data={report.perDay}
            series={MEETING_STATUSES.map((st) => ({
              key: st,
              label: label("agenda.meeting", st),
              color: STATUS_COLOR[st],
            }))}
          />
          {report.perDay.length === 0 ? (
            <p className="text-sm text-slate-600">{t("report.empty")}</p>
          ) : (
            <div className="overflow-x-auto">
              <DataTable
                testId="per-day-table"
                caption={t("report.perDay.caption")}
                columns={[
                  { label: t("report.day") },
                  ...MEETING_STATUSES.map((st) => ({ label: label("agenda.meeting", st), numeric: true })),
                  { label: t("report.total"), numeric: true },
                ]}
                rows={report.perDay.map((d) => [
                  d.day,
                  ...MEETING_STATUSES.map((st) => to(list("meetings", { day: d.day, status: st }), d[st])),
                  to(
                    list("meetings", { day: d.day }),
                    MEETING_STATUSES.reduce((a, st) => a + d[st], 0),
                  ),
                ])}
              />
            </div>
          )}
        </Card>
      </div>

      <Card>
        <h2 className="mb-1 text-lg font-semibold">{t("report.investment")}</h2>
        <p className="mb-3 text-xs text-slate-500">{t("report.investment.rule")}</p>
        {report.investment.totals.length === 0 ? (
          <p className="text-sm text-slate-600">{t("report.empty")}</p>
        ) : (
          <>
            <DataTable
              testId="investment-totals"
              caption={t("report.investment.totals")}
              columns={[
                { label: t("report.currency") },
                { label: t("report.investment.amount"), numeric: true },
                { label: t("report.investment.meetings"), numeric: true },
              ]}
              rows={report.investment.totals.map((r) => [r.currency, moneyLink(r), num(r.meetings)])}
            />
            {currencies.map((cur) => (
              <BarChartView
                key={cur}
                title={`${t("report.investment.bySector")} (${cur})`}
                horizontal
                categoryKey="label"
                height={180}
                data={report.investment.sector
                  .filter((r) => r.currency === cur)
                  .map((r) => ({ label: dimLabel("sector", r.key), amount: r.minor / 10 ** currencyDigits(cur) }))}
                series={[{ key: "amount", label: cur, color: PALETTE[1] }]}
                format={(n) =>
                  new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(n)
                }
              />
            ))}
            <div className="mt-4 grid gap-6 lg:grid-cols-3">
              {DIMENSIONS.map((d) => (
                <DataTable
                  key={d}
                  testId={`investment-${d}`}
                  caption={t("report.investment.caption", { dimension: t(DIMENSION_TITLE[d]) })}
                  columns={[
                    { label: t(DIMENSION_TITLE[d]) },
                    { label: t("report.investment.amount"), numeric: true },
                    { label: t("report.investment.meetings"), numeric: true },
                  ]}
                  rows={report.investment[d].map((r) => [dimLabel(d, r.key), moneyLink(r, d), num(r.meetings)])}
                />
              ))}
            </div>
          </>
        )}
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("report.outcomes")}</h2>
          <DataTable
            testId="outcomes-table"
            caption={t("report.outcomes.caption")}
            columns={[{ label: t("report.col.result") }, { label: t("report.count"), numeric: true }]}
            rows={[
              ...OUTCOME_RESULTS.map((r) => [
                t(`outcome.result.${r}`),
                to(list("outcomes", { result: r }), report.outcomes.byResult[r]),
              ]),
              [t("report.total"), to(list("outcomes"), report.outcomes.total)],
            ]}
          />
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("report.satisfaction")}</h2>
          <p className="text-sm" data-testid="rating">
            {t("report.rating")}:{" "}
            {report.outcomes.rating.average === null ? (
              "—"
            ) : (
              <Link to={list("outcomes")}>
                {t("report.rating.value", {
                  average: report.outcomes.rating.average,
                  count: report.outcomes.rating.count,
                })}
              </Link>
            )}
          </p>
          <p className="mb-3 text-xs text-slate-500">
            {t("report.rating.bySide", {
              investor: report.outcomes.ratingInvestor.average ?? "—",
              exhibitor: report.outcomes.ratingExhibitor.average ?? "—",
            })}
          </p>
          <h3 className="font-medium">{t("report.survey")}</h3>
          <p className="mb-2 text-xs text-slate-500">{t("report.survey.scope")}</p>
          <div className="overflow-x-auto">
            <DataTable
              testId="survey-table"
              caption={t("report.survey.caption")}
              columns={[
                { label: t("report.survey.group") },
                { label: t("report.survey.responses"), numeric: true },
                { label: t("report.survey.nps"), numeric: true },
                { label: t("report.survey.promoters"), numeric: true },
                { label: t("report.survey.passives"), numeric: true },
                { label: t("report.survey.detractors"), numeric: true },
                { label: t("report.survey.satisfaction"), numeric: true },
              ]}
              rows={[
                surveyRow(t("report.survey.all"), s.all),
                surveyRow(label("role", "EXHIBITOR"), s.exhibitors, "EXHIBITOR"),
                surveyRow(label("role", "INVESTOR"), s.investors, "INVESTOR"),
              ]}
            />
          </div>
          <BarChartView
            title={t("report.survey.distribution")}
            categoryKey="score"
            height={180}
            data={s.distribution.map((n, score) => ({ score: String(score), n }))}
            series={[{ key: "n", label: t("report.survey.responses"), color: PALETTE[4] }]}
          />
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-600">{t("report.showTable")}</summary>
            <DataTable
              caption={t("report.survey.distribution.caption")}
              columns={[{ label: t("report.survey.score") }, { label: t("report.survey.responses"), numeric: true }]}
              rows={s.distribution.map((n, score) => [String(score), num(n)])}
            />
          </details>
        </Card>
      </div>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("report.topBooths")}</h2>
        <div className="grid gap-6 lg:grid-cols-3">
          {(["visits", "bookmarks", "requests"] as const).map((m) => (
            <div key={m}>
              <DataTable
                testId={`top-booths-${m}`}
                caption={t("report.topBooths.caption", { metric: t(`report.topBooths.${m}`) })}
                columns={[
                  { label: t("report.col.booth") },
                  { label: t("report.col.hall") },
                  { label: t(`report.col.${m}`), numeric: true },
                  { label: t("report.col.held"), numeric: true },
                ]}
                rows={booths(m)}
              />
              <Link to={list("booths", { sort: m })} className="text-sm">
                {t("report.list.booths")} →
              </Link>
            </div>
          ))}
        </div>
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("report.topProjects")}</h2>
        {report.topProjects.length === 0 ? (
          <p className="text-sm text-slate-600">{t("report.empty")}</p>
        ) : (
          <DataTable
            testId="top-projects"
            caption={t("report.topProjects.caption")}
            columns={[
              { label: t("report.col.project") },
              { label: t("report.col.exhibitor") },
              { label: t("report.col.sector") },
              { label: t("report.col.requests"), numeric: true },
              { label: t("report.list.meetings"), numeric: true },
              { label: t("report.col.held"), numeric: true },
            ]}
            rows={report.topProjects.map((p) => [
              pick(p.titleZh, p.titleEn),
              pick(p.orgZh, p.orgEn),
              label("sector", p.sector),
              to(list("requests", { project: p.id }), p.requests),
              to(list("meetings", { project: p.id }), p.meetings),
              to(list("meetings", { project: p.id, status: "COMPLETED" }), p.held),
            ])}
          />
        )}
      </Card>

      <Card>
        <h2 className="mb-1 text-lg font-semibold">{t("report.exports")}</h2>
        <p className="mb-3 text-sm text-slate-600">{t("report.exports.intro")}</p>
        <ul className="space-y-2">
          {EXPORTS.map((kind) => (
            <li key={kind} className="flex flex-wrap items-center gap-2">
              <span className="w-28 font-medium">{t(`report.list.${kind}`)}</span>
              <DownloadButton
                href={`${base}/${kind}/export${reportQuery(filters, { format: "csv" })}`}
                testId={`export-${kind}-csv`}
              >
                {t("report.export.csv")}
              </DownloadButton>
              <DownloadButton
                href={`${base}/${kind}/export${reportQuery(filters, { format: "xlsx" })}`}
                testId={`export-${kind}-xlsx`}
              >
                {t("report.export.xlsx")}
              </DownloadButton>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

function countryName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
