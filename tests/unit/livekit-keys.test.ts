import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLIC_LIVEKIT_SECRETS } from "../../app/config.server.ts";
import { newLiveKitKeys, persistedLiveKitKeys } from "../../server/services/processes.ts";

describe("local LiveKit keys", () => {
  it("are random, long enough for production checks, and never the public dev pair", () => {
    const a = newLiveKitKeys();
    const b = newLiveKitKeys();
    expect(a.apiSecret).not.toBe(b.apiSecret);
    expect(a.apiSecret.length).toBeGreaterThanOrEqual(32);
    expect(PUBLIC_LIVEKIT_SECRETS).not.toContain(a.apiSecret);
  });

  it("are generated once per data directory, kept private, and survive a restart", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cf-keys-"));
    const first = persistedLiveKitKeys(dir);
    const file = path.join(dir, "livekit-keys.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(persistedLiveKitKeys(dir)).toEqual(first);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(first);
    writeFileSync(file, '{"apiKey":"devkey","apiSecret":"secret"}');
    const replaced = persistedLiveKitKeys(dir);
    expect(replaced.apiSecret).not.toBe("secret");
    expect(replaced.apiSecret.length).toBeGreaterThanOrEqual(32);
  });
});
