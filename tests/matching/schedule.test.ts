import { describe, expect, it } from "vitest";
import { generateFair } from "../../matching/schedule/generate.ts";
import {
  scheduleMeetings,
  validateSchedule,
  type ScheduleInput,
  type ScheduleResult,
  type UnscheduledReason,
} from "../../matching/schedule/index.ts";

const slotsOf = (r: ScheduleResult): Record<number, string | number> =>
  Object.fromEntries(r.meetings.map((m) => [m.request, m.slot]));
const reasonsOf = (r: ScheduleResult): Record<number, UnscheduledReason> =>
  Object.fromEntries(r.unscheduled.map((u) => [u.request, u.reason]));

function expectValid(input: ScheduleInput, result: ScheduleResult, eachPairOnce = true): void {
  const v = validateSchedule(input, result, { eachPairOnce });
  expect(v.errors).toEqual([]);
  expect(v.ok).toBe(true);
  expect(result.totalWeight).toBeCloseTo(v.totalWeight, 9);
}

describe("scheduleMeetings: handmade instances with a known optimum", () => {
  it("schedules a small fair optimally, each party at most once per slot", () => {
    const input: ScheduleInput = {
      requests: [
        { id: "r0", a: "I1", b: "E1", weight: 0.9 },
        { id: "r1", a: "I1", b: "E2", weight: 0.8 },
        { id: "r2", a: "I2", b: "E1", weight: 0.7 },
        { id: "r3", a: "I2", b: "E2", weight: 0.6 },
      ],
      availability: [
        { party: "I1", slots: [1, 2] },
        { party: "I2", slots: [1, 2] },
        { party: "E1", slots: [1, 2] },
        { party: "E2", slots: [1, 2] },
      ],
    };
    const r = scheduleMeetings(input);
    expectValid(input, r);
    // Two slots, every party in both: all four meetings fit (a 2-edge-colouring of K2,2).
    expect(r.meetings).toHaveLength(4);
    expect(r.totalWeight).toBeCloseTo(3.0, 9);
    const s = slotsOf(r);
    expect(s[0]).not.toBe(s[1]); // I1 twice
    expect(s[0]).not.toBe(s[2]); // E1 twice
    expect(r.meetings[0]).toMatchObject({ id: expect.any(String), a: expect.any(String), b: expect.any(String) });
    expect(r.unscheduled).toEqual([]);
  });

  it("finds the 1-for-2 swap that greedy-by-weight misses (10 vs 7 + 7)", () => {
    const input: ScheduleInput = {
      requests: [
        { a: "I1", b: "E1", weight: 10 },
        { a: "I1", b: "E2", weight: 7 },
        { a: "I2", b: "E1", weight: 7 },
      ],
      availability: ["I1", "I2", "E1", "E2"].map((party) => ({ party, slots: ["s1"] })),
    };
    const greedyOnly = scheduleMeetings(input, { improve: false });
    expect(greedyOnly.totalWeight).toBe(10);
    expect(greedyOnly.meetings.map((m) => m.request)).toEqual([0]);

    const r = scheduleMeetings(input);
    expectValid(input, r);
    expect(r.totalWeight).toBe(14);
    expect(r.meetings.map((m) => m.request)).toEqual([1, 2]);
    expect(r.stats.greedyWeight).toBe(10);
    expect(r.stats.improvingMoves).toBeGreaterThanOrEqual(1);
    expect(r.unscheduled).toEqual([{ request: 0, a: "I1", b: "E1", weight: 10, reason: "conflict", commonSlots: 1 }]);
  });

  it("relocates a chain of meetings to make room (greedy's slot choice is wrong)", () => {
    // Greedy puts p0 in slot 1 (slot 2 looks more contended because of p1),
    // which blocks p2's only slot. The optimum moves p1 to 3, p0 to 2 and puts p2 in 1.
    const input: ScheduleInput = {
      requests: [
        { a: "I1", b: "E1", weight: 10 }, // p0: common {1, 2}
        { a: "I2", b: "E1", weight: 6 }, // p1: common {2, 3}
        { a: "I1", b: "E2", weight: 2 }, // p2: common {1}
      ],
      availability: [
        { party: "I1", slots: [1, 2] },
        { party: "E1", slots: [1, 2, 3] },
        { party: "I2", slots: [2, 3] },
        { party: "E2", slots: [1] },
      ],
    };
    const greedyOnly = scheduleMeetings(input, { improve: false });
    expect(greedyOnly.totalWeight).toBe(16);
    expect(reasonsOf(greedyOnly)).toEqual({ 2: "conflict" });

    const r = scheduleMeetings(input);
    expectValid(input, r);
    expect(r.totalWeight).toBe(18);
    expect(slotsOf(r)).toEqual({ 0: 2, 1: 3, 2: 1 });
  });

  it("gives a fully booked party its heaviest feasible meetings", () => {
    // I1 has two slots; p1 can only be in 2 and p2 only in 1, so p0 (the lightest)
    // is left out: 4 + 5 = 9 beats any schedule containing p0.
    const input: ScheduleInput = {
      requests: [
        { a: "I1", b: "E1", weight: 3 }, // common {1, 2}
        { a: "I1", b: "E2", weight: 4 }, // common {2}
        { a: "I1", b: "E3", weight: 5 }, // common {1}
      ],
      availability: [
        { party: "I1", slots: [1, 2] },
        { party: "E1", slots: [1, 2] },
        { party: "E2", slots: [2] },
        { party: "E3", slots: [1] },
      ],
    };
    const r = scheduleMeetings(input);
    expectValid(input, r);
    expect(r.totalWeight).toBe(9);
    expect(slotsOf(r)).toEqual({ 1: 2, 2: 1 });
    expect(reasonsOf(r)).toEqual({ 0: "conflict" });
  });

  it("respects room capacity per slot and reports 'capacity'", () => {
    const parties = ["A1", "B1", "A2", "B2", "A3", "B3"];
    const input: ScheduleInput = {
      requests: [
        { a: "A1", b: "B1", weight: 3 },
        { a: "A2", b: "B2", weight: 2 },
        { a: "A3", b: "B3", weight: 1 },
      ],
      availability: parties.map((party) => ({ party, slots: ["t1", "t2"] })),
      slots: [
        { id: "t1", capacity: 1 },
        { id: "t2", capacity: 1 },
      ],
    };
    const r = scheduleMeetings(input);
    expectValid(input, r);
    expect(r.totalWeight).toBe(5);
    expect(new Set(r.meetings.map((m) => m.slot))).toEqual(new Set(["t1", "t2"]));
    expect(r.unscheduled).toEqual([{ request: 2, a: "A3", b: "B3", weight: 1, reason: "capacity", commonSlots: 2 }]);
    expect(r.stats.byReason.capacity).toBe(1);

    // Without capacities all three fit.
    const open = scheduleMeetings({ ...input, slots: undefined });
    expect(open.totalWeight).toBe(6);
    expect(open.unscheduled).toEqual([]);
  });

  it("never uses a slot with capacity 0", () => {
    const input: ScheduleInput = {
      requests: [{ a: "a", b: "b", weight: 1 }],
      availability: [
        { party: "a", slots: ["x", "y"] },
        { party: "b", slots: ["x", "y"] },
      ],
      slots: [{ id: "x", capacity: 0 }, { id: "y" }],
    };
    const r = scheduleMeetings(input);
    expect(r.meetings.map((m) => m.slot)).toEqual(["y"]);
    const full = scheduleMeetings({
      ...input,
      slots: [
        { id: "x", capacity: 0 },
        { id: "y", capacity: 0 },
      ],
    });
    expect(full.meetings).toEqual([]);
    expect(full.unscheduled[0].reason).toBe("capacity");
  });
});

