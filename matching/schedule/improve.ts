/**
 * Local improvement by ejection chains (see docs/decisions/011-meeting-scheduler.md).
 *
 * Rounds over the unscheduled pairs, heaviest first. For a pair p, every common
 * slot s is tried with the move "put p into s":
 *   1. eject what blocks s for p: the meeting of each party of p in s and, when
 *      the room capacity of s is reached, one more meeting of s (one that can
 *      simply move to a free slot of its own if there is one, else the lightest);
 *   2. place p in s;
 *   3. re-home each ejected meeting by a breadth-first search over
 *      single-displacement moves (the meeting moves to one of its common slots
 *      where one of its parties is busy, the displaced meeting moves on the same
 *      way, ...; through full rooms too). The search stops at the first meeting
 *      that can move into a free cell: the whole chain is shifted at no cost. If
 *      no such chain exists within the node budget, the chain to the lightest
 *      meeting reached is shifted and that meeting is dropped;
 *   4. refill the cells freed by dropped meetings with the heaviest unscheduled
 *      pairs that now fit (this turns "one heavy meeting blocks two lighter ones
 *      worth more together" into an improving 1-for-2 swap).
 * The gain is the change in total weight. The best slot's move is applied when
 * its gain is positive; otherwise everything is rolled back through the state's
 * undo journal. Rounds repeat until one finds no improving move, so the result
 * is a local optimum for this neighbourhood (up to the pruning of hopeless
 * attempts, see worthTrying). On small fairs, ruin-and-recreate kicks
 * (kicks.ts) follow, then rounds again.
 */
import { ruinAndRecreate } from "./kicks.ts";
import type { Problem } from "./problem.ts";
import { NONE, type ScheduleState } from "./state.ts";

export interface ImproveOptions {
  readonly maxRounds: number;
  /** Nodes (meetings) a re-homing search may visit (default 32). */
  readonly searchBudget?: number;
  /** Let re-homing chains pass through full rooms by displacing the slot's lightest meeting (default true). */
  readonly roomChains?: boolean;
  /** Ruin-and-recreate kicks after the rounds (default 0). */
  readonly kicks?: number;
  /** Seed of the kicks' PRNG (default 1). */
  readonly seed?: number;
}

export interface ImproveStats {
  readonly moves: number;
  readonly rounds: number;
  readonly kicks: number;
  /** Kicks that strictly increased the total weight. */
  readonly kicksAccepted: number;
}

export class Improver {
  private readonly pr: Problem;
  private readonly st: ScheduleState;
  private readonly S: number;
  private readonly budget: number;
  private readonly dropBudget: number;
  private readonly roomChains: boolean;
  /** stamp[p] === attempt: p is the pair being inserted or was already handled in this attempt. */
  private readonly stamp: Int32Array;
  private attempt = 0;
  /** seen[p] === search: p is already a node of the current re-homing search, namely node nodeOf[p]. */
  private readonly seen: Int32Array;
  private readonly nodeOf: Int32Array;
  private search = 0;
  /** Smallest weight change that counts as an improvement. */
  readonly eps: number;
  // search tree of the current re-homing (breadth-first)
  private readonly node: Int32Array;
  private readonly parent: Int32Array;
  private readonly via: Int32Array;
  // scratch buffers (attemptAt is not re-entrant)
  private readonly ejected: number[] = [];
  private readonly dropped: number[] = [];
  private readonly droppedAt: number[] = [];
  private readonly cands: number[] = [];
  private readonly order: number[] = [];
  /** Number of committed changes so far; caches below are valid for one version only. */
  private version = 0;
  /** Current improvement round; the cost cache below is kept for one round. */
  private round = 0;
  /**
   * Cost of re-homing each meeting, as last computed, and the round it was
   * computed in. Within a round the cached costs may go stale after a commit;
   * they only steer which attempts are made, so a stale value at worst
   * postpones a move to the next round.
   */
  private readonly costValue: Float64Array;
  private readonly costRound: Int32Array;
  /** Pair that must not be moved or dropped (the kicked pair while the kick is repaired). */
  private pinned = NONE;
  private overallVersion = -1;
  private overallW = 0;
  /** Version at which each pair's last insertion attempt failed. */
  private readonly failedAt: Int32Array;
  // lightest meeting per slot, cached by slot version
  private readonly lightVersion: Int32Array;
  private readonly lightMeeting: Int32Array;
  // weight of the lightest meeting per party, cached by party version
  private readonly partyLightVersion: Int32Array;
  private readonly partyLightW: Float64Array;

