/**
 * Mutable assignment state shared by the greedy and improvement phases:
 * which slot each pair is in, which pair occupies each (party, slot), and the
 * meetings per slot. Every change can be journaled and rolled back, which is
 * how the improvement phase tries a move and undoes it when it does not pay.
 */
import type { Problem } from "./problem.ts";

export const NONE = -1;

export class ScheduleState {
  readonly problem: Problem;
  readonly S: number;
  /** Slot of each pair, NONE when unscheduled. */
  readonly slotOf: Int32Array;
  /** busy[party * S + slot] = pair holding that party in that slot, or NONE. */
  readonly busy: Int32Array;
  /** Number of meetings per slot. */
  readonly load: Int32Array;
  /** Meetings per slot (unordered) and the position of each pair in its slot list. */
  readonly members: number[][];
  readonly pos: Int32Array;
  /** Per party: available slots in which it has no meeting. */
  readonly freeSlots: Int32Array;
  /** Bumped whenever the meetings of a slot change (for caches keyed on a slot). */
  readonly slotVersion: Int32Array;
  /** Bumped whenever the meetings of a party change. */
  readonly partyVersion: Int32Array;
  /** Number of slots with a room left. */
  openSlots: number;
  weight = 0;
  scheduledCount = 0;
  /** Undo journal: pairs of (pair, previous slot or NONE). */
  readonly journal: number[] = [];
  journaling = false;

  constructor(problem: Problem) {
    this.problem = problem;
    this.S = problem.numSlots;
    this.slotOf = new Int32Array(problem.numPairs).fill(NONE);
    this.busy = new Int32Array(problem.numParties * problem.numSlots).fill(NONE);
    this.load = new Int32Array(problem.numSlots);
    this.slotVersion = new Int32Array(problem.numSlots);
    this.partyVersion = new Int32Array(problem.numParties);
    this.members = Array.from({ length: problem.numSlots }, () => [] as number[]);
    this.pos = new Int32Array(problem.numPairs).fill(NONE);
    this.freeSlots = new Int32Array(problem.numParties);
    for (let i = 0; i < problem.numParties; i++)
      this.freeSlots[i] = problem.partySlotStart[i + 1] - problem.partySlotStart[i];
    let open = 0;
    for (let s = 0; s < problem.numSlots; s++) if (problem.capacity[s] > 0) open++;
    this.openSlots = open;
  }

  /** Both parties free in slot s and a room left. */
  canPlace(p: number, s: number): boolean {
    const pr = this.problem;
    return (
      this.busy[pr.pairA[p] * this.S + s] === NONE &&
      this.busy[pr.pairB[p] * this.S + s] === NONE &&
      this.load[s] < pr.capacity[s]
    );
  }

  place(p: number, s: number): void {
    const pr = this.problem;
    this.slotOf[p] = s;
    const a = pr.pairA[p];
    const b = pr.pairB[p];
    this.busy[a * this.S + s] = p;
    this.busy[b * this.S + s] = p;
    this.freeSlots[a]--;
    this.freeSlots[b]--;
    this.partyVersion[a]++;
    this.partyVersion[b]++;
    if (++this.load[s] === pr.capacity[s]) this.openSlots--;
    this.slotVersion[s]++;
    const m = this.members[s];
    this.pos[p] = m.length;
    m.push(p);
    this.weight += pr.pairW[p];
    this.scheduledCount++;
    if (this.journaling) this.journal.push(p, NONE);
  }

  remove(p: number): void {
    const pr = this.problem;
    const s = this.slotOf[p];
    this.slotOf[p] = NONE;
    const a = pr.pairA[p];
    const b = pr.pairB[p];
    this.busy[a * this.S + s] = NONE;
    this.busy[b * this.S + s] = NONE;
    this.freeSlots[a]++;
    this.freeSlots[b]++;
    this.partyVersion[a]++;
    this.partyVersion[b]++;
    if (this.load[s]-- === pr.capacity[s]) this.openSlots++;
    this.slotVersion[s]++;
    const m = this.members[s];
    const i = this.pos[p];
    const last = m.pop() as number;
    if (last !== p) {
      m[i] = last;
      this.pos[last] = i;
    }
    this.pos[p] = NONE;
    this.weight -= pr.pairW[p];
    this.scheduledCount--;
    if (this.journaling) this.journal.push(p, s);
  }

  /** Roll back journaled changes until the journal has `mark` entries. */
  undoTo(mark: number): void {
    const j = this.journal;
    const was = this.journaling;
    this.journaling = false;
    while (j.length > mark) {
      const prev = j.pop() as number;
      const p = j.pop() as number;
      if (prev === NONE) this.remove(p);
      else this.place(p, prev);
    }
    this.journaling = was;
  }

  /** Sum of the weights of the scheduled pairs, recomputed exactly (avoids drift from += / -=). */
  exactWeight(): number {
    let w = 0;
    const W = this.problem.pairW;
    for (let p = 0; p < this.slotOf.length; p++) if (this.slotOf[p] !== NONE) w += W[p];
    return w;
  }
}
