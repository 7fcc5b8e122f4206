// The dashboard's GET filter form (date range in the fair's zone, hall, sector), and a one-line
// summary of the active filters for the lists behind the numbers. What was wrong with the filters
// as given (an impossible date: ignored; `from` after `to`: swapped) is said next to the filter.
import { Form, Link, useLocation } from "@remix-run/react";
import { filterProblemMessage, reportQuery, type FilterProblem, type ReportFilters } from "~/domain/reports/filters";
import { zoneName } from "~/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";

export interface FilterOptions {
  timeZone: string;
  halls: { slug: string; nameZh: string; nameEn: string }[];
  sectors: string[];
}

/** The problems' messages, each tied to its date field (`from`/`to`) or to the range (`swapped`). */
function useProblemText(problems: readonly FilterProblem[]) {
  const { t } = useI18n(dashboardCatalog);
  return (which: "from" | "to" | "swapped") =>
    problems
      .filter((p) => (p.kind === "swapped" ? which === "swapped" : p.field === which))
      .map((p) => filterProblemMessage(t, p));
}

export function ReportFilterForm({
  filters,
  options,
  problems = [],
}: {
  filters: ReportFilters;
  options: FilterOptions;
  problems?: readonly FilterProblem[];
}) {
  const { t, pick, label, locale } = useI18n(dashboardCatalog);
  const { pathname } = useLocation();
  const problemText = useProblemText(problems);
  const input = "rounded border border-slate-300 bg-white px-2 py-1";
  const dateField = (name: "from" | "to") => {
    const errors = problemText(name);
    return (
      <label className="flex max-w-xs flex-col gap-1">
        {t(name === "from" ? "report.filter.from" : "report.filter.to")}
        <input
          type="date"
          name={name}
          defaultValue={filters[name] ?? ""}
          className={`${input} ${errors.length ? "border-red-600" : ""}`}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={errors.length ? `filter-${name}-error` : undefined}
        />
        {errors.length > 0 && (
          <span id={`filter-${name}-error`} className="text-xs text-red-700" data-testid={`filter-${name}-error`}>
            {errors.join(" ")}
          </span>
        )}
      </label>
    );
  };
  const swapped = problemText("swapped");
  return (
    // Keyed by the applied filters: after a navigation the fields show what applies (a swapped range,
    // an ignored date), not what was typed.
    <Form
      key={reportQuery(filters)}
      method="get"
      className="flex flex-wrap items-end gap-3 text-sm"
      aria-label={t("report.filters")}
      data-testid="report-filters"
    >
      {dateField("from")}
      {dateField("to")}
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
      {swapped.length > 0 && (
        <p role="status" className="basis-full text-sm text-amber-800" data-testid="filter-swapped">
          {swapped.join(" ")}
        </p>
      )}
      <p className="basis-full text-xs text-slate-500">
        {t("report.zoneNote", { zone: zoneName(locale, options.timeZone) })}
      </p>
    </Form>
  );
}

export function FilterSummary({
  filters,
  options,
  problems = [],
}: {
  filters: ReportFilters;
  options: FilterOptions;
  problems?: readonly FilterProblem[];
}) {
  const { t, pick, label } = useI18n(dashboardCatalog);
  const problemText = useProblemText(problems);
  const messages = [...problemText("from"), ...problemText("to"), ...problemText("swapped")];
  const hall = options.halls.find((h) => h.slug === filters.hall);
  const parts = [
    filters.from || filters.to ? `${filters.from ?? "…"} – ${filters.to ?? "…"}` : null,
    hall ? pick(hall.nameZh, hall.nameEn) : filters.hall,
    filters.sector ? label("sector", filters.sector) : null,
  ].filter(Boolean);
  return (
    <>
      <p className="text-sm text-slate-600" data-testid="filter-summary">
        {parts.length ? t("report.filter.active", { filters: parts.join(" · ") }) : t("report.filter.none")}
      </p>
      {messages.map((m) => (
        <p key={m} className="text-sm text-red-700" data-testid="filter-problem">
          {m}
        </p>
      ))}
    </>
  );
}
