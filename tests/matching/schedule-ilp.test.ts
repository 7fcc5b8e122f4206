import loadHighs, { type Highs } from "highs";
import { beforeAll, describe, expect, it } from "vitest";
import { generateFair, mulberry32 } from "../../matching/schedule/generate.ts";
import {
  buildScheduleLp,
  scheduleMeetings,
  solveScheduleIlp,
  validateSchedule,
  type MeetingRequest,
  type ScheduleInput,
  type SlotSpec,
} from "../../matching/schedule/index.ts";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/** Small, dense random instance: few slots, patchy availability, many conflicts. */
function randomInstance(seed: number): ScheduleInput {
  const rnd = mulberry32(seed);
  const nInv = 3 + Math.floor(rnd() * 6);
  const nExh = 5 + Math.floor(rnd() * 12);
  const nSlots = 3 + Math.floor(rnd() * 6);
  const withRooms = rnd() < 0.4;
  const slots: SlotSpec[] = Array.from({ length: nSlots }, (_, i) =>
    withRooms ? { id: `s${i}`, capacity: 1 + Math.floor(rnd() * 3) } : { id: `s${i}` },
  );
  const parties = [
    ...Array.from({ length: nInv }, (_, i) => `I${i}`),
    ...Array.from({ length: nExh }, (_, i) => `E${i}`),
  ];
  const density = 0.35 + rnd() * 0.5;
  const availability = parties.map((party) => ({ party, slots: slots.filter(() => rnd() < density).map((s) => s.id) }));
  const integerWeights = rnd() < 0.5; // ties make the search harder
  const requests: MeetingRequest[] = [];
  const nReq = Math.round((nInv + nExh) * (1 + rnd() * 2.5));
  for (let k = 0; k < nReq; k++) {
    // skewed: low-numbered investors are popular
    const inv = Math.floor(nInv * rnd() * rnd());
    const exh = Math.floor(nExh * rnd());
    const weight = integerWeights ? 1 + Math.floor(rnd() * 5) : Math.round((0.1 + 0.9 * rnd()) * 1000) / 1000;
    requests.push({ a: `I${inv}`, b: `E${exh}`, weight });
  }
  return { requests, availability, slots };
}

describe("scheduler vs exact ILP (HiGHS)", () => {
  it("builds an LP whose optimum matches the handmade instances", () => {
    const swap: ScheduleInput = {
      requests: [
        { a: "I1", b: "E1", weight: 10 },
        { a: "I1", b: "E2", weight: 7 },
        { a: "I2", b: "E1", weight: 7 },
      ],
      availability: ["I1", "I2", "E1", "E2"].map((party) => ({ party, slots: ["s1"] })),
    };
    const lp = buildScheduleLp(swap);
    expect(lp.numVars).toBe(3);
    expect(lp.lp).toContain("Maximize");
    expect(lp.lp).toContain("Binary");
    const ilp = solveScheduleIlp(highs, swap);
    expect(ilp).toMatchObject({ status: "optimal", optimal: true, objective: 14 });
    expect(ilp.meetings.map((m) => m.request)).toEqual([1, 2]);

    const rooms: ScheduleInput = {
      requests: [
        { a: "A1", b: "B1", weight: 3 },
        { a: "A2", b: "B2", weight: 2 },
        { a: "A3", b: "B3", weight: 1 },
      ],
      availability: ["A1", "B1", "A2", "B2", "A3", "B3"].map((party) => ({ party, slots: ["t1", "t2"] })),
      slots: [
        { id: "t1", capacity: 1 },
        { id: "t2", capacity: 1 },
      ],
    };
    expect(solveScheduleIlp(highs, rooms).objective).toBe(5);
    expect(solveScheduleIlp(highs, { requests: [], availability: [] })).toMatchObject({
      status: "empty",
      objective: 0,
    });
  });

  it("reaches >= 99% of the optimum on 60 random small instances (usually 100%)", () => {
    let optimalCount = 0;
    let worst = 1;
    const greedyRatios: number[] = [];
    for (let seed = 1; seed <= 60; seed++) {
      const input = randomInstance(seed);
      const ilp = solveScheduleIlp(highs, input, { timeLimitSec: 60 });
      expect(ilp.optimal).toBe(true);
      expect(validateSchedule(input, { meetings: ilp.meetings }).ok).toBe(true);
      const r = scheduleMeetings(input);
      const v = validateSchedule(input, r);
      expect(v.errors).toEqual([]);
      const opt = ilp.objective as number;
      expect(r.totalWeight).toBeLessThanOrEqual(opt + 1e-9); // sanity: nobody beats the optimum
      const ratio = opt === 0 ? 1 : r.totalWeight / opt;
      expect(ratio, `seed ${seed}: ${r.totalWeight} vs optimum ${opt}`).toBeGreaterThanOrEqual(0.99);
      if (ratio > 1 - 1e-9) optimalCount++;
      worst = Math.min(worst, ratio);
      greedyRatios.push(opt === 0 ? 1 : r.stats.greedyWeight / opt);
    }
    // Typically optimal; and the improvement step must matter on some of these instances.
    expect(optimalCount).toBeGreaterThanOrEqual(54);
    expect(Math.min(...greedyRatios)).toBeLessThan(worst);
  }, 120_000);

  it("also handles eachPairOnce: false (repeated requests are separate meetings)", () => {
    for (let seed = 101; seed <= 115; seed++) {
      const input = randomInstance(seed);
      const ilp = solveScheduleIlp(highs, input, { eachPairOnce: false });
      expect(ilp.optimal).toBe(true);
      const r = scheduleMeetings(input, { eachPairOnce: false });
      expect(validateSchedule(input, r, { eachPairOnce: false }).errors).toEqual([]);
      expect(r.stats.byReason.duplicate).toBe(0);
      expect(r.totalWeight / (ilp.objective as number)).toBeGreaterThanOrEqual(0.99);
    }
  }, 60_000);

  it("is optimal or within 0.1% on a generated 100-party fair, with and without rooms", () => {
    for (const capacity of [undefined, 3]) {
      const input = generateFair({ parties: 100, seed: 5, capacity });
      const ilp = solveScheduleIlp(highs, input);
      expect(ilp.optimal).toBe(true);
      const r = scheduleMeetings(input);
      expect(validateSchedule(input, r).ok).toBe(true);
      expect(r.totalWeight / (ilp.objective as number)).toBeGreaterThanOrEqual(0.999);
    }
  });
});
