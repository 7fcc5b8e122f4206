/**
 * scheduleMeetings(): the auto-scheduler entry point. Builds the indexed
 * problem, runs the greedy construction, the ejection-chain improvement rounds
 * and (on small fairs) ruin-and-recreate kicks, and turns the final state into
 * meetings, unscheduled pairs with reasons and stats. Pure and deterministic:
 * the same input (and seed) always yields the same output.
 */
import { greedySchedule } from "./greedy.ts";
import { improveSchedule } from "./improve.ts";
import { buildProblem, commonSlotCount, type Problem } from "./problem.ts";
import { NONE, ScheduleState } from "./state.ts";
import type {
  ScheduledMeeting,
  ScheduleInput,
  ScheduleOptions,
  ScheduleResult,
  UnscheduledPair,
  UnscheduledReason,
} from "./types.ts";

export const DEFAULT_OPTIONS = {
  eachPairOnce: true,
  improve: true,
  maxRounds: 25,
  searchBudget: 32,
  roomChains: true,
  kicks: "auto",
  seed: 1,
} as const satisfies Required<ScheduleOptions>;

/**
 * Kicks used by kicks: "auto". Ruin-and-recreate pays off on small, dense fairs
 * (where plain local search sometimes ends 2-5% short); on large fairs the
 * improvement rounds alone end within ~0.05% of the optimum and kicks would
 * cost more than the rest of the solve, so there are none above 2,000 pairs.
 */
export function autoKicks(pairs: number): number {
  return pairs > 2000 ? 0 : Math.min(1000, Math.floor(30_000 / Math.max(1, pairs)));
}

export function scheduleMeetings(input: ScheduleInput, options: ScheduleOptions = {}): ScheduleResult {
  const t0 = performance.now();
  const opts = { ...DEFAULT_OPTIONS, ...options };
  const problem = buildProblem(input, opts.eachPairOnce);
  const state = new ScheduleState(problem);
  const order = greedySchedule(problem, state);
  const greedyWeight = state.exactWeight();
  let moves = 0;
  let rounds = 0;
  let kicks = 0;
  let kicksAccepted = 0;
  if (opts.improve && opts.maxRounds > 0) {
    const r = improveSchedule(problem, state, order, {
      maxRounds: opts.maxRounds,
      searchBudget: opts.searchBudget,
      roomChains: opts.roomChains,
      kicks: opts.kicks === "auto" ? autoKicks(problem.numPairs) : opts.kicks,
      seed: opts.seed,
    });
    moves = r.moves;
    rounds = r.rounds;
    kicks = r.kicks;
    kicksAccepted = r.kicksAccepted;
  }
  fillDirect(problem, state, order); // only matters when maxRounds cut the improvement short
  return buildResult(input, problem, state, {
    greedyWeight,
    improvingMoves: moves,
    rounds,
    kicks,
    kicksAccepted,
    ms: performance.now() - t0,
  });
}

/** Place every unscheduled pair that fits somewhere as things stand (heaviest first). */
function fillDirect(problem: Problem, state: ScheduleState, order: Int32Array): void {
  const { commonStart, commonSlots } = problem;
  for (let i = 0; i < order.length; i++) {
    const p = order[i];
    if (state.slotOf[p] !== NONE) continue;
    for (let j = commonStart[p]; j < commonStart[p + 1]; j++) {
      if (state.canPlace(p, commonSlots[j])) {
        state.place(p, commonSlots[j]);
        break;
      }
    }
  }
}

/** Why the (unscheduled) pair p could not be placed in the final state. */
export function reasonFor(problem: Problem, state: ScheduleState, p: number): UnscheduledReason {
  const { commonStart, commonSlots, pairA, pairB, numSlots: S } = problem;
  if (commonStart[p + 1] === commonStart[p]) return "no-common-slot";
  for (let i = commonStart[p]; i < commonStart[p + 1]; i++) {
    const s = commonSlots[i];
    if (state.busy[pairA[p] * S + s] === NONE && state.busy[pairB[p] * S + s] === NONE) return "capacity";
  }
  return "conflict";
}

function buildResult(
  input: ScheduleInput,
  problem: Problem,
  state: ScheduleState,
  extra: {
    greedyWeight: number;
    improvingMoves: number;
    rounds: number;
    kicks: number;
    kicksAccepted: number;
    ms: number;
  },
): ScheduleResult {
  const reqs = input.requests;
  const meetings: ScheduledMeeting[] = [];
  const unscheduled: UnscheduledPair[] = [];
  const byReason: Record<UnscheduledReason, number> = {
    "no-common-slot": 0,
    capacity: 0,
    conflict: 0,
    duplicate: 0,
    invalid: 0,
  };
  let candidateWeight = 0;
  const bySlot: number[] = [];
  for (let p = 0; p < problem.numPairs; p++) {
    const r = problem.pairRequest[p];
    const q = reqs[r];
    const k = problem.commonStart[p + 1] - problem.commonStart[p];
    if (k > 0) candidateWeight += q.weight;
    if (state.slotOf[p] !== NONE) {
      bySlot.push(p);
      continue;
    }
    const reason = reasonFor(problem, state, p);
    byReason[reason]++;
    unscheduled.push(
      q.id === undefined
        ? { request: r, a: q.a, b: q.b, weight: q.weight, reason, commonSlots: k }
        : { request: r, id: q.id, a: q.a, b: q.b, weight: q.weight, reason, commonSlots: k },
    );
  }
  const slotOf = state.slotOf;
  const pairRequest = problem.pairRequest;
  bySlot.sort((x, y) => slotOf[x] - slotOf[y] || pairRequest[x] - pairRequest[y]);
  let totalWeight = 0;
  for (const p of bySlot) {
    const r = pairRequest[p];
    const q = reqs[r];
    const slot = problem.slotIds[slotOf[p]];
    totalWeight += q.weight;
    meetings.push(
      q.id === undefined
        ? { request: r, a: q.a, b: q.b, slot, weight: q.weight }
        : { request: r, id: q.id, a: q.a, b: q.b, slot, weight: q.weight },
    );
  }
  for (const rj of problem.rejected) {
    const r = rj.request;
    const q = reqs[r];
    const ia = problem.requestA[r];
    const ib = problem.requestB[r];
    const k = ia >= 0 && ib >= 0 ? commonSlotCount(problem, ia, ib) : 0;
    byReason[rj.reason]++;
    const u: UnscheduledPair = { request: r, a: q.a, b: q.b, weight: q.weight, reason: rj.reason, commonSlots: k };
    unscheduled.push({
      ...u,
      ...(q.id === undefined ? {} : { id: q.id }),
      ...(rj.duplicateOf === undefined ? {} : { duplicateOf: rj.duplicateOf }),
    });
  }
  if (problem.rejected.length > 0) unscheduled.sort((x, y) => x.request - y.request);
  return {
    meetings,
    unscheduled,
    totalWeight,
    stats: {
      requests: reqs.length,
      pairs: problem.numPairs,
      parties: problem.numParties,
      slots: problem.numSlots,
      scheduled: meetings.length,
      unscheduled: unscheduled.length,
      byReason,
      greedyWeight: extra.greedyWeight,
      improvingMoves: extra.improvingMoves,
      rounds: extra.rounds,
      kicks: extra.kicks,
      kicksAccepted: extra.kicksAccepted,
      ignoredAvailability: problem.ignoredAvailability,
      candidateWeight,
      ms: extra.ms,
    },
  };
}