describe("scheduleMeetings: unscheduled reasons and input handling", () => {
  const base: ScheduleInput = {
    requests: [
      { id: "ok", a: "I1", b: "E1", weight: 5 },
      { id: "busy", a: "I1", b: "E2", weight: 3 },
      { id: "apart", a: "I2", b: "E3", weight: 9 },
      { id: "self", a: "I2", b: "I2", weight: 1 },
      { id: "zero", a: "I2", b: "E1", weight: 0 },
      { id: "nan", a: "I2", b: "E2", weight: Number.NaN },
      { id: "dup-light", a: "E1", b: "I1", weight: 2 },
      { id: "ghost", a: "I1", b: "nobody", weight: 4 },
    ],
    availability: [
      { party: "I1", slots: ["m1"] },
      { party: "E1", slots: ["m1", "m2"] },
      { party: "E2", slots: ["m1"] },
      { party: "I2", slots: ["a1", "a2"] },
      { party: "E3", slots: ["m1", "m2"] },
    ],
  };

  it("gives each unscheduled request one reason code", () => {
    const r = scheduleMeetings(base);
    expectValid(base, r);
    expect(r.meetings.map((m) => m.id)).toEqual(["ok"]);
    expect(reasonsOf(r)).toEqual({
      1: "conflict",
      2: "no-common-slot",
      3: "invalid",
      4: "invalid",
      5: "invalid",
      6: "duplicate",
      7: "no-common-slot",
    });
    expect(r.unscheduled.find((u) => u.request === 6)).toMatchObject({
      id: "dup-light",
      duplicateOf: 0,
      commonSlots: 1,
    });
    expect(r.stats.byReason).toEqual({ "no-common-slot": 2, capacity: 0, conflict: 1, duplicate: 1, invalid: 3 });
    expect(r.stats.requests).toBe(8);
    expect(r.stats.pairs).toBe(4);
    expect(r.stats.scheduled + r.stats.unscheduled).toBe(8);
  });

  it("keeps the heaviest of duplicate requests for the same pair", () => {
    const input: ScheduleInput = {
      requests: [
        { a: "x", b: "y", weight: 1 },
        { a: "y", b: "x", weight: 3 },
        { a: "x", b: "y", weight: 2 },
      ],
      availability: [
        { party: "x", slots: [1, 2, 3] },
        { party: "y", slots: [1, 2, 3] },
      ],
    };
    const r = scheduleMeetings(input);
    expectValid(input, r);
    expect(r.meetings.map((m) => m.request)).toEqual([1]);
    expect(r.unscheduled.map((u) => [u.request, u.reason, u.duplicateOf])).toEqual([
      [0, "duplicate", 1],
      [2, "duplicate", 1],
    ]);
    // eachPairOnce: false schedules every request, in different slots.
    const multi = scheduleMeetings(input, { eachPairOnce: false });
    expectValid(input, multi, false);
    expect(multi.meetings).toHaveLength(3);
    expect(new Set(multi.meetings.map((m) => m.slot)).size).toBe(3);
    expect(validateSchedule(input, multi).ok).toBe(false); // violates "at most once" when checked with it
  });

  it("treats slots outside input.slots as unavailable and counts them", () => {
    const input: ScheduleInput = {
      requests: [{ a: "p", b: "q", weight: 1 }],
      availability: [
        { party: "p", slots: ["s1", "s9"] },
        { party: "q", slots: ["s9"] },
      ],
      slots: [{ id: "s1" }, { id: "s2" }],
    };
    const r = scheduleMeetings(input);
    expect(r.meetings).toEqual([]);
    expect(r.unscheduled[0]).toMatchObject({ reason: "no-common-slot", commonSlots: 0 });
    expect(r.stats.ignoredAvailability).toBe(2);
    expect(r.stats.slots).toBe(2);
  });

  it("distinguishes number ids from string ids and merges split availability", () => {
    const input: ScheduleInput = {
      requests: [
        { a: 1, b: 2, weight: 1 },
        { a: "1", b: 2, weight: 1 },
      ],
      availability: [
        { party: 1, slots: [10] },
        { party: 2, slots: [10] },
        { party: 2, slots: [11] },
        { party: "1", slots: [11] },
      ],
    };
    const r = scheduleMeetings(input);
    expectValid(input, r);
    expect(slotsOf(r)).toEqual({ 0: 10, 1: 11 });
    expect(r.stats.parties).toBe(3);
  });

  it("rejects malformed capacities", () => {
    const input = (capacity: number): ScheduleInput => ({
      requests: [],
      availability: [],
      slots: [{ id: 1, capacity }],
    });
    expect(() => scheduleMeetings(input(-1))).toThrow(RangeError);
    expect(() => scheduleMeetings(input(1.5))).toThrow(RangeError);
    expect(scheduleMeetings(input(Infinity)).meetings).toEqual([]);
  });

  it("handles an empty input", () => {
    const r = scheduleMeetings({ requests: [], availability: [] });
    expect(r).toMatchObject({ meetings: [], unscheduled: [], totalWeight: 0 });
  });
});