  constructor(problem: Problem, state: ScheduleState, opts: ImproveOptions) {
    this.pr = problem;
    this.st = state;
    this.S = problem.numSlots;
    this.budget = Math.max(1, opts.searchBudget ?? 32);
    this.dropBudget = Math.max(1, Math.ceil(this.budget / 3));
    this.roomChains = opts.roomChains ?? true;
    this.stamp = new Int32Array(problem.numPairs);
    this.seen = new Int32Array(problem.numPairs);
    this.nodeOf = new Int32Array(problem.numPairs);
    this.node = new Int32Array(this.budget);
    this.parent = new Int32Array(this.budget);
    this.via = new Int32Array(this.budget);
    this.costValue = new Float64Array(problem.numPairs);
    this.costRound = new Int32Array(problem.numPairs).fill(-1);
    this.failedAt = new Int32Array(problem.numPairs).fill(-1);
    this.lightVersion = new Int32Array(problem.numSlots).fill(-1);
    this.lightMeeting = new Int32Array(problem.numSlots).fill(NONE);
    this.partyLightVersion = new Int32Array(problem.numParties).fill(-1);
    this.partyLightW = new Float64Array(problem.numParties);
    let maxW = 0;
    for (let p = 0; p < problem.numPairs; p++) maxW = Math.max(maxW, problem.pairW[p]);
    this.eps = 1e-9 * Math.max(1, maxW);
  }

  /** A change was made from outside (or rolled back): version-keyed caches must not match. */
  stateChanged(): void {
    this.version++;
  }

  /** Start a new cache round (re-homing costs computed before are no longer used). */
  newRound(): void {
    this.round++;
  }

  /** Pin pair p (NONE to unpin): attempts must neither move nor drop it. */
  pin(p: number): void {
    this.pinned = p;
  }

  /** Improvement rounds until a round commits nothing (or maxRounds). */
  rounds(order: Int32Array, maxRounds: number): { moves: number; rounds: number } {
    const { pr, st } = this;
    let moves = 0;
    let rounds = 0;
    while (rounds < maxRounds) {
      rounds++;
      this.round++;
      let improved = 0;
      for (let i = 0; i < order.length; i++) {
        const p = order[i];
        if (st.slotOf[p] !== NONE || pr.commonStart[p + 1] === pr.commonStart[p]) continue;
        if (this.tryInsert(p)) improved++;
        st.journal.length = 0;
      }
      moves += improved;
      if (improved === 0) break;
    }
    return { moves, rounds };
  }

  /** Try to schedule p, possibly by rearranging / displacing others. Returns true if applied. */
  tryInsert(p: number): boolean {
    const { pr, st } = this;
    // Nothing was committed since p last failed: the search would fail again (it is deterministic).
    if (this.failedAt[p] === this.version) return false;
    const start = pr.commonStart[p];
    const end = pr.commonStart[p + 1];
    for (let i = start; i < end; i++) {
      const s = pr.commonSlots[i];
      if (st.canPlace(p, s)) {
        st.place(p, s);
        this.version++;
        return true;
      }
    }
    let bestGain = this.eps;
    let bestSlot = NONE;
    for (let i = start; i < end; i++) {
      const s = pr.commonSlots[i];
      if (!this.worthTrying(p, s, bestGain)) continue;
      const mark = st.journal.length;
      const gain = this.attemptAt(p, s);
      st.undoTo(mark);
      if (gain > bestGain) {
        bestGain = gain;
        bestSlot = s;
      }
    }
    if (bestSlot === NONE) {
      this.failedAt[p] = this.version;
      return false;
    }
    this.attemptAt(p, bestSlot); // deterministic: reproduces the evaluated move
    this.version++;
    return true;
  }

