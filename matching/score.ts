/**
 * The scoring model. Everything is a sparse product over one token vocabulary:
 *
 *   investor→project (i2p): BM25 of the project (document) against the
 *     investor's profile (query: decayed past deals, declared focus, liked and
 *     disliked projects), relative to the investor's best option, plus the
 *     collaborative signal (co-investors engaged), portfolio follow-on and the
 *     pair's own interaction evidence.
 *   project→investor (p2i): BM25 of the investor's profile (document, over all
 *     investors) against the project's tokens (query), as a percentile among a
 *     reference sample of investors ("is this investor among the better ones for
 *     me?"), plus project-side interaction evidence.
 *
 * The reciprocal score is a weighted harmonic mean of the viewer's own
 * (max-normalized) fit and its percentile standing on the other side, so a pair
 * ranks high only if both sides find it plausible. Deterministic: inputs are
 * put in canonical order and all sums run in index order.
 */
import { Collaborative } from "./collab";
import { canonicalDeals, dedupeById, referenceSample, toMillis } from "./canonical";
import {
  compileConstraint,
  compileProject,
  violation,
  type CompiledConstraint,
  type CompiledProject,
} from "./constraints";
import {
  pairEvidence,
  pairKey,
  sortInteractions,
  summarizeInteractions,
  interactionStrength,
  type InteractionSummary,
} from "./interactions";
import {
  dealAsProject,
  declaredTokens,
  ProfileBuilder,
  projectTokens,
  RegionResolver,
  type TokenCounts,
} from "./profile";
import { percentile, reciprocalScore } from "./reciprocal";
import { buildBm25, DEFAULT_BM25 } from "./text/bm25";
import { Postings, toSparse, Vocabulary, type SparseVector } from "./text/sparse";
import type { DateInput, Interaction, Investor, MatchingInput, MatchingOptions, PastDeal, Project } from "./types";

export { percentile, reciprocalScore, toMillis };

const DAY_MS = 86_400_000;

export interface InvestorRow {
  /** Final reciprocal score per project (0 when excluded). */
  score: Float64Array;
  /** Investor→project fit in [0, 1] (relative to the investor's best eligible option). */
  i2p: Float64Array;
  /** Project→investor fit in [0, 1] (percentile, with project-side evidence). */
  p2i: Float64Array;
  /** Hard constraints and "not interested" pass. */
  eligible: Uint8Array;
}

export interface ProjectColumn {
  score: Float64Array;
  /** Project→investor fit relative to the project's best eligible investor. */
  p2i: Float64Array;
  /** Investor→project standing: percentile of this project among the investor's options. */
  i2p: Float64Array;
  eligible: Uint8Array;
}

interface InvestorStats {
  contentMax: Float64Array;
  affinityMax: Float64Array;
  sketch: Float32Array[];
  /** Per project: collaborative score of each investor that has one. */
  cfByProject: Map<number, number>[];
}

export class MatchingModel {
  readonly investors: Investor[];
  readonly projects: Project[];
  readonly investorIndex = new Map<string, number>();
  readonly projectIndex = new Map<string, number>();
  readonly now: number;
  readonly vocab = new Vocabulary();
  readonly interactions: InteractionSummary;
  readonly collab: Collaborative;
  /** Per investor: project ids it already has in its track record. */
  readonly portfolio: Set<string>[];
  /** Per investor: its canonical history. */
  readonly history: PastDeal[][];
  /** Per investor: interactions it took part in (either side), canonical order. */
  readonly interactionsOf: Interaction[][];
  readonly options: Required<Omit<MatchingOptions, "now" | "bm25">> & { bm25: { k1: number; b: number } };

  /** Project token counts (tf). */
  readonly projectTf: Map<number, number>[];
  /** Project BM25 document vectors (i2p documents). */
  readonly projectDocs: SparseVector[];
  /** Project binary token vectors (p2i queries). */
  readonly projectQueries: SparseVector[];
  /** Investor profile query vectors (i2p queries). */
  readonly investorQueries: SparseVector[];
  /** Investor BM25 document vectors (p2i documents). */
  readonly investorDocs: SparseVector[];