describe("scheduleMeetings on a generated fair", () => {
  const input = generateFair({ parties: 300, seed: 42, capacity: 8 });

  it("is feasible: no double-booking, rooms respected, slots from both availabilities", () => {
    const r = scheduleMeetings(input);
    expectValid(input, r);
    expect(r.meetings.length).toBeGreaterThan(300);
    const perSlot = new Map<string | number, number>();
    const cell = new Set<string>();
    const avail = new Map(input.availability.map((a) => [a.party, new Set(a.slots)]));
    for (const m of r.meetings) {
      perSlot.set(m.slot, (perSlot.get(m.slot) ?? 0) + 1);
      for (const p of [m.a, m.b]) {
        expect(avail.get(p)?.has(m.slot)).toBe(true);
        expect(cell.has(`${p}@${m.slot}`)).toBe(false);
        cell.add(`${p}@${m.slot}`);
      }
    }
    expect(Math.max(...perSlot.values())).toBeLessThanOrEqual(8);
    // the capacity binds on this instance, so some pairs must be reported as 'capacity'
    expect(r.stats.byReason.capacity).toBeGreaterThan(0);
    expect(r.totalWeight).toBeGreaterThanOrEqual(r.stats.greedyWeight);
  });

  it("is deterministic and does not mutate its input", () => {
    const before = JSON.stringify(input);
    const a = scheduleMeetings(input);
    const b = scheduleMeetings(input);
    expect(JSON.stringify(input)).toBe(before);
    const strip = (r: ScheduleResult) => ({ ...r, stats: { ...r.stats, ms: 0 } });
    expect(strip(b)).toEqual(strip(a));
    // order of output: meetings by slot order then request, unscheduled by request
    const order = new Map(input.slots!.map((s, i) => [s.id, i]));
    for (let i = 1; i < a.meetings.length; i++) {
      const x = a.meetings[i - 1];
      const y = a.meetings[i];
      expect(order.get(x.slot)! < order.get(y.slot)! || (x.slot === y.slot && x.request < y.request)).toBe(true);
    }
    expect(a.unscheduled.map((u) => u.request)).toEqual([...a.unscheduled.map((u) => u.request)].sort((x, y) => x - y));
  });

  it("generates the same instance for the same seed", () => {
    expect(JSON.stringify(generateFair({ parties: 50, seed: 7 }))).toBe(
      JSON.stringify(generateFair({ parties: 50, seed: 7 })),
    );
    expect(JSON.stringify(generateFair({ parties: 50, seed: 7 }))).not.toBe(
      JSON.stringify(generateFair({ parties: 50, seed: 8 })),
    );
  });
});

