// Bilingual synonym groups for catalog search, used by both engines: the embedded engine expands
// queries with them (query time), the Meilisearch adapter sends them as index settings. Every
// phrase in a group is equivalent to every other one (both directions).
import { phraseKey, queryTokens } from "./tokenize.ts";

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["新能源", "new energy", "renewable energy", "clean energy"],
  ["汽车", "vehicle", "vehicles", "automotive"],
  ["电动汽车", "electric vehicle", "electric vehicles", "ev", "evs"],
  [
    "集成电路",
    "integrated circuit",
    "integrated circuits",
    "芯片",
    "chip",
    "chips",
    "semiconductor",
    "semiconductors",
    "半导体",
  ],
  [
    "生物医药",
    "biomedicine",
    "biomedical",
    "biotech",
    "biotechnology",
    "biopharma",
    "biopharmaceutical",
    "biopharmaceuticals",
    "生物技术",
  ],
  ["高端装备", "advanced equipment", "advanced manufacturing", "high-end equipment", "先进制造"],
  ["智能制造", "smart manufacturing", "intelligent manufacturing"],
  ["数字经济", "digital economy"],
  ["人工智能", "artificial intelligence", "ai"],
  ["储能", "energy storage"],
  ["光伏", "photovoltaic", "photovoltaics", "pv", "solar"],
  ["动力电池", "power battery", "power batteries", "traction battery", "traction batteries"],
  ["电池", "battery", "batteries"],
  ["氢能", "hydrogen", "hydrogen energy"],
  ["风电", "wind power", "wind energy"],
  ["医疗器械", "medical device", "medical devices"],
  ["创新药", "innovative drug", "innovative drugs", "novel drug", "novel drugs"],
  ["基因治疗", "gene therapy", "gene therapies"],
  ["机器人", "robot", "robots", "robotics"],
  ["工业互联网", "industrial internet", "industrial iot"],
  ["物联网", "internet of things", "iot"],
  ["云计算", "cloud computing"],
  ["大数据", "big data"],
  ["新材料", "new materials", "advanced materials"],
  ["航空航天", "aerospace"],
];

/** A synonym group as the engines see it: canonical phrase keys (normalized, stop-words dropped). */
export interface SynonymGroup {
  keys: string[];
}

let byKey: Map<string, SynonymGroup> | null = null;

/** Normalized phrase key → its group (every member maps to the same group). */
export function synonymIndex(): Map<string, SynonymGroup> {
  if (byKey) return byKey;
  const map = new Map<string, SynonymGroup>();
  for (const phrases of SYNONYM_GROUPS) {
    const keys = [...new Set(phrases.map((p) => phraseKey(queryTokens(p))).filter(Boolean))];
    const group = { keys };
    for (const k of keys) {
      if (map.has(k)) throw new Error(`synonym phrase "${k}" is in two groups`);
      map.set(k, group);
    }
  }
  byKey = map;
  return map;
}

/** Longest Han synonym phrase, in characters (bounds the substring scan of a Han query run). */
let longestHan = 0;
export function longestHanSynonym(): number {
  if (longestHan) return longestHan;
  for (const k of synonymIndex().keys()) if (/^\p{Script=Han}+$/u.test(k)) longestHan = Math.max(longestHan, k.length);
  return longestHan;
}

/** Meilisearch `synonyms` setting: each phrase → every other phrase of its group. */
export function meiliSynonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const phrases of SYNONYM_GROUPS) {
    const lower = [...new Set(phrases.map((p) => p.normalize("NFKC").toLowerCase()))];
    for (const p of lower) out[p] = lower.filter((o) => o !== p);
  }
  return out;
}
