/**
 * Normalises a ScheduleInput into a compact, index-based problem: parties and
 * slots are numbered, invalid and duplicate requests are set aside, and each
 * schedulable pair gets the sorted list of slots both parties are available in
 * (its "common slots"). Everything downstream (greedy, improve, ilp) works on
 * these typed arrays only.
 */
import type { PartyId, ScheduleInput, SlotId, UnscheduledReason } from "./types.ts";

/** Capacity value used for "unlimited". */
export const UNLIMITED = 0x7fffffff;

export interface RejectedRequest {
  readonly request: number;
  readonly reason: Extract<UnscheduledReason, "duplicate" | "invalid">;
  readonly duplicateOf?: number;
}

export interface Problem {
  readonly eachPairOnce: boolean;
  readonly partyIds: readonly PartyId[];
  readonly slotIds: readonly SlotId[];
  readonly numParties: number;
  readonly numSlots: number;
  /** Room capacity per slot index (UNLIMITED when absent). */
  readonly capacity: Int32Array;
  readonly numPairs: number;
  /** Party index of side a / side b of each pair. */
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  readonly pairW: Float64Array;
  /** Request index represented by each pair. */
  readonly pairRequest: Int32Array;
  /** CSR: common slots of pair p are commonSlots[commonStart[p] .. commonStart[p+1]), ascending. */
  readonly commonStart: Int32Array;
  readonly commonSlots: Int32Array;
  /** CSR: pairs incident to party i are partyPairs[partyPairStart[i] .. partyPairStart[i+1]). */
  readonly partyPairStart: Int32Array;
  readonly partyPairs: Int32Array;
  /** Party indices of each request (-1 when the request is invalid). */
  readonly requestA: Int32Array;
  readonly requestB: Int32Array;
  /** CSR: available slots of party i are partySlotList[partySlotStart[i] .. partySlotStart[i+1]), ascending. */
  readonly partySlotStart: Int32Array;
  readonly partySlotList: Int32Array;
  readonly rejected: readonly RejectedRequest[];
  readonly ignoredAvailability: number;
}

function validCapacity(c: number | undefined): number {
  if (c === undefined || c === Infinity) return UNLIMITED;
  if (!Number.isInteger(c) || c < 0) throw new RangeError(`slot capacity must be an integer >= 0 or absent, got ${c}`);
  return Math.min(c, UNLIMITED);
}

/**
 * Size of the intersection of the ascending runs x[xs..xe) and y[ys..ye);
 * with `out`, the common elements are also written there from `at` on.
 */
export function intersectRuns(
  x: Int32Array,
  xs: number,
  xe: number,
  y: Int32Array,
  ys: number,
  ye: number,
  out?: Int32Array,
  at = 0,
): number {
  let i = xs;
  let j = ys;
  let n = 0;
  while (i < xe && j < ye) {
    const u = x[i];
    const v = y[j];
    if (u === v) {
      if (out) out[at + n] = u;
      n++;
      i++;
      j++;
    } else if (u < v) i++;
    else j++;
  }
  return n;
}

/** Number of slots parties i and j are both available in. */
export function commonSlotCount(pr: Problem, i: number, j: number): number {
  const st = pr.partySlotStart;
  return intersectRuns(pr.partySlotList, st[i], st[i + 1], pr.partySlotList, st[j], st[j + 1]);
}

