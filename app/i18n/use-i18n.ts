import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { lookup, type Catalog, type KeyOf } from "./catalog";
import { coreCatalog } from "./catalog/core";
import { formatDate, formatList, formatMoney, pick, translator, type Locale, type Translate } from "./index";

export type LabelGroup =
  | "sector"
  | "region"
  | "stage"
  | "booth.tier"
  | "booth.status"
  | "fair.status"
  | "role"
  | "pay.status"
  | "review.status"
  | "search.type"
  | "agenda.status"
  | "agenda.meeting";

/** The label groups whose codes the given keys cover. */
type GroupsIn<K extends string> = {
  [G in LabelGroup]: [Extract<K, `${G}.${string}`>] extends [never] ? never : G;
}[LabelGroup];

/**
 * Locale-bound helpers for components. Pass the catalogs the component uses besides the core one:
 * `useI18n(boothsCatalog)`. `t` accepts only their keys, so a component cannot use a string its page
 * does not ship.
 */
export function useI18n<const C extends readonly Catalog[]>(...catalogs: C) {
  type K = KeyOf<typeof coreCatalog> | KeyOf<C[number]>;
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  const locale: Locale = data?.locale ?? "zh-CN";
  const all = [coreCatalog, ...catalogs];
  // Catalogs are module constants: their identities are stable, so they can key the memo.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => i18nFor<K>(locale, all), [locale, ...all]);
}

export function i18nFor<K extends string>(locale: Locale, catalogs: readonly Catalog[]) {
  return {
    locale,
    t: translator<K>(locale, catalogs) as Translate<K>,
    pick: (zh: string, en: string) => pick(locale, zh, en),
    /** Label of a coded value (sector, region, stage, tier, status…); the code itself if unknown. */
    label: (group: GroupsIn<K>, code: string | null | undefined) =>
      code ? (lookup(catalogs, locale, `${group}.${code}`) ?? code) : "",
    money: (minor: number, currency: string, exact = false) => formatMoney(locale, minor, currency, exact),
    date: (d: string | Date, timeZone: string, withTime = false) => formatDate(locale, d, timeZone, withTime),
    list: (items: readonly string[]) => formatList(locale, items),
  };
}
