// Bar charts (recharts), drawn in the browser only: recharts is loaded after hydration, so the
// server never renders it and the page's first load stays small. The box keeps its fixed height
// before and after, and every chart sits next to a <table> with the same numbers.
import { useEffect, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { dashboardCatalog } from "~/i18n/catalog/dashboard";
import { textWidth, wrapLabel } from "./chart-labels";

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

/** Category tick labels: one size on every chart, so the layout below can measure them. */
const TICK_FONT = 12;
const LINE = 15;
/** Widest category axis of a horizontal chart (keeps room for the bars on a 360 px phone). */
const MAX_AXIS = 120;
/** Vertical charts: more categories than this get slanted labels (each one stays drawn). */
const SLANT_AFTER = 4;

interface TickProps {
  x?: number;
  y?: number;
  payload?: { value: string | number };
}

/** A category label drawn whole, in as many lines as it needs, right-aligned against the axis. */
function WrappedTick({ x = 0, y = 0, payload, maxWidth }: TickProps & { maxWidth: number }) {
  const lines = wrapLabel(String(payload?.value ?? ""), maxWidth, TICK_FONT);
  return (
    <text x={x - 4} y={y} textAnchor="end" fontSize={TICK_FONT} fill="#334155" dominantBaseline="central">
      {lines.map((line, i) => (
        <tspan key={i} x={x - 4} dy={i === 0 ? -((lines.length - 1) * LINE) / 2 : LINE}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

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
  /** Height of the box; a horizontal chart grows beyond it when its labels need the room. */
  height?: number;
  /** Formats values on the value axis and in tooltips (e.g. compact money). */
  format?: (n: number) => string;
}) {
  const R = useRecharts();
  const { t } = useI18n(dashboardCatalog);
  const labels = data.map((d) => String(d[categoryKey] ?? ""));
  // Every category gets its label (recharts hides "overlapping" ticks by default, which dropped
  // every other sector): horizontal charts wrap labels into an axis sized to them and give each
  // bar the rows its label needs; vertical charts slant their labels when there are many.
  const axisWidth = Math.min(MAX_AXIS, Math.max(48, ...labels.map((l) => textWidth(l, TICK_FONT) + 12)));
  const rows = labels.map((l) => wrapLabel(l, axisWidth - 10, TICK_FONT).length);
  const boxHeight = horizontal
    ? Math.max(height, rows.reduce((a, n) => a + Math.max(32, n * LINE + 12), 0) + 48)
    : height;
  const slant = !horizontal && labels.length > SLANT_AFTER && labels.some((l) => textWidth(l, TICK_FONT) > 24);
  return (
    <figure
      role="img"
      aria-label={t("report.chartLabel", { title })}
      className="w-full"
      style={{ height: boxHeight }}
      data-testid="chart"
    >
      {R && data.length > 0 && (
        <R.ResponsiveContainer width="100%" height={boxHeight}>
          <R.BarChart
            data={data}
            layout={horizontal ? "vertical" : "horizontal"}
            margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          >
            <R.CartesianGrid strokeDasharray="3 3" />
            {horizontal ? (
              <R.XAxis type="number" allowDecimals={false} tickFormatter={format} fontSize={TICK_FONT} />
            ) : (
              <R.XAxis
                dataKey={categoryKey}
                interval={0}
                fontSize={TICK_FONT}
                angle={slant ? -35 : 0}
                textAnchor={slant ? "end" : "middle"}
                height={slant ? 64 : 30}
              />
            )}
            {horizontal ? (
              <R.YAxis
                type="category"
                dataKey={categoryKey}
                width={axisWidth}
                interval={0}
                tick={<WrappedTick maxWidth={axisWidth - 10} />}
              />
            ) : (
              <R.YAxis allowDecimals={false} tickFormatter={format} fontSize={TICK_FONT} />
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
