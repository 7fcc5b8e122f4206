// The names a document is filed under, as searchable text: the zh-CN and English labels of its
// sector, region and stage (the core catalog's `sector.*`, `region.*`, `stage.*`) and its hall's
// names. A booth in the 新能源馆 is then found by 新能源, "new energy", 苏州 or "Suzhou" even when its
// own text never says so; the engines rank these fields below the document's own words.
import { lookup } from "../i18n/catalog.ts";
import { coreCatalog } from "../i18n/catalog/core.ts";
import type { Locale } from "../i18n/locale.ts";
import type { CatalogDoc } from "./port.ts";
import { roundToken } from "./synonyms.ts";

export interface LabelSource {
  sector: string | null;
  region: string | null;
  stage: string | null;
  hallZh: string;
  hallEn: string;
}

function label(locale: Locale, group: "sector" | "region" | "stage", code: string | null): string | undefined {
  return code ? lookup([coreCatalog], locale, `${group}.${code}`) : undefined;
}

/** `labelsZh` / `labelsEn` of a document; codes without a label (unknown to the catalog) add nothing. */
export function codeLabels(src: LabelSource): Pick<CatalogDoc, "labelsZh" | "labelsEn"> {
  const names = (locale: Locale, hall: string) =>
    [label(locale, "sector", src.sector), label(locale, "region", src.region), label(locale, "stage", src.stage), hall]
      .filter((x): x is string => !!x?.trim())
      .join("\n");
  const round = roundToken(src.stage); // "A 轮" / "Series A" are searched as this one token
  const en = names("en", src.hallEn);
  return { labelsZh: names("zh-CN", src.hallZh), labelsEn: round ? `${en}\n${round}` : en };
}
