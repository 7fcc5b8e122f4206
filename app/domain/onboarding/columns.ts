// The columns of an onboarding spreadsheet (docs/decisions/027-bulk-onboarding.md), per kind of list.
// A header cell may be the Chinese name, the English name, both ("邮箱 / Email", as the template
// writes them) or the column's key; case, spaces and punctuation do not matter.
import { onboardingCatalog } from "~/i18n/catalog/onboarding";

export const EXHIBITOR_COLUMNS = [
  "nameZh",
  "nameEn",
  "creditCode",
  "contactName",
  "email",
  "phone",
  "sector",
  "region",
  "hall",
  "tier",
  "projects",
] as const;

export const INVESTOR_COLUMNS = [
  "nameZh",
  "nameEn",
  "creditCode",
  "contactName",
  "email",
  "phone",
  "region",
  "sectors",
  "stages",
  "ticketMin",
  "ticketMax",
  "currency",
  "regions",
] as const;

export type ImportKind = "exhibitor" | "investor";
export type ColumnKey = (typeof EXHIBITOR_COLUMNS)[number] | (typeof INVESTOR_COLUMNS)[number];

export const columnsOf = (kind: ImportKind): readonly ColumnKey[] =>
  kind === "exhibitor" ? EXHIBITOR_COLUMNS : INVESTOR_COLUMNS;

/** Required columns: a file without one of them is refused as a whole. */
export const REQUIRED_COLUMNS: readonly ColumnKey[] = ["nameZh", "contactName", "email"];

const label = (locale: "zh-CN" | "en", key: ColumnKey) =>
  (onboardingCatalog[locale] as Record<string, string>)[`onboarding.col.${key}`];

/** The template's header cell: both languages. */
export const headerOf = (key: ColumnKey) => `${label("zh-CN", key)} / ${label("en", key)}`;

const fold = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s()（）[\]【】_\-/:：*.]+/g, "");

/** Header cell text → column key (null when it names none of the kind's columns). */
export function columnOfHeader(kind: ImportKind, header: string): ColumnKey | null {
  const h = fold(header);
  if (!h) return null;
  for (const key of columnsOf(kind)) {
    const names = [key, label("zh-CN", key), label("en", key), headerOf(key)].map(fold);
    if (names.includes(h)) return key;
  }
  return null;
}