  /** Per investor: project indices removed by "not interested". */
  private readonly excludedPairs: Set<number>[];
  /** Per investor: its hard constraints (null: none). */
  private readonly constraints: (CompiledConstraint | null)[];
  private readonly compiledProjects: CompiledProject[];
  /** Pair evidence from interactions, by index: per investor (project → e) and per project (investor → e). */
  private readonly investorSideByInvestor: Map<number, number>[];
  private readonly investorSideByProject: Map<number, number>[];
  private readonly projectSideByInvestor: Map<number, number>[];
  private readonly projectSideByProject: Map<number, number>[];
  /** Per project: investors that already have it in their track record. */
  private readonly ownersOf: number[][];
  private readonly projectDocPostings: Postings;
  private readonly projectQueryPostings: Postings;
  private investorQueryPostingsCache: Postings | null = null;
  private investorDocPostingsCache: Postings | null = null;
  private readonly projectSketch: Float32Array[];
  private readonly projectZeroPercentile: Float64Array;
  private investorStatsCache: InvestorStats | null = null;
  private readonly projectIdSet: Set<string>;
  private readonly cfCache = new Map<number, { cf: Map<number, number>; neighbours: Map<number, number> }>();

  constructor(input: MatchingInput, options: MatchingOptions = {}) {
    this.options = {
      dealHalfLifeDays: options.dealHalfLifeDays ?? 730,
      interactionHalfLifeDays: options.interactionHalfLifeDays ?? 180,
      defaultCapacity: options.defaultCapacity ?? 10,
      referenceSampleSize: options.referenceSampleSize ?? 1000,
      viewerWeight: options.viewerWeight ?? 0.5,
      bm25: { k1: options.bm25?.k1 ?? DEFAULT_BM25.k1, b: options.bm25?.b ?? DEFAULT_BM25.b },
    };
    this.investors = dedupeById(input.investors);
    this.projects = dedupeById(input.projects);
    this.investors.forEach((v, i) => this.investorIndex.set(v.id, i));
    this.projects.forEach((p, i) => this.projectIndex.set(p.id, i));
    this.projectIdSet = new Set(this.projects.map((p) => p.id));
    this.history = this.investors.map((v) => canonicalDeals(v.history));

    const interactions = (input.interactions ?? []).filter(
      (it) => this.investorIndex.has(it.investorId) && this.projectIndex.has(it.projectId) && toMillis(it.at) !== null,
    );
    const time = (it: Interaction) => toMillis(it.at)!;
    const sortedInteractions = sortInteractions(interactions, time);

    // "now": explicit, else the latest date in the input (never the wall clock).
    let latest = -Infinity;
    for (const h of this.history) for (const d of h) latest = Math.max(latest, toMillis(d.date) ?? -Infinity);
    for (const it of sortedInteractions) latest = Math.max(latest, time(it));
    this.now = toMillis(options.now) ?? (Number.isFinite(latest) ? latest : 0);

    const dealDecay = (d: DateInput | undefined) => this.decay(toMillis(d), this.options.dealHalfLifeDays);
    const interactionDecay = (it: Interaction) => this.decay(time(it), this.options.interactionHalfLifeDays);
    this.interactions = summarizeInteractions(sortedInteractions, interactionDecay);
    this.interactionsOf = this.investors.map(() => []);
    for (const it of sortedInteractions) this.interactionsOf[this.investorIndex.get(it.investorId)!].push(it);
    this.excludedPairs = this.investors.map(() => new Set<number>());
    this.investorSideByInvestor = this.investors.map(() => new Map());
    this.projectSideByInvestor = this.investors.map(() => new Map());
    this.investorSideByProject = this.projects.map(() => new Map());
    this.projectSideByProject = this.projects.map(() => new Map());
    for (const it of sortedInteractions) {
      const i = this.investorIndex.get(it.investorId)!;
      const p = this.projectIndex.get(it.projectId)!;
      const key = pairKey(it.investorId, it.projectId);
      if (this.interactions.excluded.has(key)) this.excludedPairs[i].add(p);
      const ei = pairEvidence(this.interactions.investorSide.get(key));
      if (ei !== 0) {
        this.investorSideByInvestor[i].set(p, ei);
        this.investorSideByProject[p].set(i, ei);
      }
      const ep = pairEvidence(this.interactions.projectSide.get(key));
      if (ep !== 0) {
        this.projectSideByInvestor[i].set(p, ep);
        this.projectSideByProject[p].set(i, ep);
      }
    }
    this.constraints = this.investors.map(compileConstraint);
    this.compiledProjects = this.projects.map(compileProject);

    // Vocabulary: projects first (in id order), then everything else.
    const regions = new RegionResolver();
    for (const p of this.projects) regions.addLocation(p.location);
    for (const h of this.history) for (const d of h) regions.addLocation(d.location);
    for (const v of this.investors) regions.addLocation(v.location);

    this.projectTf = this.projects.map((p) => this.ids(projectTokens(p)));
    const bm25Projects = buildBm25(this.projectTf, this.vocab.size, this.options.bm25);
    this.projectDocs = bm25Projects.docs;
    this.projectQueries = this.projectTf.map((m) => toSparse(new Map([...m.keys()].map((t) => [t, 1]))));

    const projectTokenSets = this.projects.map((p) => new Set(projectTokens(p).keys()));
    const profiles = this.investors.map((v, i) => {
      const b = new ProfileBuilder();
      b.addSet(declaredTokens(v, regions), 1);
      for (const d of this.history[i]) b.addSet(projectTokens(dealAsProject(d)).keys(), dealDecay(d.date));
      for (const it of this.interactionsOf[i]) {
        if ((it.by ?? "investor") !== "investor") continue;
        const w = interactionStrength(it) * interactionDecay(it);
        b.addSet(projectTokenSets[this.projectIndex.get(it.projectId)!], w);
      }
      return b;
    });
    this.investorQueries = profiles.map((b) => toSparse(this.ids(b.query())));
    const investorTf = profiles.map((b) => this.ids(b.pos));
    this.investorDocs = buildBm25(investorTf, this.vocab.size, this.options.bm25).docs;

    this.projectDocPostings = new Postings(this.projectDocs, this.vocab.size);
    this.projectQueryPostings = new Postings(this.projectQueries, this.vocab.size);

    // Collaborative filtering over past deals and positive interactions.
    this.portfolio = this.history.map((h) => new Set(h.map((d) => d.projectId).filter((x): x is string => !!x)));
    this.ownersOf = this.projects.map(() => []);
    this.portfolio.forEach((ids, i) => {
      for (const id of ids) {
        const p = this.projectIndex.get(id);
        if (p !== undefined) this.ownersOf[p].push(i);
      }
    });
    const engaged = this.investors.map((_, i) => {
      const s = new Set(this.portfolio[i]);
      for (const [p, e] of this.investorSideByInvestor[i]) if (e > 0) s.add(this.projects[p].id);
      return s;
    });
    this.collab = new Collaborative({
      investorIds: this.investors.map((v) => v.id),
      engaged,
      coInvestors: this.history.map((h) => h.flatMap((d) => d.coInvestorIds ?? [])),
    });

    // Reference sample of investors: each project's distribution of p2i scores.
    const ref = referenceSample(
      this.investors.map((v) => v.id),
      this.options.referenceSampleSize,
    );
    const nP = this.projects.length;
    const R = ref.length;
    const cols = new Float32Array(nP * R);
    const row = new Float64Array(nP);
    ref.forEach((j, k) => {
      row.fill(0);
      this.projectQueryPostings.accumulate(this.investorDocs[j], row);
      for (let p = 0; p < nP; p++) cols[p * R + k] = row[p];
    });
    this.projectSketch = this.projects.map((_, p) => cols.subarray(p * R, (p + 1) * R).sort());
    this.projectZeroPercentile = Float64Array.from(this.projectSketch, (sk) => percentile(sk, 0));
  }

