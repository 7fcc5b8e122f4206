/**
 * Ruin-and-recreate kicks (iterated local search) for small fairs, run after
 * the improvement rounds of improve.ts: each kick disturbs the schedule a
 * little and repairs it with the regular insertion move, keeping the result
 * when the total weight did not drop.
 */
import type { Improver } from "./improve.ts";
import type { Problem } from "./problem.ts";
import { mulberry32 } from "./random.ts";
import { NONE, type ScheduleState } from "./state.ts";

export interface KickStats {
  /** Kicks carried out. */
  readonly kicks: number;
  /** Kicks that strictly increased the total weight. */
  readonly accepted: number;
  /** Kicks kept (accepted ones and sideways moves of equal weight). */
  readonly kept: number;
}

/**
 * Iterated local search by ruin and recreate, `kicks` times:
 * - ruin: force a random unscheduled pair into a random common slot (dropping
 *   whatever blocks it, the pair then stays pinned during the repair), or
 *   empty a random slot, or cancel all meetings of a random party;
 * - recreate: the removed meetings and the open pairs of every party involved,
 *   in descending weight perturbed by +-20% noise, go back into a random free
 *   common slot when there is one, else through the regular insertion move.
 * The result is kept when the total weight did not decrease (sideways moves
 * let the search walk across plateaus of equal-weight schedules) and rolled
 * back otherwise. Seeded, so deterministic.
 */
export function ruinAndRecreate(
  pr: Problem,
  st: ScheduleState,
  improver: Improver,
  kicks: number,
  seed: number,
): KickStats {
  const S = pr.numSlots;
  const rnd = mulberry32(seed);
  const candidates: number[] = [];
  for (let p = 0; p < pr.numPairs; p++) if (pr.commonStart[p + 1] > pr.commonStart[p]) candidates.push(p);
  if (candidates.length === 0) return { kicks: 0, accepted: 0, kept: 0 };
  const active: number[] = []; // parties that have at least one candidate pair
  for (let x = 0; x < pr.numParties; x++) {
    for (let j = pr.partyPairStart[x]; j < pr.partyPairStart[x + 1]; j++) {
      const r = pr.partyPairs[j];
      if (pr.commonStart[r + 1] > pr.commonStart[r]) {
        active.push(x);
        break;
      }
    }
  }
  const work: number[] = [];
  const key = new Float64Array(pr.numPairs);
  const mark = new Int32Array(pr.numPairs);
  let accepted = 0;
  let kept = 0;
  let done = 0;
  improver.newRound();
  for (let k = 0; k < kicks; k++) {
    const before = st.weight;
    st.journal.length = 0;
    work.length = 0;
    let pin = NONE;
    const kind = rnd();
    if (kind < 0.5) {
      // force an open pair in
      let p = NONE;
      for (let tries = 0; tries < 8 && p === NONE; tries++) {
        const c = candidates[Math.floor(rnd() * candidates.length)];
        if (st.slotOf[c] === NONE) p = c;
      }
      if (p === NONE) continue;
      const ks = pr.commonStart[p + 1] - pr.commonStart[p];
      const s = pr.commonSlots[pr.commonStart[p] + Math.floor(rnd() * ks)];
      if (pr.capacity[s] === 0) continue;
      const qa = st.busy[pr.pairA[p] * S + s];
      let qb = st.busy[pr.pairB[p] * S + s];
      if (qb === qa) qb = NONE;
      if (qa !== NONE) {
        st.remove(qa);
        work.push(qa);
      }
      if (qb !== NONE) {
        st.remove(qb);
        work.push(qb);
      }
      if (st.load[s] >= pr.capacity[s]) {
        const m = st.members[s];
        const victim = m[Math.floor(rnd() * m.length)];
        st.remove(victim);
        work.push(victim);
      }
      st.place(p, s);
      pin = p;
    } else if (kind < 0.75) {
      // empty a slot
      const s = Math.floor(rnd() * S);
      const m = st.members[s];
      while (m.length > 0) {
        const q = m[m.length - 1];
        st.remove(q);
        work.push(q);
      }
    } else {
      // cancel a party's meetings
      const x = active[Math.floor(rnd() * active.length)];
      for (let i = pr.partySlotStart[x]; i < pr.partySlotStart[x + 1]; i++) {
        const q = st.busy[x * S + pr.partySlotList[i]];
        if (q === NONE) continue;
        st.remove(q);
        work.push(q);
      }
    }
    if (work.length === 0 && pin === NONE) continue;
    done++;
    improver.stateChanged();
    // recreate: the removed meetings and the open pairs of everyone involved
    const n0 = work.length;
    const stampId = k + 1;
    for (let i = 0; i < n0; i++) mark[work[i]] = stampId;
    if (pin !== NONE) mark[pin] = stampId;
    for (let i = 0; i <= n0; i++) {
      const q = i < n0 ? work[i] : pin;
      if (q === NONE) continue;
      for (let side = 0; side < 2; side++) {
        const x = side === 0 ? pr.pairA[q] : pr.pairB[q];
        for (let j = pr.partyPairStart[x]; j < pr.partyPairStart[x + 1]; j++) {
          const r = pr.partyPairs[j];
          if (mark[r] === stampId || st.slotOf[r] !== NONE || pr.commonStart[r + 1] === pr.commonStart[r]) continue;
          mark[r] = stampId;
          work.push(r);
        }
      }
    }
    for (let i = 0; i < work.length; i++) key[work[i]] = pr.pairW[work[i]] * (0.8 + 0.4 * rnd());
    work.sort((x, y) => key[y] - key[x] || x - y);
    improver.pin(pin);
    for (let i = 0; i < work.length; i++) {
      const r = work[i];
      if (st.slotOf[r] !== NONE) continue;
      if (placeRandomly(pr, st, r, rnd)) improver.stateChanged();
      else improver.tryInsert(r);
    }
    improver.pin(NONE);
    if (st.weight >= before - improver.eps) {
      kept++;
      if (st.weight > before + improver.eps) accepted++;
    } else {
      st.undoTo(0);
      improver.stateChanged(); // the state changed (back)
    }
    st.journal.length = 0;
  }
  return { kicks: done, accepted, kept };
}

/** Put p into a random common slot where it fits as it is; false when there is none. */
function placeRandomly(pr: Problem, st: ScheduleState, p: number, rnd: () => number): boolean {
  const start = pr.commonStart[p];
  const k = pr.commonStart[p + 1] - start;
  const off = Math.floor(rnd() * k);
  for (let i = 0; i < k; i++) {
    const s = pr.commonSlots[start + ((i + off) % k)];
    if (st.canPlace(p, s)) {
      st.place(p, s);
      return true;
    }
  }
  return false;
}