  /**
   * Whether "p into s" may gain more than `threshold`, judged from an optimistic
   * estimate of its gain computed from the state alone: the smaller of
   * - a bound: a blocker whose shared party X has no free slot can only be
   *   re-homed by a chain that moves X's meetings around and drops one of them,
   *   so it costs at least X's lightest meeting; a room bought while no slot has
   *   a free room costs at least the lightest meeting overall;
   * - the cached re-homing costs of the meetings that would be ejected, when all
   *   of them were computed in this round (they depend only weakly on which pair
   *   is being inserted; a stale value at worst defers a move to the next round).
   * It is credited with the heaviest pairs that could refill the cells the
   * blockers' other parties leave free.
   */
  private worthTrying(p: number, s: number, threshold: number): boolean {
    const { pr, st, S } = this;
    const a = pr.pairA[p];
    const b = pr.pairB[p];
    const qa = st.busy[a * S + s];
    let qb = st.busy[b * S + s];
    if (qb === qa) qb = NONE;
    let partyCost = 0;
    let blockers = 0;
    let cached = 0;
    let allCached = true;
    if (qa !== NONE) {
      blockers++;
      if (st.freeSlots[a] === 0) partyCost += this.lightestMeetingOf(a);
      if (this.costRound[qa] === this.round) cached += this.costValue[qa];
      else allCached = false;
    }
    if (qb !== NONE) {
      blockers++;
      if (st.freeSlots[b] === 0) partyCost += this.lightestMeetingOf(b);
      if (this.costRound[qb] === this.round) cached += this.costValue[qb];
      else allCached = false;
    }
    let roomCost = 0;
    if (st.load[s] - blockers >= pr.capacity[s]) {
      if (st.openSlots === 0) {
        roomCost = this.lightestOverall();
        const v = this.lightestCached(s);
        if (v !== NONE && v !== qa && v !== qb && this.costRound[v] === this.round) cached += this.costValue[v];
        else allCached = false;
      } else allCached = false;
    }
    let estimate = pr.pairW[p] - Math.max(partyCost, roomCost);
    if (allCached) estimate = Math.min(estimate, pr.pairW[p] - cached);
    if (estimate > threshold) return true;
    // Credit the heaviest pairs that could refill the cells the blockers' other parties leave free.
    if (qa !== NONE) {
      estimate += this.bestRefill(pr.pairA[qa] === a ? pr.pairB[qa] : pr.pairA[qa], s, p);
      if (estimate > threshold) return true;
    }
    if (qb !== NONE) {
      estimate += this.bestRefill(pr.pairA[qb] === b ? pr.pairB[qb] : pr.pairA[qb], s, p);
      if (estimate > threshold) return true;
    }
    return false;
  }

  /** Weight of the lightest scheduled meeting (cached per committed version; called between attempts only). */
  private lightestOverall(): number {
    if (this.overallVersion === this.version) return this.overallW;
    let w = Infinity;
    for (let t = 0; t < this.S; t++) {
      const m = this.lightestCached(t);
      if (m !== NONE && this.pr.pairW[m] < w) w = this.pr.pairW[m];
    }
    this.overallVersion = this.version;
    this.overallW = w;
    return w;
  }

  /** Lightest meeting of slot t (ties: lowest index), cached until the slot changes. */
  private lightestCached(t: number): number {
    const st = this.st;
    if (this.lightVersion[t] === st.slotVersion[t]) return this.lightMeeting[t];
    const W = this.pr.pairW;
    const m = st.members[t];
    let best = NONE;
    for (let j = 0; j < m.length; j++) {
      const x = m[j];
      if (best === NONE || W[x] < W[best] || (W[x] === W[best] && x < best)) best = x;
    }
    this.lightVersion[t] = st.slotVersion[t];
    this.lightMeeting[t] = best;
    return best;
  }

  /** Weight of the lightest meeting of party x, cached until x's meetings change. */
  private lightestMeetingOf(x: number): number {
    const { pr, st, S } = this;
    if (this.partyLightVersion[x] === st.partyVersion[x]) return this.partyLightW[x];
    let w = Infinity;
    for (let i = pr.partySlotStart[x]; i < pr.partySlotStart[x + 1]; i++) {
      const m = st.busy[x * S + pr.partySlotList[i]];
      if (m !== NONE && pr.pairW[m] < w) w = pr.pairW[m];
    }
    this.partyLightVersion[x] = st.partyVersion[x];
    this.partyLightW[x] = w;
    return w;
  }