  private decay(ms: number | null, halfLifeDays: number): number {
    if (ms === null || !(halfLifeDays > 0)) return 1;
    const ageDays = Math.max(0, (this.now - ms) / DAY_MS);
    return Math.pow(0.5, ageDays / halfLifeDays);
  }

  private ids(m: TokenCounts): Map<number, number> {
    const out = new Map<number, number>();
    for (const t of [...m.keys()].sort()) out.set(this.vocab.id(t), m.get(t)!);
    return out;
  }

  private get investorQueryPostings(): Postings {
    return (this.investorQueryPostingsCache ??= new Postings(this.investorQueries, this.vocab.size));
  }

  private get investorDocPostings(): Postings {
    return (this.investorDocPostingsCache ??= new Postings(this.investorDocs, this.vocab.size));
  }

  /** Pair passes hard constraints and nobody said "not interested". */
  isEligible(i: number, p: number): boolean {
    if (this.excludedPairs[i].has(p)) return false;
    return violation(this.constraints[i], this.compiledProjects[p]) === null;
  }

  private eligibilityRow(i: number): Uint8Array {
    const out = new Uint8Array(this.projects.length);
    const c = this.constraints[i];
    if (c) for (let p = 0; p < out.length; p++) out[p] = violation(c, this.compiledProjects[p]) === null ? 1 : 0;
    else out.fill(1);
    for (const p of this.excludedPairs[i]) out[p] = 0;
    return out;
  }

