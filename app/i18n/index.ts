// Shared (client + server) i18n: locale list, message lookup with {placeholders}, formatting.
import { en } from "./en";
import { zhCN, type MessageKey, type Messages } from "./zh-CN";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export type { MessageKey, Messages };

const catalogs: Record<Locale, Messages> = { "zh-CN": zhCN, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Looks a key up in a catalog and fills its {placeholders}. */
export function interpolate(messages: Messages, key: MessageKey, params?: Record<string, string | number>): string {
  const template = messages[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translator(locale: Locale, messages: Messages = catalogs[locale]): Translate {
  return (key, params) => interpolate(messages, key, params);
}

/** Picks the field of a bilingual record for the locale, falling back to the other language. */
export function pick(locale: Locale, zh: string, enText: string): string {
  return locale === "en" ? enText || zh : zh || enText;
}

/** Money in minor units + ISO currency, formatted for the locale (¥12,500,000.00 / ¥1,250万 style left to Intl). */
export function formatMoney(locale: Locale, minor: number, currency: string): string {
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const major = minor / 10 ** digits;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    notation: major >= 1_000_000 ? "compact" : "standard",
    minimumFractionDigits: major >= 1_000_000 ? 0 : digits,
    maximumFractionDigits: major >= 1_000_000 ? 1 : digits,
  }).format(major);
}

/** A date (and optionally time) in the given IANA zone, with the zone named. */
export function formatDate(locale: Locale, date: Date | string, timeZone: string, withTime = false): string {
  const d = typeof date === "string" ? new Date(date) : date;
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", timeZoneName: "short" } : {}),
  }).format(d);
}

/** The zone's localized long name, e.g. 中国标准时间 / China Standard Time. */
export function zoneName(locale: Locale, timeZone: string, at = new Date()): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "long" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return `${part?.value ?? timeZone} (${timeZone})`;
}