describe("validateSchedule", () => {
  const input: ScheduleInput = {
    requests: [
      { a: "I1", b: "E1", weight: 2 },
      { a: "I1", b: "E2", weight: 1 },
      { a: "I2", b: "E2", weight: 1 },
    ],
    availability: [
      { party: "I1", slots: [1, 2] },
      { party: "I2", slots: [1] },
      { party: "E1", slots: [1, 2] },
      { party: "E2", slots: [1, 2] },
    ],
    slots: [{ id: 1, capacity: 1 }, { id: 2 }],
  };
  const good = scheduleMeetings(input);

  it("accepts the scheduler's output", () => {
    expect(good.meetings).toHaveLength(2);
    expect(validateSchedule(input, good)).toMatchObject({ ok: true, errors: [], errorCount: 0 });
  });

  it("flags double-booking, capacity overflow, unavailable slots, bad weights and coverage", () => {
    const m = (request: number, slot: number) => ({ ...input.requests[request], request, slot });
    const v = validateSchedule(input, {
      meetings: [m(0, 1), m(1, 1), m(2, 1), { ...m(2, 2), weight: 5 }],
      unscheduled: [],
      totalWeight: 1,
    });
    expect(v.ok).toBe(false);
    const text = v.errors.join("\n");
    expect(text).toMatch(/party I1 is double-booked in slot 1/);
    expect(text).toMatch(/slot 1 holds 3 meetings but has capacity 1/);
    expect(text).toMatch(/party I2 is not available in slot 2/);
    expect(text).toMatch(/request 2 is scheduled more than once/);
    expect(text).toMatch(/has weight 5, expected 1/);
    expect(text).toMatch(/totalWeight 1 differs/);
  });

  it("flags unscheduled pairs that would fit, wrong reasons and missing requests", () => {
    const [kept, removed] = good.meetings;
    const v = validateSchedule(input, {
      meetings: [kept],
      unscheduled: [
        {
          request: removed.request,
          a: removed.a,
          b: removed.b,
          weight: removed.weight,
          reason: "conflict",
          commonSlots: 1,
        },
      ],
    });
    expect(v.ok).toBe(false);
    const text = v.errors.join("\n");
    expect(text).toMatch(new RegExp(`request ${removed.request} is unscheduled but fits in slot`));
    expect(text).toMatch(new RegExp(`request ${removed.request}: reason conflict but both parties are free`));
    const missing = good.unscheduled[0].request;
    expect(text).toMatch(new RegExp(`request ${missing} is neither scheduled nor unscheduled`));
  });
});