  /** Collaborative scores of investor i over all projects (cached). */
  /** Collaborative scores of investor i, keyed by project index (cached). */
  cfFor(i: number): { cf: Map<number, number>; neighbours: Map<number, number> } {
    let c = this.cfCache.get(i);
    if (!c) {
      const s = this.collab.scoresFor(i, this.projectIdSet);
      const byIndex = (m: Map<string, number>) => new Map([...m].map(([id, v]) => [this.projectIndex.get(id)!, v]));
      c = { cf: byIndex(s.cf), neighbours: byIndex(s.neighbours) };
      if (this.cfCache.size > 4096) this.cfCache.clear();
      this.cfCache.set(i, c);
    }
    return c;
  }

  /** Raw BM25 content score of every project for investor i. */
  contentRow(i: number): Float64Array {
    const out = new Float64Array(this.projects.length);
    this.projectDocPostings.accumulate(this.investorQueries[i], out);
    return out;
  }

  /**
   * Investor→project affinity before normalization: content / max content +
   * cf + follow-on + pair evidence. Returns the row and its max over eligible projects.
   */
  private affinityRow(i: number, eligible: Uint8Array): { aff: Float64Array; contentMax: number; max: number } {
    const content = this.contentRow(i);
    let contentMax = 0;
    for (let p = 0; p < content.length; p++) if (eligible[p] && content[p] > contentMax) contentMax = content[p];
    const aff = new Float64Array(content.length);
    if (contentMax > 0) for (let p = 0; p < aff.length; p++) aff[p] = content[p] / contentMax;
    this.addPairSignals(i, aff);
    let max = 0;
    for (let p = 0; p < aff.length; p++) {
      if (aff[p] < 0) aff[p] = 0;
      if (eligible[p] && aff[p] > max) max = aff[p];
    }
    return { aff, contentMax, max };
  }

  private addPairSignals(i: number, aff: Float64Array): void {
    for (const [p, s] of this.cfFor(i).cf) aff[p] += s;
    for (const id of this.portfolio[i]) {
      const p = this.projectIndex.get(id);
      if (p !== undefined) aff[p] += 1;
    }
    for (const [p, e] of this.investorSideByInvestor[i]) aff[p] += e;
  }

  /** p2i raw scores of investor i against every project (project tokens vs. investor document). */
  p2iRawRow(i: number): Float64Array {
    const out = new Float64Array(this.projects.length);
    this.projectQueryPostings.accumulate(this.investorDocs[i], out);
    return out;
  }

  /** Everything needed to rank projects for investor i. */
  investorRow(i: number): InvestorRow {
    const eligible = this.eligibilityRow(i);
    const { aff, max } = this.affinityRow(i, eligible);
    const n = this.projects.length;
    const i2p = new Float64Array(n);
    if (max > 0) for (let p = 0; p < n; p++) i2p[p] = Math.min(1, aff[p] / max);
    const raw = this.p2iRawRow(i);
    const p2i = new Float64Array(n);
    const zero = this.projectZeroPercentile;
    for (let p = 0; p < n; p++) p2i[p] = raw[p] === 0 ? zero[p] : percentile(this.projectSketch[p], raw[p]);
    for (const [p, e] of this.projectSideByInvestor[i]) p2i[p] = clamp01(p2i[p] + e);
    const score = new Float64Array(n);
    const w = this.options.viewerWeight;
    for (let p = 0; p < n; p++) score[p] = eligible[p] ? reciprocalScore(i2p[p], p2i[p], w) : 0;
    return { score, i2p, p2i, eligible };
  }

