// Real <table>s for the dashboard and its lists. On a phone each row becomes a card whose cells
// carry their column name (data-label), so wide tables stay readable without sideways scrolling.
import type { ReactNode } from "react";

export interface TableColumn {
  label: string;
  numeric?: boolean;
}

export function DataTable({
  caption,
  columns,
  rows,
  testId,
  captionHidden = false,
}: {
  caption: string;
  columns: TableColumn[];
  rows: ReactNode[][];
  testId?: string;
  captionHidden?: boolean;
}) {
  return (
    <table className="w-full border-collapse text-sm" data-testid={testId}>
      <caption className={captionHidden ? "sr-only" : "mb-2 text-left text-sm font-medium text-slate-700"}>
        {caption}
      </caption>
      <thead className="max-md:sr-only">
        <tr className="border-b border-slate-200 text-left text-slate-600">
          {columns.map((c) => (
            <th key={c.label} scope="col" className={`px-2 py-1.5 font-medium ${c.numeric ? "text-right" : ""}`}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr
            key={i}
            className="border-b border-slate-100 max-md:mb-3 max-md:block max-md:rounded max-md:border max-md:border-slate-200 max-md:p-2"
          >
            {row.map((cell, j) => {
              const Tag = j === 0 ? "th" : "td";
              return (
                <Tag
                  key={j}
                  scope={j === 0 ? "row" : undefined}
                  data-label={columns[j]?.label}
                  className={`px-2 py-1.5 align-top font-normal max-md:flex max-md:justify-between max-md:gap-3 max-md:px-0 max-md:py-0.5 max-md:text-right max-md:before:text-left max-md:before:font-medium max-md:before:text-slate-500 max-md:before:content-[attr(data-label)] ${j === 0 ? "text-left" : ""} ${columns[j]?.numeric ? "text-right tabular-nums" : ""}`}
                >
                  {cell ?? ""}
                </Tag>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
