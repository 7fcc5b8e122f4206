// Shared (client + server) i18n: locales, translators over catalogs, formatting.
import { dateTimeFormat, listFormat, numberFormat } from "~/lib/intl";
import { lookup, type Catalog } from "./catalog";
import { formatMessage, type MessageParams } from "./format-message";
import type { Locale } from "./locale";

export { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./locale";
export type { Catalog, KeyOf } from "./catalog";
export type { MessageKey } from "./all-catalogs.server";
export type { MessageParams };

export type Translate<K extends string = import("./all-catalogs.server").MessageKey> = (
  key: K,
  params?: MessageParams,
) => string;

/** A translator over the given catalogs; a key none of them has is shown as itself. */
export function translator<K extends string>(locale: Locale, catalogs: readonly Catalog[]): Translate<K> {
  return (key, params) => formatMessage(locale, lookup(catalogs, locale, key) ?? key, params);
}

/** Joins items as the locale does ("A、B和C" / "A, B, and C"). */
export function formatList(locale: Locale, items: readonly string[]): string {
  return listFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

/** Picks the field of a bilingual record for the locale, falling back to the other language. */
export function pick(locale: Locale, zh: string, enText: string): string {
  return locale === "en" ? enText || zh : zh || enText;
}

/**
 * Money in minor units + ISO currency, formatted for the locale: amounts of a million or more in
 * short form (¥1,250万 style left to Intl) unless `exact` (tables people read figures from).
 */
export function formatMoney(locale: Locale, minor: number, currency: string, exact = false): string {
  const digits = currencyDigits(currency);
  const major = minor / 10 ** digits;
  const short = !exact && major >= 1_000_000;
  return numberFormat(locale, {
    style: "currency",
    currency,
    notation: short ? "compact" : "standard",
    minimumFractionDigits: short ? 0 : digits,
    maximumFractionDigits: short ? 1 : digits,
  }).format(major);
}

/** Minor-unit digits per currency (2 for CNY, 0 for JPY), remembered: pages format dozens of amounts. */
const digitsByCurrency = new Map<string, number>();
function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    if (digitsByCurrency.size >= 256) digitsByCurrency.clear();
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** A date (and optionally time) in the given IANA zone, with the zone named. */
export function formatDate(locale: Locale, date: Date | string, timeZone: string, withTime = false): string {
  const d = typeof date === "string" ? new Date(date) : date;
  return dateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", timeZoneName: "short" } : {}),
  }).format(d);
}

/** The zone's localized long name, e.g. 中国标准时间 / China Standard Time. */
export function zoneName(locale: Locale, timeZone: string, at = new Date()): string {
  const part = dateTimeFormat(locale, { timeZone, timeZoneName: "long" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return `${part?.value ?? timeZone} (${timeZone})`;
}