  /** Heaviest unscheduled pair (other than p) of party x that could use slot s once x is free there. */
  private bestRefill(x: number, s: number, p: number): number {
    const { pr, st, S } = this;
    const a = pr.pairA[p];
    const b = pr.pairB[p];
    let best = 0;
    for (let i = pr.partyPairStart[x]; i < pr.partyPairStart[x + 1]; i++) {
      const r = pr.partyPairs[i];
      if (r === p || st.slotOf[r] !== NONE || pr.pairW[r] <= best) continue;
      const y = pr.pairA[r] === x ? pr.pairB[r] : pr.pairA[r];
      if (y === a || y === b || st.busy[y * S + s] !== NONE) continue;
      if (hasSlot(pr, r, s)) best = pr.pairW[r];
    }
    return best;
  }

  /** Apply "p into s" (ejections, re-homing chains, drops, refill) and return its gain. */
  private attemptAt(p: number, s: number): number {
    const { pr, st, S } = this;
    const before = st.weight;
    const mark = st.journal.length;
    const att = ++this.attempt;
    this.stamp[p] = att;
    const ejected = this.ejected;
    const dropped = this.dropped;
    const droppedAt = this.droppedAt;
    ejected.length = 0;
    dropped.length = 0;
    droppedAt.length = 0;
    const qa = st.busy[pr.pairA[p] * S + s];
    let qb = st.busy[pr.pairB[p] * S + s];
    if (qb === qa) qb = NONE; // same pair twice (eachPairOnce off)
    const pinned = this.pinned;
    if (pinned !== NONE) {
      if (qa === pinned || qb === pinned) return -Infinity;
      this.stamp[pinned] = att; // locks it for the searches below
    }
    if (qa !== NONE) {
      st.remove(qa);
      ejected.push(qa);
    }
    if (qb !== NONE) {
      st.remove(qb);
      ejected.push(qb);
    }
    if (st.load[s] >= pr.capacity[s] && !this.freeRoom(s)) {
      const victim = this.lightestMember(s);
      if (victim === NONE) return -Infinity; // capacity 0
      st.remove(victim);
      ejected.push(victim);
    }
    st.place(p, s);
    for (let i = 0; i < ejected.length; i++) this.rehome(ejected[i], s);
    this.refill(mark);
    return st.weight - before;
  }

  /**
   * Find a new home for the unscheduled (just ejected from slot `from`) meeting q
   * by a breadth-first search over single-displacement moves: q moves to a
   * common slot where exactly one of its parties is busy, the meeting it
   * displaces moves on in the same way, and so on (with `roomChains`, moving into
   * a full slot where both parties are free displaces that slot's lightest
   * meeting). The search ends at a meeting that can move to a free cell (cost 0)
   * or, when none is found within the node budget, the chain to the lightest
   * meeting reached is applied and that meeting is dropped (cost = its weight; q
   * itself when nothing lighter is reachable). Returns the cost.
   */
  private rehome(q: number, from: number): number {
    const cost = this.rehomeSearch(q, from);
    this.costValue[q] = cost;
    this.costRound[q] = this.round;
    return cost;
  }

