// A message catalog: one feature's strings in zh-CN and English, side by side. A page ships only the
// catalogs its modules import (they land in the route's JavaScript chunk, cached with it), so the
// root loader carries no messages at all (ADR 004).
//
// Messages are plain text with {placeholders}; a count that changes the wording uses ICU plural
// syntax, e.g. "{count, plural, one {# project} other {# projects}}" (formatted with
// intl-messageformat, whose plural categories come from Intl.PluralRules).
import type { Locale } from "./locale";

export type Messages<K extends string = string> = Readonly<Record<K, string>>;

export interface Catalog<K extends string = string> {
  readonly name: string;
  readonly "zh-CN": Messages<K>;
  readonly en: Messages<K>;
}

export type KeyOf<C> = C extends Catalog<infer K> ? K : never;

/** zh-CN defines the keys; English must have exactly the same ones (a missing key fails tsc). */
export function defineCatalog<const Z extends Record<string, string>>(
  name: string,
  zh: Z,
  en: Record<keyof Z & string, string>,
): Catalog<keyof Z & string> {
  return { name, "zh-CN": zh, en };
}

/** The message for a key from the first catalog that has it, in the locale; undefined if none has. */
export function lookup(catalogs: readonly Catalog[], locale: Locale, key: string): string | undefined {
  for (const c of catalogs) {
    const m = (c[locale] as Record<string, string | undefined>)[key];
    if (m !== undefined) return m;
  }
  return undefined;
}
