// Bar charts (recharts), drawn in the browser only: recharts is loaded after hydration, so the
// server never renders it and the page's first load stays small. The box keeps its fixed height
// before and after, and every chart sits next to a <table> with the same numbers.
import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";

type Recharts = typeof import("recharts");

let loaded: Recharts | null = null;

function useRecharts(): Recharts | null {
  const [lib, setLib] = useState<Recharts | null>(loaded);
  useEffect(() => {
    if (lib) return;
    let live = true;
    void import("recharts").then((m) => {
      loaded = m;
      if (live) setLib(m);
    });
    return () => {
      live = false;
    };
  }, [lib]);
  return lib;
}

export interface Series {
  key: string;
  label: string;
  color: string;
}

export const PALETTE = ["#2563eb", "#16a34a", "#f59e0b", "#dc2626", "#7c3aed", "#0891b2", "#64748b"];

export function BarChartView({
  title,
  data,
  categoryKey,
  series,
  stacked = false,
  horizontal = false,
  height = 240,
  format,
}: {
  title: string;
  data: Record<string, string | number>[];
  categoryKey: string;
  series: Series[];
  stacked?: boolean;
  horizontal?: boolean;
  height?: number;
  /** Formats values on the value axis and in tooltips (e.g. compact money). */
  format?: (n: number) => string;
}) {
  const R = useRecharts();
  const { t } = useI18n(dashboardCatalog);
  return (
    <figure
      role="img"
      aria-label={t("report.chartLabel", { title })}
      className="w-full"
      style={{ height }}
      data-testid="chart"
    >
      {R && data.length > 0 && (
        <R.ResponsiveContainer width="100%" height={height}>
          <R.BarChart
            data={data}
            layout={horizontal ? "vertical" : "horizontal"}
            margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          >
            <R.CartesianGrid strokeDasharray="3 3" />
            {horizontal ? (
              <R.XAxis type="number" allowDecimals={false} tickFormatter={format} />
            ) : (
              <R.XAxis dataKey={categoryKey} />
            )}
            {horizontal ? (
              <R.YAxis type="category" dataKey={categoryKey} width={120} />
            ) : (
              <R.YAxis allowDecimals={false} tickFormatter={format} />
            )}
            <R.Tooltip formatter={format ? (v) => format(Number(v)) : undefined} />
            {series.length > 1 && <R.Legend />}
            {series.map((s) => (
              <R.Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                fill={s.color}
                stackId={stacked ? "all" : undefined}
                isAnimationActive={false}
              />
            ))}
          </R.BarChart>
        </R.ResponsiveContainer>
      )}
    </figure>
  );
}
