// Fills a message's {placeholders}. Messages with ICU plural/select syntax go through
// intl-messageformat (compiled once per locale and message); plain ones take a string replace.
import { IntlMessageFormat } from "intl-messageformat";
import type { Locale } from "./locale";

export type MessageParams = Record<string, string | number>;

const ICU = /\{\s*\w+\s*,\s*(plural|select|selectordinal)\s*,/;
const compiled = new Map<string, IntlMessageFormat>();
const MAX_COMPILED = 2_000; // catalogs hold a few hundred ICU messages; the bound only guards misuse

function icu(locale: Locale, template: string): IntlMessageFormat {
  const cacheKey = `${locale}\u0000${template}`;
  let f = compiled.get(cacheKey);
  if (!f) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    f = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
    compiled.set(cacheKey, f);
  }
  return f;
}

export function formatMessage(locale: Locale, template: string, params?: MessageParams): string {
  if (ICU.test(template)) {
    try {
      return String(icu(locale, template).format(params ?? {}));
    } catch {
      // A missing plural argument: fall through and show the placeholders rather than fail a page.
    }
  }
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The argument names a message uses ({name} and the selector of {count, plural, …}). */
export function messageArguments(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(/\{\s*(\w+)\s*(?:,|\})/g)) names.add(m[1]);
  names.delete("other");
  return [...names].sort();
}
