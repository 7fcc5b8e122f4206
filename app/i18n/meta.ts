// Browser tab titles in the page's language. `meta` functions do not run inside React, so they read
// the locale from the root loader's data among the route matches.
import { isLocale, pick, type Locale } from "./index";

const SITE: Record<Locale, string> = { "zh-CN": "云展洽", en: "CloudFair" };

/** The locale of the page being rendered (the root loader's), zh-CN when it is not known. */
export function metaLocale(matches: readonly { id: string; data?: unknown }[]): Locale {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined)?.locale;
  return typeof locale === "string" && isLocale(locale) ? locale : "zh-CN";
}

/** "<name> · 云展洽" / "<name> · CloudFair", the name picked from its two languages; the site alone without one. */
export function pageTitle(locale: Locale, zh?: string | null, en?: string | null): string {
  const name = pick(locale, zh ?? "", en ?? "");
  return name ? `${name} · ${SITE[locale]}` : SITE[locale];
}
