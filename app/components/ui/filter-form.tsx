// The pieces of a GET filter form above a list (fair hall, review queue): labelled selects and the
// submit button, styled alike everywhere.
import type { ReactNode } from "react";

/** A labelled select; with `allLabel`, its first option is "all" (an empty value, no filter). */
export function FilterSelect({
  label,
  name,
  defaultValue,
  options,
  allLabel,
}: {
  label: ReactNode;
  name: string;
  defaultValue?: string;
  options: readonly { value: string; label: string }[];
  allLabel?: string;
}) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-slate-600">{label}</span>
      <select
        name={name}
        defaultValue={defaultValue ?? ""}
        className="rounded border border-slate-300 bg-white px-2 py-1"
      >
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterButton({ children }: { children: ReactNode }) {
  return (
    <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1">
      {children}
    </button>
  );
}
