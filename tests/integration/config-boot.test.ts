// An invalid variable stops the real server entry at boot, before it touches a database or a port,
// with one message naming every variable at fault (ADR 019).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("server boot", () => {
  it("exits 1 with a message naming each invalid variable", async () => {
    const run = promisify(execFile)(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "not-a-url", LOG_LEVEL: "loud", VIDEO_JOB_MS: "10", PORT: "0" },
      timeout: 60_000,
    });
    const failure = await run.then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain("CloudFair cannot start: invalid configuration (3 problems):");
    expect(failure?.stderr).toContain("DATABASE_URL: must be a URL starting with postgres:// or postgresql://");
    expect(failure?.stderr).toContain(
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    );
    expect(failure?.stderr).toContain('VIDEO_JOB_MS: must be an integer from 1000 to 3600000 (got "10")');
    expect(failure?.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
