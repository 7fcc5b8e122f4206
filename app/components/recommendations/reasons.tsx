import type { Reason } from "../../../matching";
import type { KeyOf } from "~/i18n";
import { useI18n } from "~/i18n/use-i18n";
import { matchingCatalog } from "~/i18n/catalog/matching";
import { keywordsFor } from "~/search/keyword-forms";

/** Matching reasons (structured codes + params from matching/) in the viewer's language. */
export function Reasons({ reasons }: { reasons: Reason[] }) {
  const { t, label, money, list, locale } = useI18n(matchingCatalog);
  const text = (r: Reason) => {
    const p = r.params;
    const str = (v: unknown) => (Array.isArray(v) ? list(v.map(String)) : String(v ?? ""));
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(p)) params[k] = typeof v === "number" ? v : str(v);
    // Keywords come in the language of the text they were found in: English readers get English
    // terms, and no chip when none has an English form.
    if (Array.isArray(p.keywords)) {
      const keywords = keywordsFor(locale, p.keywords.map(String));
      if (keywords.length === 0) return null;
      params.keywords = list(keywords);
    }
    if (p.sector) params.sector = label("sector", str(p.sector));
    if (p.region) params.region = label("region", str(p.region));
    if (p.stage) params.stage = label("stage", str(p.stage));
    if (r.code === "ticket-fits") {
      const cur = str(p.currency || "CNY");
      const min = typeof p.min === "number" ? money(p.min, cur) : "";
      const max = typeof p.max === "number" ? money(p.max, cur) : "";
      params.range = min && max ? `${min} – ${max}` : min || max;
    }
    if (r.code === "showed-interest") params.kind = t(`interest.${str(p.kind)}` as KeyOf<typeof matchingCatalog>);
    return t(`reason.${r.code}` as KeyOf<typeof matchingCatalog>, params);
  };
  return (
    <ul className="mt-1 flex flex-wrap gap-1" data-testid="reasons">
      {reasons.map((r, i) => {
        const shown = text(r);
        return shown === null ? null : (
          <li key={i} className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-900">
            {shown}
          </li>
        );
      })}
    </ul>
  );
}
