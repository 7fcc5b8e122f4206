/**
 * Exact model of the scheduling problem as a 0/1 integer program, written in
 * CPLEX LP format (what the `highs` solver reads), plus a helper that solves it
 * with an already loaded HiGHS runtime. Used by the benchmark and the tests to
 * measure how far the heuristic is from the optimum; the app itself never needs
 * it. The solver runtime is passed in, so this module imports no solver code
 * (the `highs` import is type-only).
 *
 *   maximize   sum_{p,s} w_p x[p,s]          over pairs p and their common slots s
 *   subject to sum_{p incident to i} x[p,s] <= 1      every party i, slot s
 *              sum_{p} x[p,s] <= capacity(s)          every slot with a capacity
 *              sum_{s} x[p,s] <= 1                    every pair (meets at most once)
 *              x binary
 * Rows that cannot bind (fewer terms than the right-hand side) are left out.
 */
import type { Highs } from "highs";
import { buildProblem, UNLIMITED, type Problem } from "./problem.ts";
import type { ScheduledMeeting, ScheduleInput } from "./types.ts";

export interface ScheduleLp {
  /** The model in CPLEX LP format. */
  readonly lp: string;
  readonly numVars: number;
  readonly numRows: number;
  readonly problem: Problem;
  /** Column name -> [pair index, slot index] (undefined for names not made here). */
  decode(name: string): readonly [number, number] | undefined;
}

const TERMS_PER_LINE = 12;

function pushTerms(out: string[], head: string, terms: readonly string[], tail: string): void {
  let line = head;
  for (let i = 0; i < terms.length; i++) {
    line += (i === 0 ? " " : " + ") + terms[i];
    if ((i + 1) % TERMS_PER_LINE === 0 && i + 1 < terms.length) {
      out.push(line);
      line = "   ";
    }
  }
  out.push(line + tail);
}

export function buildScheduleLp(input: ScheduleInput, options: { eachPairOnce?: boolean } = {}): ScheduleLp {
  const pr = buildProblem(input, options.eachPairOnce ?? true);
  const { numPairs, numSlots: S, commonStart, commonSlots, pairW, capacity } = pr;
  const name = (p: number, s: number): string => `x${p}_${s}`;
  const out: string[] = ["\\ CloudFair meeting schedule ILP", "Maximize"];
  const objTerms: string[] = [];
  for (let p = 0; p < numPairs; p++) {
    for (let i = commonStart[p]; i < commonStart[p + 1]; i++) objTerms.push(`${pairW[p]} ${name(p, commonSlots[i])}`);
  }
  const numVars = objTerms.length;
  pushTerms(out, " obj:", objTerms.length > 0 ? objTerms : ["0 x_empty"], "");
  out.push("Subject To");
  let numRows = 0;

  // party/slot rows
  const bucket: string[][] = Array.from({ length: S }, () => []);
  for (let party = 0; party < pr.numParties; party++) {
    for (let j = pr.partyPairStart[party]; j < pr.partyPairStart[party + 1]; j++) {
      const p = pr.partyPairs[j];
      for (let i = commonStart[p]; i < commonStart[p + 1]; i++) bucket[commonSlots[i]].push(name(p, commonSlots[i]));
    }
    for (let s = 0; s < S; s++) {
      const b = bucket[s];
      if (b.length >= 2) {
        pushTerms(out, ` u${party}_${s}:`, b, " <= 1");
        numRows++;
      }
      b.length = 0;
    }
  }
  // capacity rows
  for (let p = 0; p < numPairs; p++) {
    for (let i = commonStart[p]; i < commonStart[p + 1]; i++) bucket[commonSlots[i]].push(name(p, commonSlots[i]));
  }
  for (let s = 0; s < S; s++) {
    if (capacity[s] !== UNLIMITED && bucket[s].length > capacity[s]) {
      pushTerms(out, ` c${s}:`, bucket[s], ` <= ${capacity[s]}`);
      numRows++;
    }
    bucket[s].length = 0;
  }
  // pair rows
  const terms: string[] = [];
  for (let p = 0; p < numPairs; p++) {
    if (commonStart[p + 1] - commonStart[p] < 2) continue;
    terms.length = 0;
    for (let i = commonStart[p]; i < commonStart[p + 1]; i++) terms.push(name(p, commonSlots[i]));
    pushTerms(out, ` p${p}:`, terms, " <= 1");
    numRows++;
  }
  out.push("Binary");
  const bin: string[] = [];
  for (let p = 0; p < numPairs; p++) {
    for (let i = commonStart[p]; i < commonStart[p + 1]; i++) {
      bin.push(name(p, commonSlots[i]));
      if (bin.length === TERMS_PER_LINE) {
        out.push(" " + bin.join(" "));
        bin.length = 0;
      }
    }
  }
  if (numVars === 0) bin.push("x_empty");
  if (bin.length > 0) out.push(" " + bin.join(" "));
  out.push("End", "");

  return {
    lp: out.join("\n"),
    numVars,
    numRows,
    problem: pr,
    decode(n: string) {
      const m = /^x(\d+)_(\d+)$/.exec(n);
      if (!m) return undefined;
      const p = Number(m[1]);
      const s = Number(m[2]);
      return p < numPairs && s < S ? [p, s] : undefined;
    },
  };
}