  /** Per-investor maxima and percentile sketches over a reference sample of projects (lazy). */
  private investorStats(): InvestorStats {
    if (this.investorStatsCache) return this.investorStatsCache;
    const nI = this.investors.length;
    const contentMax = new Float64Array(nI);
    const affinityMax = new Float64Array(nI);
    const ref = referenceSample(
      this.projects.map((p) => p.id),
      this.options.referenceSampleSize,
    );
    const sketch: Float32Array[] = [];
    const cfByProject = this.projects.map(() => new Map<number, number>());
    for (let i = 0; i < nI; i++) {
      for (const [p, s] of this.cfFor(i).cf) cfByProject[p].set(i, s);
      const eligible = this.eligibilityRow(i);
      const { aff, contentMax: cm, max } = this.affinityRow(i, eligible);
      contentMax[i] = cm;
      affinityMax[i] = max;
      const s = new Float32Array(ref.length);
      ref.forEach((p, k) => (s[k] = max > 0 ? Math.min(1, aff[p] / max) : 0));
      sketch.push(s.sort());
    }
    return (this.investorStatsCache = { contentMax, affinityMax, sketch, cfByProject });
  }

  /** Everything needed to rank investors for project p. */
  projectColumn(p: number): ProjectColumn {
    const nI = this.investors.length;
    const eligible = new Uint8Array(nI);
    const cp = this.compiledProjects[p];
    for (let i = 0; i < nI; i++) eligible[i] = violation(this.constraints[i], cp) === null ? 1 : 0;
    for (let i = 0; i < nI; i++) if (this.excludedPairs[i].size > 0 && this.excludedPairs[i].has(p)) eligible[i] = 0;

    // Project's own view: p2i relative to its best eligible investor, plus project-side evidence.
    const raw = new Float64Array(nI);
    this.investorDocPostings.accumulate(this.projectQueries[p], raw);
    let rawMax = 0;
    for (let i = 0; i < nI; i++) if (eligible[i] && raw[i] > rawMax) rawMax = raw[i];
    const p2iAff = new Float64Array(nI);
    if (rawMax > 0) for (let i = 0; i < nI; i++) p2iAff[i] = raw[i] / rawMax;
    for (const [i, e] of this.projectSideByProject[p]) p2iAff[i] = Math.max(0, p2iAff[i] + e);
    let affMax = 0;
    for (let i = 0; i < nI; i++) if (eligible[i] && p2iAff[i] > affMax) affMax = p2iAff[i];
    const p2i = new Float64Array(nI);
    if (affMax > 0) for (let i = 0; i < nI; i++) p2i[i] = Math.min(1, p2iAff[i] / affMax);

    // Investors' view of this project: percentile among each investor's options.
    const stats = this.investorStats();
    const content = new Float64Array(nI);
    this.investorQueryPostings.accumulate(this.projectDocs[p], content);
    const aff = new Float64Array(nI);
    for (let i = 0; i < nI; i++) if (stats.contentMax[i] > 0) aff[i] = content[i] / stats.contentMax[i];
    for (const [i, s] of stats.cfByProject[p]) aff[i] += s;
    for (const i of this.ownersOf[p]) aff[i] += 1;
    for (const [i, e] of this.investorSideByProject[p]) aff[i] += e;
    const i2p = new Float64Array(nI);
    for (let i = 0; i < nI; i++) {
      const norm = stats.affinityMax[i] > 0 ? Math.min(1, Math.max(0, aff[i]) / stats.affinityMax[i]) : 0;
      i2p[i] = percentile(stats.sketch[i], norm);
    }
    const score = new Float64Array(nI);
    const w = this.options.viewerWeight;
    for (let i = 0; i < nI; i++) score[i] = eligible[i] ? reciprocalScore(p2i[i], i2p[i], w) : 0;
    return { score, p2i, i2p, eligible };
  }

  capacityOf(i: number): number {
    const c = this.investors[i].capacity;
    return c !== undefined && Number.isFinite(c) && c >= 0 ? c : this.options.defaultCapacity;
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
