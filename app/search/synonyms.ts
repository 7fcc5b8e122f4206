// Synonyms as both engines use them (the table itself is synonym-table.ts): the embedded engine
// expands queries with them (query time), the Meilisearch adapter sends them as its `synonyms`
// setting. Every phrase in a group is equivalent to every other one (both directions).
import { STAGE_CODES } from "../domain/fairs/codes.ts";
import { SYNONYM_GROUPS } from "./synonym-table.ts";
import { phraseKey, queryTokens } from "./tokenize.ts";

export { CODE_SYNONYMS, SYNONYM_GROUPS } from "./synonym-table.ts";

// Funding rounds named by a letter: "a" is an English stop-word, so "A 轮" would search 轮 (every
// round) and "Series A" would search series (A and B alike) in one engine and not in the other.
// Both engines therefore see such a name as one token, series<letter>, which the code labels of
// a document in that stage also carry (labels.ts). Typos are off for these tokens (seriesa and
// seriesb are one edit apart).
const ROUND_LETTERS = STAGE_CODES.flatMap((c) => /^SERIES_([A-Z])$/.exec(c)?.[1].toLowerCase() ?? []);
const LETTERS = `[${ROUND_LETTERS.join("")}]`;
const ROUND = new RegExp(
  String.raw`(?<![\p{Script=Latin}\p{N}])(?:series[\s\-]*(${LETTERS})(?![\p{L}\p{N}])|(${LETTERS})[\s\-]*轮)`,
  "gu",
);

/** The token that stands for a lettered round ("SERIES_A" → "seriesa"), or null for other stages. */
export function roundToken(stage: string | null | undefined): string | null {
  const letter = stage ? /^SERIES_([A-Z])$/.exec(stage)?.[1].toLowerCase() : undefined;
  return letter && ROUND_LETTERS.includes(letter) ? `series${letter}` : null;
}

/** Words neither engine matches with typos. */
export const NO_TYPO_WORDS: readonly string[] = ROUND_LETTERS.map((l) => `series${l}`);

/** A query as both engines search it: NFKC, lowercase, lettered rounds as one token. */
export function canonicalQuery(q: string): string {
  return q
    .normalize("NFKC")
    .toLowerCase()
    .replace(ROUND, (_m, a: string | undefined, b: string | undefined) => ` series${a ?? b} `)
    .trim();
}

/** A synonym group as the engines see it: canonical phrase keys (normalized, stop-words dropped). */
export interface SynonymGroup {
  keys: string[];
}

const keyOf = (phrase: string) => phraseKey(queryTokens(canonicalQuery(phrase)));

let byKey: Map<string, SynonymGroup> | null = null;

/** Normalized phrase key → its group (every member maps to the same group). */
export function synonymIndex(): Map<string, SynonymGroup> {
  if (byKey) return byKey;
  const map = new Map<string, SynonymGroup>();
  for (const phrases of SYNONYM_GROUPS) {
    const keys = [...new Set(phrases.map(keyOf).filter(Boolean))];
    if (keys.length < 2) continue; // one token after all (a lettered round): nothing to expand
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
    const canonical = [...new Set(phrases.map(canonicalQuery))];
    if (canonical.length < 2) continue;
    for (const p of canonical) out[p] = canonical.filter((o) => o !== p);
  }
  return out;
}
