// The exact field list of a CatalogDoc. Adapters copy documents through `pickCatalogDoc`, so
// whatever else a caller's object carries (contacts, drafts, internal notes) never reaches an index.
import type { CatalogDoc } from "./port.ts";

const KEYS = {
  id: true,
  type: true,
  entityId: true,
  boothId: true,
  fairId: true,
  fairSlug: true,
  hall: true,
  sector: true,
  region: true,
  stage: true,
  tier: true,
  titleZh: true,
  titleEn: true,
  orgZh: true,
  orgEn: true,
  textZh: true,
  textEn: true,
  labelsZh: true,
  labelsEn: true,
  amount: true,
  currency: true,
  createdAt: true,
  logoKey: true,
  startsAt: false,
  endsAt: false,
  status: false,
  timeZone: false,
} as const satisfies Record<keyof CatalogDoc, boolean>;

/** Every document has these (missing texts become "", others null). */
export const CATALOG_DOC_KEYS = (Object.keys(KEYS) as (keyof CatalogDoc)[]).filter((k) => KEYS[k]);
/** Roadshow and programme documents only: kept when set, left out otherwise (booth documents keep their shape). */
export const EVENT_DOC_KEYS = (Object.keys(KEYS) as (keyof CatalogDoc)[]).filter((k) => !KEYS[k]);

/** The fields shown with highlights. */
export const TEXT_FIELDS = ["titleZh", "titleEn", "orgZh", "orgEn", "textZh", "textEn"] as const;
/** Every searchable field, in ranking order: titles, organisations, texts, then the code labels. */
export const SEARCHABLE_FIELDS = [...TEXT_FIELDS, "labelsZh", "labelsEn"] as const;
const TEXT = new Set<string>(SEARCHABLE_FIELDS);

/**
 * A fresh CatalogDoc with exactly the catalog fields of `doc` (missing texts become "", others null;
 * the roadshow fields only when set).
 */
export function pickCatalogDoc(doc: CatalogDoc): CatalogDoc {
  const out: Record<string, unknown> = {};
  for (const k of CATALOG_DOC_KEYS) out[k] = doc[k] ?? (TEXT.has(k) ? "" : null);
  for (const k of EVENT_DOC_KEYS) if (doc[k] != null) out[k] = doc[k];
  return out as unknown as CatalogDoc;
}
