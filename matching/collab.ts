/**
 * Collaborative signal from co-investment patterns. Two investors are similar
 * when they invested in (or engaged positively with) the same companies, or are
 * listed as co-investors on each other's deals (cosine over those sets). A
 * project then scores for an investor by how many similar investors already
 * engaged with it: cf = 1 − Π_j (1 − sim(i, j)) over engaged investors j.
 */

export interface CollabInput {
  /** Investors in index order. */
  investorIds: readonly string[];
  /** For each investor, the company/project ids it engaged with positively (past deals, interactions). */
  engaged: readonly ReadonlySet<string>[];
  /** For each investor, ids of investors named as co-investors on its deals (with multiplicity). */
  coInvestors: readonly (readonly string[])[];
}

export interface CollabScores {
  /** project id → cf score in (0, 1]. */
  cf: Map<string, number>;
  /** project id → number of similar investors engaged with it. */
  neighbours: Map<string, number>;
}

export class Collaborative {
  private readonly itemInvestors = new Map<string, number[]>();
  private readonly edges: Map<number, number>[];
  private readonly size: Float64Array;
  private readonly engaged: readonly ReadonlySet<string>[];

  constructor(input: CollabInput) {
    const index = new Map(input.investorIds.map((id, i) => [id, i]));
    this.engaged = input.engaged;
    input.engaged.forEach((items, i) => {
      for (const it of [...items].sort()) {
        let a = this.itemInvestors.get(it);
        if (!a) this.itemInvestors.set(it, (a = []));
        a.push(i);
      }
    });
    this.edges = input.investorIds.map(() => new Map<number, number>());
    input.coInvestors.forEach((list, i) => {
      for (const id of list) {
        const j = index.get(id);
        if (j === undefined || j === i) continue;
        this.edges[i].set(j, (this.edges[i].get(j) ?? 0) + 1);
        this.edges[j].set(i, (this.edges[j].get(i) ?? 0) + 1);
      }
    });
    this.size = Float64Array.from(input.engaged, (s, i) => {
      let e = 0;
      for (const c of this.edges[i].values()) e += c;
      return s.size + e / 2;
    });
  }

  /** Similar investors of investor i with cosine similarity, sorted by index. */
  neighboursOf(i: number): Map<number, number> {
    const shared = new Map<number, number>();
    for (const it of this.engaged[i]) {
      for (const j of this.itemInvestors.get(it) ?? []) if (j !== i) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    for (const [j, c] of this.edges[i]) shared.set(j, (shared.get(j) ?? 0) + c);
    const out = new Map<number, number>();
    for (const j of [...shared.keys()].sort((a, b) => a - b)) {
      const denom = Math.sqrt(Math.max(1, this.size[i]) * Math.max(1, this.size[j]));
      out.set(j, Math.min(1, shared.get(j)! / denom));
    }
    return out;
  }

  /** cf scores of investor i over the given candidate project ids. */
  scoresFor(i: number, candidates: ReadonlySet<string>): CollabScores {
    const cf = new Map<string, number>();
    const neighbours = new Map<string, number>();
    const keep = new Map<string, number>(); // project → Π(1 − sim)
    for (const [j, sim] of this.neighboursOf(i)) {
      for (const it of this.engaged[j]) {
        if (!candidates.has(it) || this.engaged[i].has(it)) continue;
        keep.set(it, (keep.get(it) ?? 1) * (1 - sim));
        neighbours.set(it, (neighbours.get(it) ?? 0) + 1);
      }
    }
    for (const [it, k] of keep) cf.set(it, 1 - k);
    return { cf, neighbours };
  }

  /** Whether investor i already engaged with (e.g. invested in) this id. */
  hasEngaged(i: number, id: string): boolean {
    return this.engaged[i].has(id);
  }
}
