/**
 * validateSchedule(): independent feasibility check of a schedule against its
 * input. Deliberately shares no code with the solver (plain Maps, no indices),
 * so a bug in the solver's bookkeeping cannot hide itself.
 */
import type { PartyId, ScheduleInput, ScheduleResult, SlotId, ValidationResult } from "./types.ts";

export interface ValidateOptions {
  /** Must match the option the schedule was made with (default true). */
  readonly eachPairOnce?: boolean;
}

type Checkable = Pick<ScheduleResult, "meetings"> & Partial<Pick<ScheduleResult, "unscheduled" | "totalWeight">>;

const MAX_ERRORS = 50;

export function validateSchedule(
  input: ScheduleInput,
  output: Checkable,
  options: ValidateOptions = {},
): ValidationResult {
  const eachPairOnce = options.eachPairOnce ?? true;
  const errors: string[] = [];
  let errorCount = 0;
  const fail = (msg: string): void => {
    errorCount++;
    if (errors.length < MAX_ERRORS) errors.push(msg);
  };

  // Slot universe and capacities.
  const capacity = new Map<SlotId, number>();
  if (input.slots) for (const s of input.slots) capacity.set(s.id, s.capacity ?? Infinity);
  const avail = new Map<PartyId, Set<SlotId>>();
  for (const av of input.availability) {
    let set = avail.get(av.party);
    if (!set) avail.set(av.party, (set = new Set()));
    for (const s of av.slots) {
      if (input.slots && !capacity.has(s)) continue;
      set.add(s);
      if (!input.slots && !capacity.has(s)) capacity.set(s, Infinity);
    }
  }
  const commonCount = (a: PartyId, b: PartyId): number => {
    const x = avail.get(a);
    const y = avail.get(b);
    if (!x || !y) return 0;
    let n = 0;
    for (const s of x) if (y.has(s)) n++;
    return n;
  };

  const reqs = input.requests;
  const seenRequest = new Set<number>();
  const busy = new Map<string, number>(); // party|slot -> request
  const load = new Map<SlotId, number>();
  const pairSeen = new Map<string, number>();
  const key = (x: PartyId): string => `${typeof x === "number" ? "n" : "s"}:${String(x)}`;
  const pairKey = (a: PartyId, b: PartyId): string => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
  };
  let total = 0;

  for (const m of output.meetings) {
    const r = m.request;
    if (!Number.isInteger(r) || r < 0 || r >= reqs.length) {
      fail(`meeting refers to unknown request ${r}`);
      continue;
    }
    const q = reqs[r];
    if (seenRequest.has(r)) fail(`request ${r} is scheduled more than once`);
    seenRequest.add(r);
    if (m.a !== q.a || m.b !== q.b)
      fail(
        `meeting for request ${r} has parties (${String(m.a)}, ${String(m.b)}), expected (${String(q.a)}, ${String(
          q.b,
        )})`,
      );
    if (m.weight !== q.weight) fail(`meeting for request ${r} has weight ${m.weight}, expected ${q.weight}`);
    if (q.a === q.b || !(Number.isFinite(q.weight) && q.weight > 0)) fail(`invalid request ${r} is scheduled`);
    if (!capacity.has(m.slot)) {
      fail(`request ${r} is in unknown slot ${String(m.slot)}`);
      continue;
    }
    for (const party of [q.a, q.b]) {
      if (!avail.get(party)?.has(m.slot))
        fail(`party ${String(party)} is not available in slot ${String(m.slot)} (request ${r})`);
      const cell = `${key(party)}@${typeof m.slot}:${String(m.slot)}`;
      const other = busy.get(cell);
      if (other !== undefined && other !== r)
        fail(`party ${String(party)} is double-booked in slot ${String(m.slot)} (requests ${other} and ${r})`);
      busy.set(cell, r);
    }
    load.set(m.slot, (load.get(m.slot) ?? 0) + 1);
    if (eachPairOnce) {
      const pk = pairKey(q.a, q.b);
      const prev = pairSeen.get(pk);
      if (prev !== undefined)
        fail(`pair (${String(q.a)}, ${String(q.b)}) meets more than once (requests ${prev} and ${r})`);
      pairSeen.set(pk, r);
    }
    total += q.weight;
  }
  for (const [slot, n] of load) {
    const cap = capacity.get(slot) ?? Infinity;
    if (n > cap) fail(`slot ${String(slot)} holds ${n} meetings but has capacity ${cap}`);
  }
  if (output.totalWeight !== undefined && Math.abs(output.totalWeight - total) > 1e-6 * Math.max(1, Math.abs(total))) {
    fail(`totalWeight ${output.totalWeight} differs from the sum of meeting weights ${total}`);
  }

  if (output.unscheduled) {
    const isBusy = (party: PartyId, slot: SlotId): boolean => busy.has(`${key(party)}@${typeof slot}:${String(slot)}`);
    for (const u of output.unscheduled) {
      const r = u.request;
      if (!Number.isInteger(r) || r < 0 || r >= reqs.length) {
        fail(`unscheduled entry refers to unknown request ${r}`);
        continue;
      }
      if (seenRequest.has(r)) fail(`request ${r} is both scheduled and unscheduled (or listed twice)`);
      seenRequest.add(r);
      const q = reqs[r];
      if (u.reason === "invalid" || u.reason === "duplicate") continue;
      const k = commonCount(q.a, q.b);
      if (u.commonSlots !== k) fail(`request ${r}: commonSlots ${u.commonSlots}, expected ${k}`);
      if ((u.reason === "no-common-slot") !== (k === 0)) fail(`request ${r}: reason ${u.reason} but ${k} common slots`);
      if (u.reason === "capacity" || u.reason === "conflict") {
        const x = avail.get(q.a) ?? new Set<SlotId>();
        const y = avail.get(q.b) ?? new Set<SlotId>();
        let bothFree = 0;
        for (const s of x) {
          if (!y.has(s) || isBusy(q.a, s) || isBusy(q.b, s)) continue;
          bothFree++;
          if ((load.get(s) ?? 0) < (capacity.get(s) ?? Infinity))
            fail(`request ${r} is unscheduled but fits in slot ${String(s)}`);
        }
        if (u.reason === "capacity" && bothFree === 0)
          fail(`request ${r}: reason capacity but both parties are never free together`);
        if (u.reason === "conflict" && bothFree > 0)
          fail(`request ${r}: reason conflict but both parties are free in ${bothFree} common slots`);
      }
    }
    for (let r = 0; r < reqs.length; r++)
      if (!seenRequest.has(r)) fail(`request ${r} is neither scheduled nor unscheduled`);
  }

  return { ok: errorCount === 0, errors, errorCount, totalWeight: total };
}
