/**
 * Deterministic synthetic fair instances (seeded PRNG) for the benchmark, the
 * tests and demo data. Models a fair of `days` days, 9:00-17:00, in 20-minute
 * slots (24 per day); investors and exhibitors are each available in one or
 * two half-day blocks with random gaps; exhibitors ask for meetings with
 * investors chosen by a skewed (Zipf-like) popularity, so a few investors are
 * wanted by many exhibitors.
 */
import { mulberry32 } from "./random.ts";
import type { MeetingRequest, PartyAvailability, ScheduleInput, SlotSpec } from "./types.ts";

export { mulberry32 };

export interface FairSpec {
  readonly parties: number;
  readonly seed: number;
  /** Fraction of parties that are investors (default 0.3). */
  readonly investorShare?: number;
  /** Requests per party (default 3): pairs = round(pairsPerParty * parties). */
  readonly pairsPerParty?: number;
  /** Fair days (default 2). */
  readonly days?: number;
  /** Zipf exponent of investor popularity (default 0.7). */
  readonly popularitySkew?: number;
  /** Rooms per slot (undefined = unlimited). */
  readonly capacity?: number;
  /** Probability that a slot inside an available block is nevertheless busy (default 0.15). */
  readonly gapRate?: number;
}

export interface FairInstance extends ScheduleInput {
  readonly investors: readonly string[];
  readonly exhibitors: readonly string[];
}

const SLOTS_PER_HALF_DAY = 12; // 4 hours of 20-minute slots

function slotLabel(day: number, index: number): string {
  const minutes = 9 * 60 + index * 20;
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `d${day + 1}-${hh}:${mm}`;
}

export function generateFair(spec: FairSpec): FairInstance {
  const rnd = mulberry32(spec.seed);
  const days = spec.days ?? 2;
  const gapRate = spec.gapRate ?? 0.15;
  const nInv = Math.max(1, Math.round(spec.parties * (spec.investorShare ?? 0.3)));
  const nExh = Math.max(1, spec.parties - nInv);
  const investors = Array.from({ length: nInv }, (_, i) => `inv-${i + 1}`);
  const exhibitors = Array.from({ length: nExh }, (_, i) => `exh-${i + 1}`);

  const slots: SlotSpec[] = [];
  for (let d = 0; d < days; d++) {
    for (let i = 0; i < 2 * SLOTS_PER_HALF_DAY; i++) {
      const id = slotLabel(d, i);
      slots.push(spec.capacity === undefined ? { id } : { id, capacity: spec.capacity });
    }
  }
  const blocks = 2 * days;

  const availability: PartyAvailability[] = [];
  for (const party of [...investors, ...exhibitors]) {
    const nBlocks = rnd() < 0.5 ? 1 : 2;
    const first = Math.floor(rnd() * blocks);
    let second = Math.floor(rnd() * (blocks - 1));
    if (second >= first) second++;
    const chosen = nBlocks === 1 ? [first] : [first, second].sort((x, y) => x - y);
    const own: string[] = [];
    for (const blk of chosen) {
      // One contiguous break (lunch, a talk ...) in half of the blocks, plus scattered gaps.
      const hasBreak = rnd() < 0.5;
      const bStart = Math.floor(rnd() * SLOTS_PER_HALF_DAY);
      const bLen = 1 + Math.floor(rnd() * 3);
      for (let i = 0; i < SLOTS_PER_HALF_DAY; i++) {
        const gap = rnd() < gapRate;
        if (gap || (hasBreak && i >= bStart && i < bStart + bLen)) continue;
        own.push(slots[blk * SLOTS_PER_HALF_DAY + i].id as string);
      }
    }
    availability.push({ party, slots: own });
  }

  // Investor popularity: Zipf over a random permutation of investors.
  const skew = spec.popularitySkew ?? 0.7;
  const perm = investors.map((_, i) => i);
  for (let i = perm.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const cum = new Float64Array(nInv);
  let acc = 0;
  for (let r = 0; r < nInv; r++) {
    acc += 1 / Math.pow(r + 1, skew);
    cum[r] = acc;
  }
  const pickInvestor = (): number => {
    const x = rnd() * acc;
    let lo = 0;
    let hi = nInv - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return perm[lo];
  };

  const target = Math.min(Math.round((spec.pairsPerParty ?? 3) * spec.parties), nInv * nExh);
  const seen = new Set<number>();
  const requests: MeetingRequest[] = [];
  let guard = 0;
  while (requests.length < target && guard++ < target * 50) {
    const inv = pickInvestor();
    const exh = Math.floor(rnd() * nExh);
    const key = inv * nExh + exh;
    if (seen.has(key)) continue;
    seen.add(key);
    const weight = Math.round((0.2 + 0.8 * rnd()) * 1000) / 1000;
    requests.push({ id: `req-${requests.length + 1}`, a: investors[inv], b: exhibitors[exh], weight });
  }
  return { requests, availability, slots, investors, exhibitors };
}
