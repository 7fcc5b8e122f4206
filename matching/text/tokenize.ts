/**
 * Tokenizer for Chinese and English text. Chinese is segmented into words with
 * `Intl.Segmenter("zh", { granularity: "word" })` (full ICU); Latin words are
 * lower-cased, stop-word filtered and reduced with the Harman "S" stemmer
 * (plural stripping), so "services" and "service" match.
 */

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

const EN_STOP = new Set(
  (
    "a an and are as at be by for from has have in inc into is it its llc ltd co corp company of on or our " +
    "the their this to we with will that which who was were"
  ).split(" "),
);

/** Single-character and common function words in Chinese that carry no topic. */
const ZH_STOP = new Set(
  (
    "的 了 和 与 及 于 在 是 为 等 对 将 把 被 从 以 之 其 并 或 也 都 而 就 该 此 各 个 中 上 下 有 我们 我 您 你 " +
    "公司 企业 一个 一种 进行 通过 以及 主要 相关 提供 致力于 专注 专注于"
  ).split(" "),
);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Harman's S-stemmer: strips English plural endings. */
export function stemS(w: string): string {
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && !w.endsWith("eies") && !w.endsWith("aies")) return w.slice(0, -3) + "y";
  if (w.endsWith("es") && !w.endsWith("aes") && !w.endsWith("ees") && !w.endsWith("oes")) return w.slice(0, -1);
  if (w.endsWith("s") && !w.endsWith("us") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

const cache = new Map<string, string[]>();
const CACHE_LIMIT = 50_000;

/** Calls fn(token, surfaceWord) for each kept word of the text. */
function eachWord(text: string, fn: (token: string, surface: string) => void): void {
  const norm = text.normalize("NFKC").toLowerCase();
  for (const seg of segmenter.segment(norm)) {
    if (!seg.isWordLike) continue;
    // Split Latin words glued with underscores / dots that the segmenter keeps together.
    for (const raw of seg.segment.split(/[_.]+/)) {
      if (!raw) continue;
      if (CJK.test(raw)) {
        if (!ZH_STOP.has(raw)) fn(raw, raw);
      } else if (raw.length >= 2 && !EN_STOP.has(raw)) {
        fn(/^[a-z]+$/.test(raw) ? stemS(raw) : raw, raw);
      }
    }
  }
}

/** Splits free text into normalized word tokens (order kept, duplicates kept). */
export function tokenize(text: string | undefined | null): string[] {
  if (!text) return [];
  const hit = cache.get(text);
  if (hit) return hit;
  const out: string[] = [];
  eachWord(text, (t) => out.push(t));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, out);
  return out;
}

/** token → the first (lower-cased) word of the text that produced it, for display. */
export function surfaceForms(text: string | undefined | null): Map<string, string> {
  const out = new Map<string, string>();
  if (text)
    eachWord(text, (t, w) => {
      if (!out.has(t)) out.set(t, w);
    });
  return out;
}

/** Normalizes a code (sector, stage, region, currency) for comparison. */
export function normCode(code: string | undefined | null): string {
  return (code ?? "").normalize("NFKC").trim().toLowerCase();
}
