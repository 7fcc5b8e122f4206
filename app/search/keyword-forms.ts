// Catalog terms in the reader's language, for text shown to people (reason chips): an English
// reader sees "semiconductors", not 半导体, when the synonym table knows the English form.
import type { Locale } from "../i18n/locale.ts";
import { SYNONYM_GROUPS } from "./synonym-table.ts";

const HAN = /\p{Script=Han}/u;
const norm = (s: string) => s.normalize("NFKC").toLowerCase().trim();

let english: Map<string, string> | null = null;

/** Chinese phrase (normalized) → its English form: the phrase that follows it in its group. */
function englishForms(): Map<string, string> {
  if (english) return english;
  const map = new Map<string, string>();
  for (const group of SYNONYM_GROUPS) {
    const firstLatin = group.find((p) => !HAN.test(p));
    group.forEach((phrase, i) => {
      if (!HAN.test(phrase)) return;
      const next = group[i + 1];
      const en = next !== undefined && !HAN.test(next) ? next : firstLatin;
      if (en) map.set(norm(phrase), en);
    });
  }
  return (english = map);
}

/** The English form of a term from the synonym table, or null (English or unknown terms). */
export function englishForm(term: string): string | null {
  return HAN.test(term) ? (englishForms().get(norm(term)) ?? null) : null;
}

/**
 * Keywords as a reader of `locale` should see them, repeats dropped. Chinese readers see them as
 * found. English readers see English terms only: a Chinese keyword becomes its English form when
 * the synonym table has one and is left out otherwise (so the list may come back empty).
 */
export function keywordsFor(locale: Locale, keywords: readonly string[]): string[] {
  const shown = locale === "en" ? keywords.map((k) => englishForm(k) ?? k).filter((k) => !HAN.test(k)) : keywords;
  const seen = new Set<string>();
  return shown.filter((k) => !seen.has(norm(k)) && !!seen.add(norm(k)));
}
