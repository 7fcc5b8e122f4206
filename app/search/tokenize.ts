// Chinese + English tokenization shared by the embedded engine (index and query side) and the
// synonym tables. Text is NFKC-normalized and lowercased. Latin/other-script words are split on
// non-letters; Han runs are indexed as overlapping bigrams (so any 2+ character substring of a
// run can be found: 医药 in 生物医药, 电池 in 动力电池) plus the run's last character (so a
// one-character query, searched as a prefix, also finds a run ending in it). On the query side
// Intl.Segmenter("zh") cuts a Han run into word-sized units (新|能源|汽车 → 新能源, 汽车) so that
// multi-word Chinese queries can fall back to partial matches word by word.

export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** A maximal run of Han characters or of other letters/digits, with its offsets in the source string. */
export interface ScriptRun {
  han: boolean;
  text: string;
  start: number;
  end: number;
}

// Han runs vs runs of every other letter, mark or digit. Built with the constructor because the
// class subtraction needs the `v` flag (Node 20 has it; TypeScript only accepts it for ES2024).
const RUN = new RegExp(String.raw`(\p{Script=Han}+)|([[\p{L}\p{N}\p{M}]--\p{Script=Han}]+)`, "gv");

export function* scriptRuns(text: string): Generator<ScriptRun> {
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    yield { han: m[1] !== undefined, text: m[0], start: m.index, end: m.index + m[0].length };
  }
}

// Small English stop-word list: these carry no meaning in a catalog and would bloat posting lists.
export const STOPWORDS: ReadonlySet<string> = new Set(
  "a an and are as at be by for from has have in into is it its of on or our that the their this to was we were will with".split(
    " ",
  ),
);

/** Overlapping bigrams of a Han run; a one-character run is its own term. */
export function bigrams(run: string): string[] {
  if (run.length < 2) return run ? [run] : [];
  const out: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

/** Index terms for a text, with repetitions (term frequency matters for ranking). */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const run of scriptRuns(normalize(text))) {
    if (run.han) {
      const t = run.text;
      for (let i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
      out.push(t[t.length - 1]);
    } else if (!STOPWORDS.has(run.text)) {
      out.push(run.text);
    }
  }
  return out;
}

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/** Intl.Segmenter words of a Han run (江苏省生物医药 → 江苏|省|生物|医药). */
export function segmentWords(run: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(run)) if (s.isWordLike !== false && s.segment.trim()) out.push(s.segment);
  return out;
}

/**
 * Cuts a Han run into query units: Segmenter words, with single characters glued to their
 * neighbours (ICU splits words it does not know into characters: 芯|片, 光|伏, 新|能源), so every
 * unit has at least two characters when the run has.
 */
export function hanUnits(run: string): string[] {
  if (run.length <= 2) return [run];
  const words = segmentWords(run);
  const units: string[] = [];
  let pending = "";
  for (const w of words) {
    if (w.length === 1) {
      pending += w;
      continue;
    }
    if (pending.length === 1) {
      units.push(pending + w); // 新 + 能源 → 新能源
    } else {
      if (pending) units.push(pending); // 光伏组件 (four single characters) stays one unit
      units.push(w);
    }
    pending = "";
  }
  if (pending) {
    if (pending.length === 1 && units.length > 0)
      units[units.length - 1] += pending; // 洽谈 + 会
    else units.push(pending);
  }
  return units;
}

/** A query token: a Latin-like word, or a Han run (later cut into units). */
export interface QueryToken {
  han: boolean;
  text: string;
}

/** Normalized query tokens in order, stop-words dropped. */
export function queryTokens(q: string): QueryToken[] {
  const out: QueryToken[] = [];
  for (const run of scriptRuns(normalize(q))) {
    if (!run.han && STOPWORDS.has(run.text)) continue;
    out.push({ han: run.han, text: run.text });
  }
  return out;
}

/** Canonical key of a phrase: Latin words joined by one space, Han runs concatenated. */
export function phraseKey(tokens: readonly QueryToken[]): string {
  let key = "";
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && !tokens[i].han && !tokens[i - 1].han) key += " ";
    key += tokens[i].text;
  }
  return key;
}