  private rehomeSearch(q: number, from: number): number {
    const { pr, st, S } = this;
    const node = this.node;
    const parent = this.parent;
    const via = this.via;
    const seen = this.seen;
    const stamp = this.stamp;
    const att = this.attempt;
    const sid = ++this.search;
    const canSucceed = st.openSlots > 0;
    // Without a free room anywhere the search can only price a drop: a smaller budget does.
    const budget = canSucceed ? this.budget : this.dropBudget;
    const floor = canSucceed ? 0 : this.lightestOverall();
    node[0] = q;
    parent[0] = -1;
    seen[q] = sid;
    this.nodeOf[q] = 0;
    let n = 1;
    let best = 0;
    let bestW = pr.pairW[q];
    let found = -1;
    let foundSlot = NONE;
    search: for (let head = 0; head < n; head++) {
      const m = node[head];
      const cur = head === 0 ? from : st.slotOf[m];
      const c = pr.pairA[m] * S;
      const d = pr.pairB[m] * S;
      for (let i = pr.commonStart[m]; i < pr.commonStart[m + 1]; i++) {
        const t = pr.commonSlots[i];
        if (t === cur) continue;
        let bc = st.busy[c + t];
        let bd = st.busy[d + t];
        // A cell left by a meeting earlier on this path is free once the chain is shifted
        // (this lets chains close into rotations of one party's meetings).
        if (bc !== NONE && seen[bc] === sid && this.vacatedOnPath(head, bc, pr.pairA[m], t)) bc = NONE;
        if (bd !== NONE && seen[bd] === sid && this.vacatedOnPath(head, bd, pr.pairB[m], t)) bd = NONE;
        let r: number;
        if (bc === NONE && bd === NONE) {
          if (st.load[t] < pr.capacity[t]) {
            if (canSucceed) {
              found = head;
              foundSlot = t;
              break search;
            }
            continue;
          }
          if (!this.roomChains || n >= budget) continue;
          r = this.lightestCached(t); // (if it is already taken, no room chain through t)
          if (r === NONE) continue;
        } else if (bc !== NONE && bd !== NONE && bc !== bd) {
          continue;
        } else {
          r = bc !== NONE ? bc : bd;
        }
        if (n >= budget || seen[r] === sid || stamp[r] === att) continue;
        seen[r] = sid;
        this.nodeOf[r] = n;
        node[n] = r;
        parent[n] = head;
        via[n] = t;
        n++;
        if (pr.pairW[r] < bestW) {
          bestW = pr.pairW[r];
          best = n - 1;
          // Nothing cheaper exists: stop (when no chain can end in a free cell anyway).
          if (!canSucceed && bestW <= floor) break search;
        }
      }
    }
    if (found < 0 && best === 0) {
      this.dropped.push(q);
      this.droppedAt.push(from);
      return pr.pairW[q];
    }
    // Shift the chain: take every meeting on the path out, then put each in its
    // new slot (all out first, so that rotations find their vacated cells).
    const mark = st.journal.length;
    const end = found >= 0 ? found : best;
    const droppedAt = found >= 0 ? NONE : st.slotOf[node[end]];
    for (let i = end; i > 0; i = parent[i]) st.remove(node[i]);
    if (found >= 0) {
      if (!st.canPlace(node[end], foundSlot)) return this.abandon(q, from, mark);
      st.place(node[end], foundSlot);
    }
    for (let i = end; i > 0; i = parent[i]) {
      const m = node[parent[i]];
      if (!st.canPlace(m, via[i])) return this.abandon(q, from, mark);
      st.place(m, via[i]);
    }
    for (let i = end; i > 0; i = parent[i]) stamp[node[i]] = att;
    stamp[q] = att;
    if (found >= 0) return 0;
    this.dropped.push(node[end]);
    this.droppedAt.push(droppedAt);
    return pr.pairW[node[end]];
  }

  /**
   * Whether meeting r, which holds party x in slot t, is an ancestor of search
   * node `head` that the chain moves out of t, with the meeting moving into t in
   * its place not involving x.
   */
  private vacatedOnPath(head: number, r: number, x: number, t: number): boolean {
    const { node, parent, via, pr } = this;
    const j = this.nodeOf[r];
    if (j <= 0 || via[j] !== t) return false;
    const mover = node[parent[j]];
    if (pr.pairA[mover] === x || pr.pairB[mover] === x) return false;
    for (let i = head; i > 0; i = parent[i]) if (i === j) return true;
    return false;
  }

  /** Roll back a chain that turned out inconsistent (a rare path interaction) and drop q instead. */
  private abandon(q: number, from: number, mark: number): number {
    this.st.undoTo(mark);
    this.dropped.push(q);
    this.droppedAt.push(from);
    return this.pr.pairW[q];
  }

  /** Make room in full slot t by moving one of its meetings to a free common slot of its own. */
  private freeRoom(t: number): boolean {
    const { pr, st } = this;
    if (st.openSlots === 0) return false;
    const m = st.members[t];
    for (let j = 0; j < m.length; j++) {
      const x = m[j];
      if (this.stamp[x] === this.attempt) continue;
      for (let i = pr.commonStart[x]; i < pr.commonStart[x + 1]; i++) {
        const u = pr.commonSlots[i];
        if (u !== t && st.canPlace(x, u)) {
          st.remove(x);
          st.place(x, u);
          this.stamp[x] = this.attempt;
          return true;
        }
      }
    }
    return false;
  }

