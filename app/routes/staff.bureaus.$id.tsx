// A bureau's rollup dashboard (ADR 028): its own fairs and those of every bureau below it over a
// period — booths, meetings held, no-show rate, outcomes, intended investment by city, sector and
// investor country (per currency, each deal once) — city by city, each chart beside its table, with
// CSV/XLSX export. Members of the bureau or of a bureau above it, and platform admins.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireBureauMember } from "~/auth/guards.server";
import { BarChartView, PALETTE } from "~/components/reports/charts";
import { DownloadButton } from "~/components/reports/download-button";
import { DataTable } from "~/components/reports/report-table";
import { Card, FormAlert } from "~/components/ui/form";
import { canManageBureau, rollupBureau } from "~/domain/bureaus/bureaus.server";
import { OUTCOME_RESULTS, reportQuery } from "~/domain/reports/filters";
import { currencyDigits } from "~/domain/reports/math";
import { bureauRollup, readPeriod, type MoneyTotal } from "~/domain/reports/rollup.server";
import { bureausCatalog } from "~/i18n/catalog/bureaus";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";
import { videoCatalog } from "~/i18n/catalog/video";
import { useI18n } from "~/i18n/use-i18n";
import { orErrorPage } from "~/lib/responses.server";

export const meta: MetaFunction = () => [{ title: "汇总看板 Rollup · 云展洽" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireBureauMember(request);
  const bureau = await orErrorPage(rollupBureau(user, params.id ?? ""));
  const { period, problems } = readPeriod(new URL(request.url).searchParams);
  return json(
    {
      bureau,
      period,
      problems,
      canManage: canManageBureau(user, bureau.id),
      rollup: await bureauRollup(bureau.id, period),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function BureauRollup() {
  const { bureau, period, problems, canManage, rollup } = useLoaderData<typeof loader>();
  const { t, pick, label, money, locale } = useI18n(bureausCatalog, dashboardCatalog, videoCatalog);
  const num = (n: number) => new Intl.NumberFormat(locale).format(n);
  const pct = (r: number | null) =>
    r === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(r);
  const cityName = (id: string) => {
    const c = rollup.cities.find((x) => x.bureauId === id);
    return c ? (c.own ? `${pick(c.nameZh, c.nameEn)}（${t("rollup.own")}）` : pick(c.nameZh, c.nameEn)) : id;
  };
  const keyName = (dim: "city" | "sector" | "country", key: string) =>
    key === "none" ? t("rollup.none") : dim === "city" ? cityName(key) : dim === "sector" ? label("sector", key) : key;
  const query = reportQuery(period);
  const exportHref = (format: string) => `/staff/bureaus/${bureau.id}/export${reportQuery(period, { format })}`;
  const currencies = [...new Set(rollup.totals.money.map((m) => m.currency))];
  const moneyTable = (dim: "city" | "sector" | "country", title: string) => {
    const rows = rollup.money[dim];
    return (
      <Card key={dim}>
        <h3 className="mb-2 font-semibold">{title}</h3>
        {currencies.map((cur) => (
          <BarChartView
            key={cur}
            title={`${title} · ${cur}`}
            horizontal
            categoryKey="label"
            data={rows
              .filter((r) => r.currency === cur)
              .map((r: MoneyTotal) => ({ label: keyName(dim, r.key), n: r.minor / 10 ** currencyDigits(cur) }))}
            series={[{ key: "n", label: cur, color: PALETTE[1] }]}
          />
        ))}
        <DataTable
          testId={`rollup-money-${dim}`}
          caption={title}
          captionHidden
          columns={[
            { label: t("rollup.col.name") },
            { label: t("rollup.col.currency") },
            { label: t("rollup.col.amount"), numeric: true },
            { label: t("rollup.col.count"), numeric: true },
          ]}
          rows={rows.map((r) => [keyName(dim, r.key), r.currency, money(r.minor, r.currency, true), num(r.deals)])}
        />
      </Card>
    );
  };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold" data-testid="rollup-title">
          {t("rollup.title", { name: pick(bureau.nameZh, bureau.nameEn) })}
        </h1>
        <span className="flex flex-wrap gap-3">
          {canManage && <Link to={`/staff/bureaus/${bureau.id}/members`}>{t("bureau.members.manage")}</Link>}
          <DownloadButton href={exportHref("csv")}>CSV</DownloadButton>
          <DownloadButton href={exportHref("xlsx")}>XLSX</DownloadButton>
        </span>
      </div>
      <p className="text-sm text-slate-600">{t("rollup.intro")}</p>
      <Card>
        <Form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("rollup.period")}>
          <label className="flex flex-col text-sm">
            {t("rollup.from")}
            <input type="date" name="from" defaultValue={period.from ?? ""} className="rounded border px-2 py-1" />
          </label>
          <label className="flex flex-col text-sm">
            {t("rollup.to")}
            <input type="date" name="to" defaultValue={period.to ?? ""} className="rounded border px-2 py-1" />
          </label>
          <button type="submit" className="touch-target rounded bg-brand-600 px-3 py-1.5 text-white">
            {t("rollup.apply")}
          </button>
        </Form>
        {problems.map((p, i) => (
          <FormAlert key={i}>
            {p.kind === "date" ? t("rollup.badDate", { value: p.value }) : t("rollup.swapped")}
          </FormAlert>
        ))}
      </Card>

      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("rollup.totals")}</h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="rollup-totals">
          {(
            [
              ["rollup.col.fairs", num(rollup.totals.fairs)],
              ["rollup.col.booths", num(rollup.totals.booths)],
              ["rollup.col.held", num(rollup.totals.held)],
              ["rollup.col.noShows", num(rollup.totals.noShows)],
              ["rollup.col.noShowRate", pct(rollup.totals.noShowRate)],
              ["rollup.col.count", num(rollup.totals.outcomes)],
            ] as const
          ).map(([k, v]) => (
            <div key={k} className="rounded border border-slate-200 p-2">
              <dt className="text-xs text-slate-600">{t(k)}</dt>
              <dd className="text-lg font-semibold">{v}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("rollup.cities")}</h2>
        <BarChartView
          title={t("rollup.cities")}
          horizontal
          categoryKey="label"
          data={rollup.cities.map((c) => ({ label: cityName(c.bureauId), booths: c.booths, held: c.held }))}
          series={[
            { key: "booths", label: t("rollup.col.booths"), color: PALETTE[0] },
            { key: "held", label: t("rollup.col.held"), color: PALETTE[1] },
          ]}
        />
        <DataTable
          testId="rollup-cities"
          caption={t("rollup.cities")}
          captionHidden
          columns={[
            { label: t("rollup.col.name") },
            { label: t("rollup.col.fairs"), numeric: true },
            { label: t("rollup.col.booths"), numeric: true },
            { label: t("rollup.col.held"), numeric: true },
            { label: t("rollup.col.noShowRate"), numeric: true },
            { label: t("rollup.col.count"), numeric: true },
            { label: t("rollup.col.amount") },
          ]}
          rows={rollup.cities.map((c) => [
            c.own ? (
              cityName(c.bureauId)
            ) : (
              <Link key="c" to={`/staff/bureaus/${c.bureauId}${query}`}>
                {cityName(c.bureauId)}
              </Link>
            ),
            num(c.fairs),
            num(c.booths),
            num(c.held),
            pct(c.noShowRate),
            num(c.outcomes),
            c.money.map((m) => money(m.minor, m.currency, true)).join(" · ") || "—",
          ])}
        />
      </Card>

      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("rollup.results")}</h2>
        <DataTable
          testId="rollup-results"
          caption={t("rollup.results")}
          captionHidden
          columns={[{ label: t("rollup.col.name") }, { label: t("rollup.col.count"), numeric: true }]}
          rows={OUTCOME_RESULTS.map((r) => [t(`outcome.result.${r}`), num(rollup.results[r] ?? 0)])}
        />
      </Card>

      <h2 className="text-lg font-semibold">{t("rollup.investment")}</h2>
      {rollup.totals.money.length === 0 ? (
        <p className="text-slate-600">{t("rollup.empty")}</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-3">
          {moneyTable("city", t("rollup.byCity"))}
          {moneyTable("sector", t("rollup.bySector"))}
          {moneyTable("country", t("rollup.byCountry"))}
        </div>
      )}
    </div>
  );
}
