// Turns a user query into units for the embedded engine: each unit is one thing the user asked
// for (a word, a Chinese word-sized piece, or a synonym phrase) with its alternatives. Units are
// ANDed; alternatives inside a unit are ORed; the terms of one alternative are ANDed.
import { canonicalQuery, longestHanSynonym, NO_TYPO_WORDS, synonymIndex, type SynonymGroup } from "./synonyms.ts";
import { hanUnits, queryTokens, type QueryToken } from "./tokenize.ts";

export type Leaf =
  /** a Latin-like word; fuzzy = max edit distance (0: exact) */
  | { han: false; term: string; fuzzy: number; prefix: boolean }
  /** a Han piece: matched as the AND of its bigrams (one character: as a prefix) */
  | { han: true; text: string };

/** One way to satisfy a unit: all of its leaves; synonyms weigh less than the user's own words. */
export interface Alternative {
  leaves: Leaf[];
  weight: number;
}

export interface QueryUnit {
  /** OR of alternatives */
  alternatives: Alternative[];
}

const MAX_LATIN_PHRASE = 4;
/** weight of a synonym relative to the words the user typed */
export const SYNONYM_WEIGHT = 0.8;

const NO_TYPOS = new Set(NO_TYPO_WORDS);

/** Typo budget like Meilisearch's defaults: 1 typo from 5 characters, 2 from 9; none for numbers. */
export function typoBudget(term: string): number {
  if (/^\p{N}+$/u.test(term) || NO_TYPOS.has(term)) return 0;
  return term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0;
}

/** The alternatives of a synonym group; `typed` (the user's own phrase) keeps full weight. */
function synonymAlternatives(group: SynonymGroup, typed?: string): Alternative[] {
  return group.keys.map((key) => ({
    leaves: queryTokens(key).map((t): Leaf =>
      t.han ? { han: true, text: t.text } : { han: false, term: t.text, fuzzy: 0, prefix: false },
    ),
    weight: key === typed ? 1 : SYNONYM_WEIGHT,
  }));
}

function unit(alternatives: Alternative[]): QueryUnit {
  return { alternatives };
}

function hanRunUnits(run: string, out: QueryUnit[]): void {
  const synonyms = synonymIndex();
  const maxLen = longestHanSynonym();
  let rest = "";
  const flush = () => {
    for (const piece of hanUnits(rest)) out.push(unit([{ leaves: [{ han: true, text: piece }], weight: 1 }]));
    rest = "";
  };
  for (let pos = 0; pos < run.length;) {
    let matched = 0;
    for (let len = Math.min(maxLen, run.length - pos); len >= 2; len--) {
      const typed = run.slice(pos, pos + len);
      const group = synonyms.get(typed);
      if (group) {
        if (rest) flush();
        out.push(unit(synonymAlternatives(group, typed)));
        matched = len;
        break;
      }
    }
    if (matched) pos += matched;
    else rest += run[pos++];
  }
  if (rest) flush();
}

/** The group of the closest one-word Latin synonym within `budget` edits, if any. */
function nearestSynonymGroup(term: string, budget: number): SynonymGroup | null {
  let best: SynonymGroup | null = null;
  let bestDistance = budget + 1;
  for (const [key, group] of synonymIndex()) {
    if (key.includes(" ") || /\p{Script=Han}/u.test(key) || Math.abs(key.length - term.length) > budget) continue;
    const d = typoDistance(term, key, budget);
    if (d < bestDistance) {
      best = group;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Typos between a query word and a term as Meilisearch counts them: edits, with a different first
 * character counting one more (Suzhou is not a typo of Xuzhou); budget + 1 when over budget.
 */
export function typoDistance(a: string, b: string, budget: number): number {
  const d = editDistance(a, b, budget) + (a[0] === b[0] ? 0 : 1);
  return Math.min(d, budget + 1);
}

/** Levenshtein distance, or budget + 1 once it is certainly larger than budget. */
export function editDistance(a: string, b: string, budget: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let min = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < min) min = v;
    }
    if (min > budget) return budget + 1;
    prev = row;
  }
  return Math.min(prev[b.length], budget + 1);
}

export function planQuery(q: string): QueryUnit[] {
  const tokens = queryTokens(canonicalQuery(q));
  const synonyms = synonymIndex();
  const units: QueryUnit[] = [];
  for (let i = 0; i < tokens.length;) {
    const tok = tokens[i];
    if (tok.han) {
      hanRunUnits(tok.text, units);
      i++;
      continue;
    }
    let taken = 0;
    for (let n = Math.min(MAX_LATIN_PHRASE, tokens.length - i); n >= 1; n--) {
      const span: QueryToken[] = tokens.slice(i, i + n);
      if (span.some((t) => t.han)) continue;
      const typed = span.map((t) => t.text).join(" ");
      const group = synonyms.get(typed);
      if (group) {
        units.push(unit(synonymAlternatives(group, typed)));
        taken = n;
        break;
      }
    }
    if (taken) {
      i += taken;
      continue;
    }
    const isLast = i === tokens.length - 1;
    const own: Leaf = {
      han: false,
      term: tok.text,
      fuzzy: typoBudget(tok.text),
      prefix: isLast && tok.text.length >= 2,
    };
    // a misspelt synonym ("biotecnology") still brings its group along
    const near = own.fuzzy > 0 ? nearestSynonymGroup(tok.text, own.fuzzy) : null;
    units.push(unit([{ leaves: [own], weight: 1 }, ...(near ? synonymAlternatives(near) : [])]));
    i++;
  }
  return units;
}
