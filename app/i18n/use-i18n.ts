import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { formatDate, formatMoney, pick, translator, type Locale, type MessageKey, type Messages } from "./index";
import { zhCN } from "./zh-CN";

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

interface RootI18n {
  locale: Locale;
  messages: Messages;
}

/** Locale-bound helpers for components, fed by the root loader. */
export function useI18n() {
  const data = useRouteLoaderData("root") as RootI18n | undefined;
  const locale: Locale = data?.locale ?? "zh-CN";
  const messages = data?.messages ?? zhCN;
  return useMemo(
    () => ({
      locale,
      t: translator(locale, messages),
      pick: (zh: string, en: string) => pick(locale, zh, en),
      /** Label of a coded value (sector, region, stage, tier, status…); the code itself if unknown. */
      label: (group: LabelGroup, code: string | null | undefined) => {
        if (!code) return "";
        const key = `${group}.${code}`;
        return key in messages ? messages[key as MessageKey] : code;
      },
      money: (minor: number, currency: string) => formatMoney(locale, minor, currency),
      date: (d: string | Date, timeZone: string, withTime = false) => formatDate(locale, d, timeZone, withTime),
    }),
    [locale, messages],
  );
}
