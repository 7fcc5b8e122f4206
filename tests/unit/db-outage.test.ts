// When the database counts as away, and when it is back (server/db-outage.ts, docs/decisions/037-faults.md).
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseOutage } from "../../server/db-outage.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const outages: DatabaseOutage[] = [];
afterEach(() => outages.splice(0).forEach((o) => o.close()));

function outage(probe: () => Promise<unknown>, opts: { probeEveryMs?: number; timeoutMs?: number } = {}) {
  const o = new DatabaseOutage({ probe, probeEveryMs: opts.probeEveryMs ?? 20, timeoutMs: opts.timeoutMs ?? 50 });
  outages.push(o);
  return o;
}

describe("DatabaseOutage", () => {
  it("is not an outage when the probe answers: the failure was the page's own", async () => {
    let probes = 0;
    const o = outage(async () => void probes++);
    expect(await o.confirm()).toBe(false);
    expect(o.down).toBe(false);
    await sleep(80);
    expect(probes).toBe(1); // nothing is probed while the database is up
  });

  it("probes once for concurrent failures, and is away until a probe answers again", async () => {
    let up = false;
    let probes = 0;
    const o = outage(async () => {
      probes++;
      if (!up) throw new Error("ECONNREFUSED");
    });
    const answers = await Promise.all([o.confirm(), o.confirm(), o.confirm()]);
    expect(answers).toEqual([true, true, true]);
    expect(probes).toBe(1);
    expect(o.down).toBe(true);
    expect(await o.confirm()).toBe(true); // known: no probe of its own
    await sleep(100);
    expect(o.down).toBe(true);
    expect(probes).toBeGreaterThan(2); // probing while away
    up = true;
    await sleep(60);
    expect(o.down).toBe(false);
    const after = probes;
    await sleep(80);
    expect(probes).toBe(after); // and no more once back
  });

  it("counts a probe that does not answer in time as away", async () => {
    const o = outage(() => new Promise(() => {}), { timeoutMs: 30 });
    const t0 = Date.now();
    expect(await o.confirm()).toBe(true);
    expect(Date.now() - t0).toBeLessThan(500);
  });
});
