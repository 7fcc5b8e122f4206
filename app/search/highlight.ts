// Highlighting for the embedded engine: given the index terms a document matched (words, Han
// bigrams or single characters), wraps the matching parts of a field in HL_START … HL_END.
import { HL_END, HL_START } from "./port.ts";
import { normalize, scriptRuns } from "./tokenize.ts";

/**
 * Normalized text plus, when normalization changed lengths (rare: ligatures, some case
 * mappings), the offset in the original string of every normalized code unit.
 */
function normalizedWithOffsets(text: string): { norm: string; orig: number[] | null } {
  const norm = normalize(text);
  if (norm.length === text.length) return { norm, orig: null };
  let out = "";
  const orig: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = normalize(ch);
    for (let k = 0; k < n.length; k++) orig.push(i);
    out += n;
    i += ch.length;
  }
  orig.push(text.length);
  return { norm: out, orig };
}

/** Returns the highlighted text, or null when nothing in it matched. */
export function highlightText(text: string, matched: ReadonlySet<string>): string | null {
  if (!text || matched.size === 0) return null;
  const { norm, orig } = normalizedWithOffsets(text);
  const ranges: [number, number][] = [];
  for (const run of scriptRuns(norm)) {
    if (!run.han) {
      if (matched.has(run.text)) ranges.push([run.start, run.end]);
      continue;
    }
    const t = run.text;
    for (let i = 0; i < t.length; i++) {
      if (i + 1 < t.length && matched.has(t.slice(i, i + 2))) ranges.push([run.start + i, run.start + i + 2]);
      else if (matched.has(t[i])) ranges.push([run.start + i, run.start + i + 1]);
    }
  }
  if (ranges.length === 0) return null;
  // ranges are produced in order; merge overlapping and touching ones
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const at = (k: number) => (orig ? orig[k] : k);
  let out = "";
  let pos = 0;
  for (const [s, e] of merged) {
    const os = at(s);
    const oe = at(e);
    out += text.slice(pos, os) + HL_START + text.slice(os, oe) + HL_END;
    pos = oe;
  }
  return out + text.slice(pos);
}
