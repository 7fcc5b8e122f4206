/**
 * Public entry points: ranked projects for an investor, ranked investors for a
 * project, and capacity-aware lists for everyone at once.
 */
import { explainPair } from "./reasons";
import { capacityRerank, exposureCoverage, type Scored } from "./rerank";
import { MatchingModel } from "./score";
import type { MatchingInput, MatchingOptions, Reason, Recommendation } from "./types";

export interface RecommendOptions {
  /** Maximum number of results (default 20). */
  limit?: number;
  /** Maximum number of reasons per result (default 4). */
  maxReasons?: number;
}

export interface AllocateOptions {
  /** Length of every list (default 10). */
  listSize?: number;
  /** Each project should be recommended to at least this many investors (default 3). */
  minExposure?: number;
  /** An investor is suggested to at most ceil(capacity × overbook) projects (default 2). */
  overbook?: number;
  /** Candidates considered per list (default 5 × listSize). */
  poolSize?: number;
  maxReasons?: number;
}

export interface Allocation {
  projectsForInvestor: Map<string, Recommendation[]>;
  investorsForProject: Map<string, Recommendation[]>;
  /** Projects recommended to at least k investors (k = minExposure). */
  coverage: { k: number; projects: number; covered: number; share: number };
  /** Number of project lists each investor appears in. */
  investorLoad: Map<string, number>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class Matcher {
  readonly model: MatchingModel;

  constructor(input: MatchingInput, options: MatchingOptions = {}) {
    this.model = new MatchingModel(input, options);
  }

  /** Project ids in the order used by {@link rankingScores}. */
  get projectIds(): string[] {
    return this.model.projects.map((p) => p.id);
  }

  get investorIds(): string[] {
    return this.model.investors.map((v) => v.id);
  }

  /**
   * Bulk path for evaluation: one score per project (aligned with projectIds),
   * −Infinity for excluded pairs; ties broken by the mean of both sides' fits.
   */
  rankingScores(investorId: string): Float64Array {
    const i = this.investorIdx(investorId);
    const row = this.model.investorRow(i);
    const out = new Float64Array(row.score.length);
    for (let p = 0; p < out.length; p++)
      out[p] = row.eligible[p] ? row.score[p] + 1e-9 * (row.i2p[p] + row.p2i[p]) : -Infinity;
    return out;
  }

  /** Recommended projects for an investor, best first (only pairs plausible from both sides). */
  projectsForInvestor(investorId: string, opts: RecommendOptions = {}): Recommendation[] {
    const i = this.investorIdx(investorId);
    const row = this.model.investorRow(i);
    const limit = opts.limit ?? 20;
    const idx: number[] = [];
    for (let p = 0; p < row.score.length; p++) if (row.eligible[p] && row.score[p] > 0) idx.push(p);
    const ids = this.model.projects.map((p) => p.id);
    idx.sort(
      (a, b) =>
        row.score[b] - row.score[a] || row.i2p[b] + row.p2i[b] - (row.i2p[a] + row.p2i[a]) || cmp(ids[a], ids[b]),
    );
    return idx.slice(0, limit).map((p) => ({
      id: ids[p],
      score: row.score[p],
      investorFit: row.i2p[p],
      projectFit: row.p2i[p],
      reasons: explainPair(this.model, i, p, opts.maxReasons ?? 4),
    }));
  }

  /** Matching investors for a project (exhibitor), best first. */
  investorsForProject(projectId: string, opts: RecommendOptions = {}): Recommendation[] {
    const p = this.projectIdx(projectId);
    const col = this.model.projectColumn(p);
    const limit = opts.limit ?? 20;
    const ids = this.model.investors.map((v) => v.id);
    const idx: number[] = [];
    for (let i = 0; i < col.score.length; i++) if (col.eligible[i] && col.score[i] > 0) idx.push(i);
    idx.sort(
      (a, b) =>
        col.score[b] - col.score[a] || col.i2p[b] + col.p2i[b] - (col.i2p[a] + col.p2i[a]) || cmp(ids[a], ids[b]),
    );
    return idx.slice(0, limit).map((i) => ({
      id: ids[i],
      score: col.score[i],
      investorFit: col.i2p[i],
      projectFit: col.p2i[i],
      reasons: explainPair(this.model, i, p, opts.maxReasons ?? 4),
    }));
  }

  /**
   * Lists for every investor and every project at once, re-ranked so that each
   * project reaches at least `minExposure` investors where plausible, and no
   * investor is suggested to more projects than its capacity × overbook.
   */
  allocate(opts: AllocateOptions = {}): Allocation {
    const listSize = opts.listSize ?? 10;
    const minExposure = opts.minExposure ?? 3;
    const overbook = opts.overbook ?? 2;
    const pool = opts.poolSize ?? listSize * 5;
    const m = this.model;
    const projectIds = m.projects.map((p) => p.id);
    const investorIds = m.investors.map((v) => v.id);

    const nP = projectIds.length;
    // Each list's candidate pool: its best `pool` eligible pairs with a positive score.
    const topPool = (score: Float64Array, eligible: Uint8Array): number[] => {
      const idx: number[] = [];
      for (let k = 0; k < score.length; k++) if (eligible[k] && score[k] > 0) idx.push(k);
      return idx.sort((a, b) => score[b] - score[a] || a - b).slice(0, pool);
    };

    const fits = new Map<number, { i2p: number; p2i: number }>(); // key i * nP + p
    const invCands = new Map<string, Scored[]>();
    m.investors.forEach((v, i) => {
      const row = m.investorRow(i);
      const top = topPool(row.score, row.eligible);
      for (const p of top) fits.set(i * nP + p, { i2p: row.i2p[p], p2i: row.p2i[p] });
      invCands.set(
        v.id,
        top.map((p) => ({ id: projectIds[p], score: row.score[p] })),
      );
    });
    const inv = capacityRerank(invCands, { listSize, minExposure });

    const colFits = new Map<number, { i2p: number; p2i: number }>();
    const projCands = new Map<string, Scored[]>();
    m.projects.forEach((pr, p) => {
      const col = m.projectColumn(p);
      const top = topPool(col.score, col.eligible);
      for (const i of top) colFits.set(i * nP + p, { i2p: col.i2p[i], p2i: col.p2i[i] });
      projCands.set(
        pr.id,
        top.map((i) => ({ id: investorIds[i], score: col.score[i] })),
      );
    });
    const cap = new Map(investorIds.map((id, i) => [id, Math.ceil(m.capacityOf(i) * overbook)]));
    const proj = capacityRerank(projCands, { listSize, maxExposure: (id) => cap.get(id) ?? Infinity });

    const maxReasons = opts.maxReasons ?? 4;
    const projectsForInvestor = new Map<string, Recommendation[]>();
    for (const [vid, list] of inv.lists) {
      const i = m.investorIndex.get(vid)!;
      projectsForInvestor.set(
        vid,
        list.map((s) => {
          const p = m.projectIndex.get(s.id)!;
          return recommendation(s, fits.get(i * nP + p)!, explainPair(m, i, p, maxReasons));
        }),
      );
    }
    const investorsForProject = new Map<string, Recommendation[]>();
    for (const [pid, list] of proj.lists) {
      const p = m.projectIndex.get(pid)!;
      investorsForProject.set(
        pid,
        list.map((s) => {
          const i = m.investorIndex.get(s.id)!;
          return recommendation(s, colFits.get(i * nP + p)!, explainPair(m, i, p, maxReasons));
        }),
      );
    }
    const covered = projectIds.filter((id) => (inv.exposure.get(id) ?? 0) >= minExposure).length;
    return {
      projectsForInvestor,
      investorsForProject,
      coverage: {
        k: minExposure,
        projects: projectIds.length,
        covered,
        share: exposureCoverage(inv.exposure, projectIds, minExposure),
      },
      investorLoad: new Map(investorIds.map((id) => [id, proj.exposure.get(id) ?? 0])),
    };
  }

  private investorIdx(id: string): number {
    const i = this.model.investorIndex.get(id);
    if (i === undefined) throw new Error(`unknown investor: ${id}`);
    return i;
  }

  private projectIdx(id: string): number {
    const p = this.model.projectIndex.get(id);
    if (p === undefined) throw new Error(`unknown project: ${id}`);
    return p;
  }
}

export function createMatcher(input: MatchingInput, options: MatchingOptions = {}): Matcher {
  return new Matcher(input, options);
}

/** One-shot: recommended projects for an investor. */
export function recommendProjects(
  input: MatchingInput,
  investorId: string,
  options: MatchingOptions & RecommendOptions = {},
): Recommendation[] {
  return new Matcher(input, options).projectsForInvestor(investorId, options);
}

/** One-shot: matching investors for a project. */
export function recommendInvestors(
  input: MatchingInput,
  projectId: string,
  options: MatchingOptions & RecommendOptions = {},
): Recommendation[] {
  return new Matcher(input, options).investorsForProject(projectId, options);
}

function recommendation(
  s: { id: string; score: number },
  fit: { i2p: number; p2i: number },
  reasons: Reason[],
): Recommendation {
  return { id: s.id, score: s.score, investorFit: fit.i2p, projectFit: fit.p2i, reasons };
}
