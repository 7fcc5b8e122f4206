/**
 * Learning from interactions. Each interaction is an event with a signed
 * strength, time-decayed. Investor-side events teach the investor profile (what
 * kinds of projects it likes / dislikes) and move the pair's investor→project
 * score; project-side events move the project→investor score. "not-interested"
 * from either side removes the pair entirely.
 */
import type { Interaction } from "./types";

/** Signed strength of an interaction for the side that acted. */
export function interactionStrength(it: Interaction): number {
  switch (it.kind) {
    case "booth-visit":
      return 0.25;
    case "bookmark":
      return 1;
    case "meeting-request":
      return 1.5;
    case "meeting-accepted":
      return 1.5;
    case "meeting-declined":
      return -1;
    case "meeting-outcome":
      return it.outcome === "positive" ? 2 : it.outcome === "negative" ? -1.5 : 0.25;
    case "not-interested":
      return -2;
    default:
      return 0;
  }
}

/** Saturating map of a non-negative amount of evidence to [0, 1). */
export function saturate(x: number): number {
  return x > 0 ? x / (x + 1) : 0;
}

export interface PairSignal {
  /** Decayed positive evidence. */
  pos: number;
  /** Decayed negative evidence (positive number). */
  neg: number;
  /** Positive kinds seen (a meeting outcome only if positive), for reasons. */
  kinds: Set<string>;
}

export interface InteractionSummary {
  /** key `${investorId}\u0000${projectId}` → investor-side pair evidence. */
  investorSide: Map<string, PairSignal>;
  /** key `${investorId}\u0000${projectId}` → project-side pair evidence. */
  projectSide: Map<string, PairSignal>;
  /** Pairs removed by "not-interested" from either side. */
  excluded: Set<string>;
}

export const pairKey = (investorId: string, projectId: string): string => `${investorId}\u0000${projectId}`;

/** Canonical order so that shuffled input gives identical floating-point sums. */
export function sortInteractions(list: readonly Interaction[], time: (it: Interaction) => number): Interaction[] {
  return [...list].sort(
    (a, b) =>
      time(a) - time(b) ||
      cmp(a.investorId, b.investorId) ||
      cmp(a.projectId, b.projectId) ||
      cmp(a.kind, b.kind) ||
      cmp(a.by ?? "investor", b.by ?? "investor") ||
      cmp(a.outcome ?? "", b.outcome ?? ""),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Aggregates interactions into pair signals. `decay(it)` gives the time weight in (0, 1]. */
export function summarizeInteractions(
  list: readonly Interaction[],
  decay: (it: Interaction) => number,
): InteractionSummary {
  const investorSide = new Map<string, PairSignal>();
  const projectSide = new Map<string, PairSignal>();
  const excluded = new Set<string>();
  for (const it of list) {
    const key = pairKey(it.investorId, it.projectId);
    if (it.kind === "not-interested") excluded.add(key);
    const side = (it.by ?? "investor") === "project" ? projectSide : investorSide;
    let s = side.get(key);
    if (!s) side.set(key, (s = { pos: 0, neg: 0, kinds: new Set() }));
    const w = interactionStrength(it) * decay(it);
    if (w > 0) {
      s.pos += w;
      if (it.kind !== "meeting-outcome" || it.outcome === "positive") s.kinds.add(it.kind);
    } else s.neg -= w;
  }
  return { investorSide, projectSide, excluded };
}

/** Net pair evidence in (−1, 1). */
export function pairEvidence(s: PairSignal | undefined): number {
  return s ? saturate(s.pos) - saturate(s.neg) : 0;
}