export function buildProblem(input: ScheduleInput, eachPairOnce = true): Problem {
  // --- slots ---------------------------------------------------------------
  const slotIndex = new Map<SlotId, number>();
  const slotIds: SlotId[] = [];
  const caps: number[] = [];
  const fixedUniverse = input.slots !== undefined;
  if (input.slots) {
    for (const spec of input.slots) {
      if (slotIndex.has(spec.id)) throw new RangeError(`duplicate slot id ${String(spec.id)}`);
      slotIndex.set(spec.id, slotIds.length);
      slotIds.push(spec.id);
      caps.push(validCapacity(spec.capacity));
    }
  }

  // --- parties (availability first, then request parties) ---------------------
  const partyIndex = new Map<PartyId, number>();
  const partyIds: PartyId[] = [];
  const avs = input.availability;
  const avParty = new Int32Array(avs.length);
  let totalAv = 0;
  for (let k = 0; k < avs.length; k++) {
    const id = avs[k].party;
    let i = partyIndex.get(id);
    if (i === undefined) {
      i = partyIds.length;
      partyIndex.set(id, i);
      partyIds.push(id);
    }
    avParty[k] = i;
    totalAv += avs[k].slots.length;
  }
  const reqs = input.requests;
  const requestA = new Int32Array(reqs.length).fill(-1);
  const requestB = new Int32Array(reqs.length).fill(-1);
  const rejected: RejectedRequest[] = [];
  const valid = new Uint8Array(reqs.length);
  for (let r = 0; r < reqs.length; r++) {
    const q = reqs[r];
    const w = q.weight;
    if (q.a === q.b || typeof w !== "number" || !Number.isFinite(w) || w <= 0) {
      rejected.push({ request: r, reason: "invalid" });
      continue;
    }
    valid[r] = 1;
    let ia = partyIndex.get(q.a);
    if (ia === undefined) {
      ia = partyIds.length;
      partyIndex.set(q.a, ia);
      partyIds.push(q.a);
    }
    let ib = partyIndex.get(q.b);
    if (ib === undefined) {
      ib = partyIds.length;
      partyIndex.set(q.b, ib);
      partyIds.push(q.b);
    }
    requestA[r] = ia;
    requestB[r] = ib;
  }
  const numParties = partyIds.length;

  // --- availability -> CSR of sorted, distinct slot indices per party ----------
  const avSlot = new Int32Array(totalAv);
  const count = new Int32Array(numParties + 1);
  let ignoredAvailability = 0;
  let pos = 0;
  for (let k = 0; k < avs.length; k++) {
    const list = avs[k].slots;
    for (let j = 0; j < list.length; j++) {
      const sid = list[j];
      let s = slotIndex.get(sid);
      if (s === undefined) {
        if (fixedUniverse) {
          ignoredAvailability++;
          avSlot[pos++] = -1;
          continue;
        }
        s = slotIds.length;
        slotIndex.set(sid, s);
        slotIds.push(sid);
        caps.push(UNLIMITED);
      }
      avSlot[pos++] = s;
      count[avParty[k] + 1]++;
    }
  }
  const numSlots = slotIds.length;
  const partySlotStart = new Int32Array(numParties + 1);
  for (let i = 0; i < numParties; i++) partySlotStart[i + 1] = partySlotStart[i] + count[i + 1];
  const fill = partySlotStart.slice(0, numParties);
  const raw = new Int32Array(partySlotStart[numParties]);
  pos = 0;
  for (let k = 0; k < avs.length; k++) {
    const n = avs[k].slots.length;
    const i = avParty[k];
    for (let j = 0; j < n; j++) {
      const s = avSlot[pos++];
      if (s >= 0) raw[fill[i]++] = s;
    }
  }
  // sort (insertion sort: runs are short and usually sorted already) and dedupe each run
  const seenSlot = new Int32Array(numSlots).fill(-1);
  const partySlotList = new Int32Array(raw.length);
  let out = 0;
  for (let i = 0; i < numParties; i++) {
    const from = partySlotStart[i];
    const to = partySlotStart[i + 1];
    partySlotStart[i] = out;
    const base = out;
    for (let j = from; j < to; j++) {
      const s = raw[j];
      if (seenSlot[s] === i) continue;
      seenSlot[s] = i;
      let k = out++;
      while (k > base && partySlotList[k - 1] > s) {
        partySlotList[k] = partySlotList[k - 1];
        k--;
      }
      partySlotList[k] = s;
    }
  }
  partySlotStart[numParties] = out;

  // --- requests -> pairs (merging duplicates when eachPairOnce) ---------------
  const keep: number[] = [];
  if (!eachPairOnce) {
    for (let r = 0; r < reqs.length; r++) if (valid[r]) keep.push(r);
  } else {
    // key = lo * numParties + hi is exact (and a small integer for up to ~30k parties)
    const byKey = new Map<number, number>(); // pair key -> position in keep
    for (let r = 0; r < reqs.length; r++) {
      if (!valid[r]) continue;
      const ia = requestA[r];
      const ib = requestB[r];
      const key = ia < ib ? ia * numParties + ib : ib * numParties + ia;
      const at = byKey.get(key);
      if (at === undefined) {
        byKey.set(key, keep.length);
        keep.push(r);
        continue;
      }
      const prev = keep[at];
      if (reqs[r].weight > reqs[prev].weight) {
        keep[at] = r;
        rejected.push({ request: prev, reason: "duplicate", duplicateOf: r });
      } else {
        rejected.push({ request: r, reason: "duplicate", duplicateOf: prev });
      }
    }
    // A request displaced by a later heavier duplicate may itself be the target of
    // earlier duplicates: point every duplicate at the final representative.
    for (let i = 0; i < rejected.length; i++) {
      const rj = rejected[i];
      if (rj.reason !== "duplicate") continue;
      const r = rj.request;
      const ia = requestA[r];
      const ib = requestB[r];
      const target = keep[byKey.get(ia < ib ? ia * numParties + ib : ib * numParties + ia) as number];
      if (target !== rj.duplicateOf) rejected[i] = { ...rj, duplicateOf: target };
    }
    keep.sort((x, y) => x - y);
  }
  rejected.sort((x, y) => x.request - y.request);

  const numPairs = keep.length;
  const pairA = new Int32Array(numPairs);
  const pairB = new Int32Array(numPairs);
  const pairW = new Float64Array(numPairs);
  const pairRequest = new Int32Array(numPairs);
  const commonStart = new Int32Array(numPairs + 1);
  const degree = new Int32Array(numParties + 1);
  let bound = 0;
  for (let p = 0; p < numPairs; p++) {
    const r = keep[p];
    const a = requestA[r];
    const b = requestB[r];
    pairA[p] = a;
    pairB[p] = b;
    pairW[p] = reqs[r].weight;
    pairRequest[p] = r;
    bound += Math.min(partySlotStart[a + 1] - partySlotStart[a], partySlotStart[b + 1] - partySlotStart[b]);
    degree[a]++;
    degree[b]++;
  }
  const commonBuf = new Int32Array(bound);
  let nc = 0;
  for (let p = 0; p < numPairs; p++) {
    const a = pairA[p];
    const b = pairB[p];
    nc += intersectRuns(
      partySlotList,
      partySlotStart[a],
      partySlotStart[a + 1],
      partySlotList,
      partySlotStart[b],
      partySlotStart[b + 1],
      commonBuf,
      nc,
    );
    commonStart[p + 1] = nc;
  }
  const partyPairStart = new Int32Array(numParties + 1);
  for (let i = 0; i < numParties; i++) partyPairStart[i + 1] = partyPairStart[i] + degree[i];
  const next = partyPairStart.slice(0, numParties);
  const partyPairs = new Int32Array(partyPairStart[numParties]);
  for (let p = 0; p < numPairs; p++) {
    partyPairs[next[pairA[p]]++] = p;
    partyPairs[next[pairB[p]]++] = p;
  }

  return {
    eachPairOnce,
    partyIds,
    slotIds,
    numParties,
    numSlots,
    capacity: Int32Array.from(caps),
    numPairs,
    pairA,
    pairB,
    pairW,
    pairRequest,
    commonStart,
    commonSlots: commonBuf.subarray(0, nc),
    partyPairStart,
    partyPairs,
    requestA,
    requestB,
    partySlotStart,
    partySlotList,
    rejected,
    ignoredAvailability,
  };
}
