/**
 * Greedy construction: pairs in descending weight (ties: fewer common slots
 * first, then input order); each goes into the free common slot that is least
 * contended by the pairs still to come.
 *
 * Contention of slot s for pair (a, b) = demand[a][s] + demand[b][s], where the
 * demand of a party in a slot is the sum over its not-yet-placed pairs q that
 * could use s of w_q / |common(q)| (a pair with few alternatives weighs more),
 * plus, for a slot with a room capacity, the slot-wide demand divided by the
 * rooms left. Ties go to the earlier slot.
 */
import type { Problem } from "./problem.ts";
import { UNLIMITED } from "./problem.ts";
import type { ScheduleState } from "./state.ts";

/** Pairs ordered by descending weight, then fewer common slots, then index. */
export function weightOrder(problem: Problem, pairs?: Iterable<number>): Int32Array {
  const { pairW, commonStart } = problem;
  let arr: number[];
  if (pairs) arr = Array.from(pairs);
  else {
    arr = new Array<number>(problem.numPairs);
    for (let i = 0; i < arr.length; i++) arr[i] = i;
  }
  arr.sort((x, y) => {
    const dw = pairW[y] - pairW[x];
    if (dw !== 0) return dw;
    const dk = commonStart[x + 1] - commonStart[x] - (commonStart[y + 1] - commonStart[y]);
    if (dk !== 0) return dk;
    return x - y;
  });
  return Int32Array.from(arr);
}

/** Fill `state` greedily; returns the weight order used (reused by the improvement phase). */
export function greedySchedule(problem: Problem, state: ScheduleState): Int32Array {
  const { numSlots: S, pairA, pairB, pairW, commonStart, commonSlots, capacity } = problem;
  const demand = new Float64Array(problem.numParties * S);
  const slotDemand = new Float64Array(S);
  for (let p = 0; p < problem.numPairs; p++) {
    const k = commonStart[p + 1] - commonStart[p];
    if (k === 0) continue;
    const d = pairW[p] / k;
    const a = pairA[p] * S;
    const b = pairB[p] * S;
    for (let i = commonStart[p]; i < commonStart[p + 1]; i++) {
      const s = commonSlots[i];
      demand[a + s] += d;
      demand[b + s] += d;
      slotDemand[s] += d;
    }
  }

  const order = weightOrder(problem);
  for (let oi = 0; oi < order.length; oi++) {
    const p = order[oi];
    const start = commonStart[p];
    const end = commonStart[p + 1];
    if (start === end) continue;
    const d = pairW[p] / (end - start);
    const a = pairA[p] * S;
    const b = pairB[p] * S;
    let best = -1;
    let bestScore = Infinity;
    for (let i = start; i < end; i++) {
      const s = commonSlots[i];
      demand[a + s] -= d;
      demand[b + s] -= d;
      slotDemand[s] -= d;
      if (!state.canPlace(p, s)) continue;
      let score = demand[a + s] + demand[b + s];
      if (capacity[s] !== UNLIMITED) score += slotDemand[s] / (capacity[s] - state.load[s]);
      if (score < bestScore - 1e-12) {
        bestScore = score;
        best = s;
      }
    }
    if (best >= 0) state.place(p, best);
  }
  return order;
}
