// Video on a fresh machine (ADR 029): with livekit-server missing, `npm start` obtains it in the
// background (go install into .tools/bin, idempotent) while /healthz says video "starting"; without
// a Go toolchain, or when the install fails, video is "not-configured" with the reason, never a crash.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, configure } from "../../app/config.server.ts";
import { healthHandler } from "../../server/health.ts";
import {
  installLiveKit,
  localVideoState,
  obtainLiveKitInBackground,
  pinnedLiveKitVersion,
  setLocalVideoState,
} from "../../server/services/local-video.ts";
import { hasTool, startLiveKit, toolPath } from "../../server/services/processes.ts";
import { useTestDatabase } from "../harness/db.ts";

const quiet = { info: () => {}, warn: () => {} };
const stops: (() => Promise<void>)[] = [];

async function videoHealth(): Promise<{ status: string; detail?: string }> {
  const app = express();
  app.get(
    "/healthz",
    healthHandler(
      () => ({ ...config(), embeddedDb: false }),
      async () => ({ engine: "embedded", healthy: true, pending: 0 }),
    ),
  );
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
    return ((await res.json()) as { video: { status: string; detail?: string } }).video;
  } finally {
    server.close();
  }
}

/** A stand-in `go` that, after `delayS`, "builds" livekit-server by copying the real one (or fails). */
function fakeGo(dir: string, opts: { delayS?: number; fail?: string } = {}): string {
  const go = path.join(dir, "go");
  const body = opts.fail
    ? `echo "${opts.fail}" >&2; exit 1`
    : `sleep ${opts.delayS ?? 0}; echo "$@" > "${dir}/args"; cp "${toolPath("livekit-server")}" "$GOBIN/server"`;
  writeFileSync(go, `#!/bin/sh\n${body}\n`);
  chmodSync(go, 0o755);
  return go;
}

beforeAll(async () => {
  await useTestDatabase();
  if (!hasTool("livekit-server")) throw new Error("livekit-server missing: run scripts/setup");
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  setLocalVideoState(undefined);
  configure({ LIVEKIT_URL: undefined, LIVEKIT_API_KEY: undefined, LIVEKIT_API_SECRET: undefined });
});

describe("livekit-server on first start", () => {
  it("without Go: video is not configured, with the reason, and nothing throws", async () => {
    const toolsBin = mkdtempSync(path.join(tmpdir(), "cf-tools-"));
    await expect(installLiveKit({ toolsBin, go: ["/nonexistent/go"] })).rejects.toThrow(/no Go toolchain/);
    await obtainLiveKitInBackground(async () => true, stops, quiet, { toolsBin, go: ["/nonexistent/go"] });
    expect(localVideoState()).toMatchObject({ status: "not-configured" });
    const video = await videoHealth();
    expect(video.status).toBe("not-configured");
    expect(video.detail).toMatch(/^video not configured: .*no Go toolchain.*LIVEKIT_URL/);
  });

  it("a failed go install (no network) is reported the same way", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cf-go-"));
    const go = fakeGo(dir, { fail: "dial tcp: lookup proxy.golang.org: no such host" });
    await obtainLiveKitInBackground(async () => true, stops, quiet, { toolsBin: path.join(dir, "bin"), go: [go] });
    const video = await videoHealth();
    expect(video.status).toBe("not-configured");
    expect(video.detail).toContain("no such host");
    expect(existsSync(path.join(dir, "bin", "livekit-server"))).toBe(false);
  });

  it("says 'starting' while it installs, then video works; a second start installs nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cf-go-"));
    const toolsBin = path.join(dir, "bin");
    const go = fakeGo(dir, { delayS: 2 });
    configure({ LIVEKIT_URL: undefined, LIVEKIT_API_KEY: undefined, LIVEKIT_API_SECRET: undefined });
    const start = async () => {
      const lk = await startLiveKit();
      stops.push(() => lk.stop());
      configure({ LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret });
      return true;
    };
    const done = obtainLiveKitInBackground(start, stops, quiet, { toolsBin, go: [go] });
    const during = await videoHealth();
    expect(during.status).toBe("starting");
    expect(during.detail).toContain("first start");
    await done;
    expect(localVideoState()).toBeUndefined();
    expect((await videoHealth()).status).toBe("ok");
    // Installed as scripts/setup does: the pinned version, stamped.
    expect(readFileSync(path.join(dir, "args"), "utf8").trim()).toBe(
      `install github.com/livekit/livekit-server/cmd/server@${pinnedLiveKitVersion()}`,
    );
    expect(readFileSync(path.join(toolsBin, ".livekit-server.version"), "utf8").trim()).toBe(pinnedLiveKitVersion());
    // Idempotent: with the binary and its stamp present, Go is not even looked for.
    expect(await installLiveKit({ toolsBin, go: ["/nonexistent/go"] })).toBe(path.join(toolsBin, "livekit-server"));
  }, 60_000);
});