export interface IlpOptions {
  readonly eachPairOnce?: boolean;
  /** HiGHS time_limit in seconds (default 300). */
  readonly timeLimitSec?: number;
  /** HiGHS mip_rel_gap (default 0: prove optimality exactly). */
  readonly mipRelGap?: number;
}

export interface IlpResult {
  /** HiGHS model status name, e.g. "optimal", "timeLimit". */
  readonly status: string;
  readonly optimal: boolean;
  /** Weight of the best schedule found (null when none was found). */
  readonly objective: number | null;
  /** Best proven upper bound on the optimum (the objective itself when optimal). */
  readonly bound: number | null;
  readonly meetings: readonly ScheduledMeeting[];
  readonly numVars: number;
  readonly numRows: number;
  readonly lpBytes: number;
  readonly buildMs: number;
  readonly solveMs: number;
}

/** Solve the exact ILP with a loaded HiGHS runtime (`await loadHighs()` from the "highs" package). */
export function solveScheduleIlp(highs: Highs, input: ScheduleInput, options: IlpOptions = {}): IlpResult {
  const t0 = performance.now();
  const model = buildScheduleLp(input, { eachPairOnce: options.eachPairOnce });
  const buildMs = performance.now() - t0;
  const base = { numVars: model.numVars, numRows: model.numRows, lpBytes: model.lp.length, buildMs };
  if (model.numVars === 0) {
    return { ...base, status: "empty", optimal: true, objective: 0, bound: 0, meetings: [], solveMs: 0 };
  }
  const t1 = performance.now();
  const m = highs.createModel({ format: "lp", data: model.lp });
  try {
    m.options.set({
      output_flag: false,
      time_limit: options.timeLimitSec ?? 300,
      mip_rel_gap: options.mipRelGap ?? 0,
    });
    const run = m.run();
    const solveMs = performance.now() - t1;
    const codes = highs.constants.modelStatus;
    const status =
      (Object.keys(codes) as (keyof typeof codes)[]).find((k) => codes[k] === run.modelStatus) ??
      String(run.modelStatus);
    const optimal = run.modelStatus === codes.optimal;
    const hasSolution = Number(m.info.get("primal_solution_status")) === highs.constants.solutionStatus.feasible;
    let bound: number | null = null;
    try {
      const b = Number(m.info.get("mip_dual_bound"));
      if (Number.isFinite(b)) bound = b;
    } catch {
      bound = null;
    }
    if (!hasSolution) return { ...base, status, optimal: false, objective: null, bound, meetings: [], solveMs };
    const objective = m.getObjectiveValue();
    const values = m.getSolution().colValue;
    const pr = model.problem;
    const meetings: ScheduledMeeting[] = [];
    for (let j = 0; j < values.length; j++) {
      if (values[j] < 0.5) continue;
      const ps = model.decode(m.getColName(j));
      if (!ps) continue;
      const [p, s] = ps;
      const r = pr.pairRequest[p];
      const q = input.requests[r];
      const mt: ScheduledMeeting = { request: r, a: q.a, b: q.b, slot: pr.slotIds[s], weight: q.weight };
      meetings.push(q.id === undefined ? mt : { ...mt, id: q.id });
    }
    meetings.sort((x, y) => x.request - y.request);
    return { ...base, status, optimal, objective, bound: optimal ? objective : bound, meetings, solveMs };
  } finally {
    m.dispose();
  }
}
