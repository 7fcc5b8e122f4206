/**
 * Public types of the meeting auto-scheduler (see docs/decisions/011-meeting-scheduler.md).
 *
 * Everything here is plain data (JSON-friendly): ids are strings or numbers, and
 * a number id is distinct from the string with the same digits (1 !== "1").
 */

/** Identifier of a party (an investor, an exhibitor, a company account ...). */
export type PartyId = string | number;

/** Identifier of a discrete, equal-length time slot of a fair. */
export type SlotId = string | number;

/** One pair that wants to meet: an accepted request or a mutual wish-list match. */
export interface MeetingRequest {
  /** Optional caller id echoed back in the result (e.g. the MeetingRequest row id). */
  readonly id?: string;
  /** One side of the meeting (e.g. the investor). */
  readonly a: PartyId;
  /** The other side (e.g. the exhibitor). Must differ from `a`. */
  readonly b: PartyId;
  /** Value of holding this meeting (e.g. the match score). Must be finite and > 0. */
  readonly weight: number;
}

/** The slots in which a party can take meetings. */
export interface PartyAvailability {
  readonly party: PartyId;
  readonly slots: readonly SlotId[];
}

/** A slot of the fair with its optional room capacity. */
export interface SlotSpec {
  readonly id: SlotId;
  /**
   * Maximum number of simultaneous meetings in this slot (rooms / tables).
   * Absent (or Infinity) = unlimited. Must be an integer >= 0 otherwise.
   */
  readonly capacity?: number;
}

export interface ScheduleInput {
  readonly requests: readonly MeetingRequest[];
  /**
   * Availability per party. A party that has no entry (or an empty list) is
   * never available. Several entries for one party are merged.
   */
  readonly availability: readonly PartyAvailability[];
  /**
   * Optional list of the fair's slots, in chronological order. When given, it is
   * the complete slot universe: availability referring to other slots is ignored
   * (counted in `stats.ignoredAvailability`). When absent, the universe is the
   * union of all availability lists (in order of first appearance) and every slot
   * is unlimited.
   */
  readonly slots?: readonly SlotSpec[];
}

export interface ScheduleOptions {
  /**
   * Each unordered pair of parties meets at most once (default true). Requests
   * for the same pair are merged: the one with the highest weight (first on
   * ties) is scheduled, the others are reported as `duplicate`. With `false`
   * every request is an independent meeting (a pair may then meet several times,
   * never twice in the same slot).
   */
  readonly eachPairOnce?: boolean;
  /** Run the local-improvement phase after the greedy phase (default true). */
  readonly improve?: boolean;
  /** Maximum number of improvement rounds (default 25). Each round scans every unscheduled pair. */
  readonly maxRounds?: number;
  /**
   * Meetings a re-homing search may visit when making room for a meeting
   * (default 64). Larger = slower, occasionally better.
   */
  readonly searchBudget?: number;
  /** Re-homing chains may pass through full rooms (default true). */
  readonly roomChains?: boolean;
  /**
   * Ruin-and-recreate kicks of the iterated local search run after the
   * improvement rounds (default "auto": min(1000, 30000 / pairs) up to 2,000
   * pairs, none above). 0 disables the phase.
   */
  readonly kicks?: number | "auto";
  /** Seed of the kicks' pseudo-random choices (default 1). Same input + seed = same output. */
  readonly seed?: number;
}

/**
 * Why a pair was not scheduled.
 * - `no-common-slot`: the two parties share no available slot at all.
 * - `capacity`: in some common slot both parties are free, but the rooms of all
 *   such slots are full.
 * - `conflict`: in every common slot at least one party is already in another
 *   (in general higher-value) meeting.
 * - `duplicate`: same pair as another request and `eachPairOnce` is on.
 * - `invalid`: a === b, or weight not finite / not > 0.
 */
export type UnscheduledReason = "no-common-slot" | "capacity" | "conflict" | "duplicate" | "invalid";

export interface ScheduledMeeting {
  /** Index of the request in `input.requests`. */
  readonly request: number;
  readonly id?: string;
  readonly a: PartyId;
  readonly b: PartyId;
  readonly slot: SlotId;
  readonly weight: number;
}

export interface UnscheduledPair {
  readonly request: number;
  readonly id?: string;
  readonly a: PartyId;
  readonly b: PartyId;
  readonly weight: number;
  readonly reason: UnscheduledReason;
  /** Number of slots both parties are available in (within the slot universe). */
  readonly commonSlots: number;
  /** For `duplicate`: index of the request that stands for this pair. */
  readonly duplicateOf?: number;
}

export interface ScheduleStats {
  /** Number of input requests. */
  readonly requests: number;
  /** Distinct schedulable pairs after dropping invalid requests and merging duplicates. */
  readonly pairs: number;
  readonly parties: number;
  readonly slots: number;
  readonly scheduled: number;
  readonly unscheduled: number;
  readonly byReason: Readonly<Record<UnscheduledReason, number>>;
  /** Total weight after the greedy phase (before improvement). */
  readonly greedyWeight: number;
  /** Number of improving moves applied by the improvement phase. */
  readonly improvingMoves: number;
  /** Improvement rounds run (the last one found nothing, unless the round limit was hit). */
  readonly rounds: number;
  /** Perturbation kicks tried, and how many of them increased the total weight. */
  readonly kicks: number;
  readonly kicksAccepted: number;
  /** Availability entries naming a slot outside `input.slots` (ignored). */
  readonly ignoredAvailability: number;
  /** Sum of weights of all schedulable pairs that share at least one slot (a trivial upper bound). */
  readonly candidateWeight: number;
  /** Wall time of the solve in milliseconds (informational; not used by the algorithm). */
  readonly ms: number;
}

export interface ScheduleResult {
  /** Scheduled meetings, ordered by slot (universe order), then request index. */
  readonly meetings: readonly ScheduledMeeting[];
  /** Unscheduled requests, ordered by request index. */
  readonly unscheduled: readonly UnscheduledPair[];
  readonly totalWeight: number;
  readonly stats: ScheduleStats;
}

export interface ValidationResult {
  readonly ok: boolean;
  /** Human-readable problems (capped at 50 entries; `errorCount` has the total). */
  readonly errors: readonly string[];
  readonly errorCount: number;
  /** Sum of weights of the meetings, recomputed from the input. */
  readonly totalWeight: number;
}
