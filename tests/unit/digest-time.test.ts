// When a daily digest is due (ADR 026): the recipient's local day and hour, and the next digest instant.
import { describe, expect, it } from "vitest";
import { localDay, nextDigestAt } from "../../app/domain/mail/digest-time.ts";

describe("digest time", () => {
  it("reads the local day and hour in the recipient's zone", () => {
    const at = new Date("2026-12-07T23:30:00Z");
    expect(localDay(at, "Asia/Shanghai")).toEqual({ day: "2026-12-08", hour: 7 });
    expect(localDay(at, "Europe/Berlin")).toEqual({ day: "2026-12-08", hour: 0 });
    expect(localDay(at, "America/New_York")).toEqual({ day: "2026-12-07", hour: 18 });
    expect(localDay(at, "not/a-zone")).toEqual({ day: "2026-12-08", hour: 7 }); // falls back to China time
  });

  it("is today's hour while it is ahead, else tomorrow's", () => {
    expect(nextDigestAt(new Date("2026-12-07T23:30:00Z"), "Asia/Shanghai", 8).toISOString()).toBe(
      "2026-12-08T00:00:00.000Z",
    );
    expect(nextDigestAt(new Date("2026-12-08T00:00:00Z"), "Asia/Shanghai", 8).toISOString()).toBe(
      "2026-12-09T00:00:00.000Z",
    );
    // Across a DST change: 08:00 in Berlin is 07:00Z in winter, 06:00Z once the clocks go forward (29 March).
    expect(nextDigestAt(new Date("2026-03-28T12:00:00Z"), "Europe/Berlin", 8).toISOString()).toBe(
      "2026-03-29T06:00:00.000Z",
    );
  });
});