  /** Lightest meeting of slot t that is neither locked in this attempt nor seen by search `sid`. */
  private lightestMember(t: number, sid = -1): number {
    const { pr, st } = this;
    const c = this.lightestCached(t);
    if (c === NONE || (this.stamp[c] !== this.attempt && this.seen[c] !== sid)) return c;
    const m = st.members[t];
    let best = NONE;
    for (let j = 0; j < m.length; j++) {
      const x = m[j];
      if (this.stamp[x] === this.attempt || this.seen[x] === sid) continue;
      if (best === NONE || pr.pairW[x] < pr.pairW[best] || (pr.pairW[x] === pr.pairW[best] && x < best)) best = x;
    }
    return best;
  }

  /**
   * Fill the cells vacated since journal position `mark` (by dropped or moved
   * meetings) with the heaviest unscheduled pairs that now fit there.
   */
  private refill(mark: number): void {
    const { pr, st, S } = this;
    const att = this.attempt;
    const cands = this.cands; // pairs (r, s), flattened
    cands.length = 0;
    for (let k = 0; k < this.dropped.length; k++) this.stamp[this.dropped[k]] = att;
    const j = st.journal;
    const end = j.length;
    for (let k = mark; k < end; k += 2) {
      const q = j[k];
      const s = j[k + 1];
      if (s === NONE || st.load[s] >= pr.capacity[s]) continue; // a placement, or no room
      for (let side = 0; side < 2; side++) {
        const x = side === 0 ? pr.pairA[q] : pr.pairB[q];
        if (st.busy[x * S + s] !== NONE) continue;
        for (let i = pr.partyPairStart[x]; i < pr.partyPairStart[x + 1]; i++) {
          const r = pr.partyPairs[i];
          if (st.slotOf[r] !== NONE || this.stamp[r] === att) continue;
          if (hasSlot(pr, r, s)) cands.push(r, s);
        }
      }
    }
    const n = cands.length >> 1;
    if (n === 0) return;
    // heaviest first over all freed cells (ties: pair index, then slot)
    const idx = this.order;
    idx.length = n;
    for (let i = 0; i < n; i++) idx[i] = i;
    if (n > 1) {
      const W = pr.pairW;
      idx.sort(
        (x, y) =>
          W[cands[2 * y]] - W[cands[2 * x]] || cands[2 * x] - cands[2 * y] || cands[2 * x + 1] - cands[2 * y + 1],
      );
    }
    for (let j = 0; j < n; j++) {
      const r = cands[2 * idx[j]];
      const s = cands[2 * idx[j] + 1];
      if (st.slotOf[r] === NONE && st.canPlace(r, s)) st.place(r, s);
    }
  }
}

function hasSlot(pr: Problem, p: number, s: number): boolean {
  let lo = pr.commonStart[p];
  let hi = pr.commonStart[p + 1] - 1;
  const cs = pr.commonSlots;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = cs[mid];
    if (v === s) return true;
    if (v < s) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Improve `state` in place. `order` lists the pairs to try, heaviest first
 * (normally the greedy order); already scheduled ones are skipped.
 */
export function improveSchedule(
  problem: Problem,
  state: ScheduleState,
  order: Int32Array,
  opts: ImproveOptions,
): ImproveStats {
  const improver = new Improver(problem, state, opts);
  state.journaling = true;
  state.journal.length = 0;
  try {
    let { moves, rounds } = improver.rounds(order, opts.maxRounds);
    const kicks = opts.kicks ?? 0;
    if (kicks <= 0 || rounds >= opts.maxRounds) return { moves, rounds, kicks: 0, kicksAccepted: 0 };
    const k = ruinAndRecreate(problem, state, improver, kicks, opts.seed ?? 1);
    if (k.kept > 0) {
      // kicks kept at equal weight moved things around: restore local optimality
      const again = improver.rounds(order, opts.maxRounds);
      moves += again.moves;
      rounds += again.rounds;
    }
    return { moves, rounds, kicks: k.kicks, kicksAccepted: k.accepted };
  } finally {
    state.journaling = false;
    state.journal.length = 0;
  }
}
