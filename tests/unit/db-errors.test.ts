import { describe, expect, it } from "vitest";
import { isBusyTimeout, isOverlapViolation, isRetryableConflict } from "../../app/domain/meetings/db-errors.ts";

describe("database refusals a booking retries or translates", () => {
  it("retries a transaction the busy database timed out before it wrote anything", () => {
    expect(isBusyTimeout({ code: "P2024" })).toBe(true); // no pooled connection within maxWait
    expect(isBusyTimeout({ code: "P2028" })).toBe(true); // interactive transaction past its timeout
    expect(isBusyTimeout({ code: "P2002" })).toBe(false);
    expect(isBusyTimeout(null)).toBe(false);
  });
  it("tells deadlocks and the exclusion constraint apart, however the adapter wraps them", () => {
    expect(isRetryableConflict({ cause: { originalCode: "40P01" } })).toBe(true);
    expect(isRetryableConflict({ meta: { driverAdapterError: { cause: { originalCode: "40001" } } } })).toBe(true);
    expect(isOverlapViolation({ cause: { originalCode: "23P01" } })).toBe(true);
    expect(isOverlapViolation({ meta: { driverAdapterError: { cause: { originalCode: "23P01" } } } })).toBe(true);
    // Prisma 7, model call (checked on PostgreSQL and PGlite): P2039 with the adapter's error in `meta`.
    expect(
      isOverlapViolation({ code: "P2039", meta: { driverAdapterError: { cause: { originalCode: "23P01" } } } }),
    ).toBe(true);
    expect(isOverlapViolation({ cause: { originalCode: "40P01" } })).toBe(false);
  });
});
