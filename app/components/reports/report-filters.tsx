// The dashboard's GET filter form (date range in the fair's zone, hall, sector), and a one-line
// summary of the active filters for the lists behind the numbers.
import { Form, Link, useLocation } from "@remix-run/react";
import type { ReportFilters } from "~/domain/reports/filters";
import { zoneName } from "~/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";

export interface FilterOptions {
  timeZone: string;
  halls: { slug: string; nameZh: string; nameEn: string }[];
  sectors: string[];
}

export function ReportFilterForm({ filters, options }: { filters: ReportFilters; options: FilterOptions }) {
  const { t, pick, label, locale } = useI18n(dashboardCatalog);
  const { pathname } = useLocation();
  const input = "rounded border border-slate-300 bg-white px-2 py-1";
  return (
    <Form
      method="get"
      className="flex flex-wrap items-end gap-3 text-sm"
      aria-label={t("report.filters")}
      data-testid="report-filters"
    >
      <label className="flex flex-col gap-1">
        {t("report.filter.from")}
        <input type="date" name="from" defaultValue={filters.from ?? ""} className={input} />
      </label>
      <label className="flex flex-col gap-1">
        {t("report.filter.to")}
        <input type="date" name="to" defaultValue={filters.to ?? ""} className={input} />
      </label>
      <label className="flex flex-col gap-1">
        {t("report.filter.hall")}
        <select name="hall" defaultValue={filters.hall ?? ""} className={input}>
          <option value="">{t("report.filter.all")}</option>
          {options.halls.map((h) => (
            <option key={h.slug} value={h.slug}>
              {pick(h.nameZh, h.nameEn)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        {t("report.filter.sector")}
        <select name="sector" defaultValue={filters.sector ?? ""} className={input}>
          <option value="">{t("report.filter.all")}</option>
          {options.sectors.map((s) => (
            <option key={s} value={s}>
              {label("sector", s)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
        {t("report.filter.apply")}
      </button>
      <Link to={pathname} className="py-1.5">
        {t("report.filter.reset")}
      </Link>
      <p className="basis-full text-xs text-slate-500">
        {t("report.zoneNote", { zone: zoneName(locale, options.timeZone) })}
      </p>
    </Form>
  );
}

export function FilterSummary({ filters, options }: { filters: ReportFilters; options: FilterOptions }) {
  const { t, pick, label } = useI18n(dashboardCatalog);
  const hall = options.halls.find((h) => h.slug === filters.hall);
  const parts = [
    filters.from || filters.to ? `${filters.from ?? "…"} – ${filters.to ?? "…"}` : null,
    hall ? pick(hall.nameZh, hall.nameEn) : filters.hall,
    filters.sector ? label("sector", filters.sector) : null,
  ].filter(Boolean);
  return (
    <p className="text-sm text-slate-600" data-testid="filter-summary">
      {parts.length ? t("report.filter.active", { filters: parts.join(" · ") }) : t("report.filter.none")}
    </p>
  );
}
