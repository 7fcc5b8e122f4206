/**
 * Turns projects, past deals and investors into bags of tokens:
 *   "s:<sector>"  whole sector code, plus the sector's words
 *   "g:<country>", "g:<country>/<region>", "g:<country>/<region>/<city>"
 *   "st:<stage>"
 *   words of the name and description (Chinese segmented, English stemmed)
 *
 * An investor's profile counts, for each token, the time-decayed number of past
 * deals and interactions that carry it (negative for declines / "not
 * interested"), plus one pseudo-deal for how the investor describes itself
 * (name, sectors, preferred regions, home, stages, thesis).
 */
import { normCode, tokenize } from "./text/tokenize";
import type { Location, PastDeal } from "./types";

export type TokenCounts = Map<string, number>;

export interface ProjectLike {
  name?: string;
  sectors?: string[];
  stage?: string;
  location?: Location;
  description?: string;
}

function add(m: TokenCounts, t: string, w: number): void {
  m.set(t, (m.get(t) ?? 0) + w);
}

export function sectorTokens(sector: string): string[] {
  const code = normCode(sector);
  if (!code) return [];
  return ["s:" + code, ...tokenize(sector.replace(/[-_/]+/g, " "))];
}

export function locationTokens(loc: Location | undefined): string[] {
  if (!loc) return [];
  const c = normCode(loc.country);
  const r = normCode(loc.region);
  const ci = normCode(loc.city);
  const out: string[] = [];
  if (c) out.push(`g:${c}`);
  if (r) out.push(`g:${c}/${r}`);
  if (ci) out.push(`g:${c}/${r}/${ci}`);
  return out;
}

/** Last path segment of a location token ("g:cn/jiangsu/suzhou" → "suzhou"). */
export function locationLeaf(token: string): string {
  const i = token.lastIndexOf("/");
  return i >= 0 ? token.slice(i + 1) : token.slice(2);
}

/** Term counts of a project or past deal (term frequency, for BM25 documents). */
export function projectTokens(p: ProjectLike): TokenCounts {
  const m: TokenCounts = new Map();
  for (const s of uniq(p.sectors)) for (const t of sectorTokens(s)) add(m, t, 1);
  for (const t of locationTokens(p.location)) add(m, t, 1);
  const st = normCode(p.stage);
  if (st) add(m, `st:${st}`, 1);
  for (const t of tokenize(p.name)) add(m, t, 1);
  for (const t of tokenize(p.description)) add(m, t, 1);
  return m;
}

export function dealAsProject(d: PastDeal): ProjectLike {
  return { name: d.name, sectors: d.sectors, stage: d.stage, location: d.location, description: d.description };
}

function uniq(xs: readonly string[] | undefined): string[] {
  if (!xs) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of xs) {
    const k = normCode(x);
    if (k && !seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

/**
 * Resolves region codes ("suzhou", "cn", "SF Bay Area") to the location tokens
 * that end with them, over all locations seen in the input.
 */
export class RegionResolver {
  private readonly byLeaf = new Map<string, Set<string>>();

  addLocation(loc: Location | undefined): void {
    for (const t of locationTokens(loc)) {
      const leaf = locationLeaf(t);
      let s = this.byLeaf.get(leaf);
      if (!s) this.byLeaf.set(leaf, (s = new Set()));
      s.add(t);
    }
  }

  resolve(code: string): string[] {
    const k = normCode(code);
    if (!k) return [];
    const s = this.byLeaf.get(k);
    return s ? [...s].sort() : [];
  }
}

export interface DeclaredProfile {
  name?: string;
  sectors?: string[];
  stages?: string[];
  regions?: string[];
  location?: Location;
  thesis?: string;
}

/** Tokens of how the investor describes itself (name, focus, home, thesis), as a set: one pseudo-deal. */
export function declaredTokens(d: DeclaredProfile, regions: RegionResolver): Set<string> {
  const s = new Set<string>();
  for (const sec of uniq(d.sectors)) for (const t of sectorTokens(sec)) s.add(t);
  for (const st of uniq(d.stages)) s.add(`st:${normCode(st)}`);
  for (const r of uniq(d.regions)) for (const t of regions.resolve(r)) s.add(t);
  for (const t of locationTokens(d.location)) s.add(t);
  for (const t of tokenize(d.thesis)) s.add(t);
  for (const t of tokenize(d.name)) s.add(t);
  return s;
}

/** Accumulates weighted token presence (each token once per item). */
export class ProfileBuilder {
  readonly pos: TokenCounts = new Map();
  readonly neg: TokenCounts = new Map();

  addSet(tokens: Iterable<string>, weight: number): void {
    if (weight === 0) return;
    const target = weight > 0 ? this.pos : this.neg;
    const w = Math.abs(weight);
    for (const t of new Set(tokens)) add(target, t, w);
  }

  /**
   * Query weights q(t) = c/(c+1) · (1 − ½·n/(n+1)): saturating in the positive
   * evidence c, discounted (at most by half) by negative evidence n. Negative
   * feedback tempers what the investor showed interest in; it never creates
   * negative weights (the disliked project itself is handled per pair).
   */
  query(): TokenCounts {
    const q: TokenCounts = new Map();
    for (const [t, c] of this.pos) {
      const n = this.neg.get(t) ?? 0;
      q.set(t, (c / (c + 1)) * (1 - (0.5 * n) / (n + 1)));
    }
    return q;
  }
}
