// Video on a fresh machine (docs/decisions/029): with no LIVEKIT_URL, `npm start` runs a local
// livekit-server from .tools/bin; when it is not there yet, it is obtained on first start, in the
// background (`go install`, the same pinned version scripts/setup installs), while the app already
// serves pages. /healthz says video "starting" meanwhile, and "not-configured" with the reason when
// it cannot be had (no Go toolchain, no network): the app never fails to start because of video.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { childProcessEnv } from "../../app/config.server.ts";
import { TOOLS_BIN } from "./processes.ts";

export const LIVEKIT_MODULE = "github.com/livekit/livekit-server/cmd/server";

/** The version scripts/setup pins (one source of truth: its LIVEKIT_VERSION line). */
export function pinnedLiveKitVersion(): string {
  const setup = readFileSync(path.resolve(import.meta.dirname, "../../scripts/setup"), "utf8");
  const v = /^LIVEKIT_VERSION=(v[\w.-]+)$/m.exec(setup)?.[1];
  if (!v) throw new Error("LIVEKIT_VERSION not found in scripts/setup");
  return v;
}

export type VideoState = { status: "starting" | "not-configured"; detail: string };
declare global {
  var __cloudfairVideoState: VideoState | undefined;
}
/** What /healthz says about video while LIVEKIT_URL is unset (undefined: nothing special). */
export const localVideoState = (): VideoState | undefined => globalThis.__cloudfairVideoState;
export const setLocalVideoState = (s: VideoState | undefined) => void (globalThis.__cloudfairVideoState = s);

/** The Go command: `go` on PATH, or the usual install location. null when there is none. */
function findGo(candidates: string[]): string | null {
  for (const c of candidates) {
    if (c.includes("/")) {
      if (existsSync(c)) return c;
    } else {
      for (const dir of (childProcessEnv().PATH ?? "").split(path.delimiter))
        if (dir && existsSync(path.join(dir, c))) return path.join(dir, c);
    }
  }
  return null;
}

export interface InstallOptions {
  toolsBin?: string;
  /** Go commands to try, in order (default: `go` on PATH, then /usr/local/go/bin/go). */
  go?: string[];
  version?: string;
  /** Called with the running `go install`, so a shutdown can stop it. */
  onSpawn?: (child: ChildProcess) => void;
}

/**
 * `go install` of livekit-server into `<toolsBin>/livekit-server` with its version stamp, exactly as
 * scripts/setup does (so either one finds the other's work). Idempotent; resolves to the binary.
 */
export async function installLiveKit(opts: InstallOptions = {}): Promise<string> {
  const toolsBin = opts.toolsBin ?? TOOLS_BIN;
  const version = opts.version ?? pinnedLiveKitVersion();
  const target = path.join(toolsBin, "livekit-server");
  const stamp = path.join(toolsBin, ".livekit-server.version");
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === version) return target;
  const go = findGo(opts.go ?? ["go", "/usr/local/go/bin/go"]);
  if (!go)
    throw new Error(
      "livekit-server is not installed and no Go toolchain was found: install Go and restart, run scripts/setup, or set LIVEKIT_URL",
    );
  mkdirSync(toolsBin, { recursive: true });
  const tmp = mkdtempSync(path.join(toolsBin, ".install-"));
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(go, ["install", `${LIVEKIT_MODULE}@${version}`], {
        stdio: ["ignore", "ignore", "pipe"],
        env: childProcessEnv({ GOBIN: tmp, GOFLAGS: "-mod=mod" }),
      });
      opts.onSpawn?.(child);
      let stderr = "";
      child.stderr?.on("data", (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2_000)));
      child.once("error", reject);
      child.once("exit", (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`go install failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`)),
      );
    });
    const built = path.join(tmp, "server");
    if (!existsSync(built)) throw new Error("go install produced no livekit-server binary");
    renameSync(built, target); // atomic: a half-written binary is never at the target path
    writeFileSync(stamp, `${version}\n`);
    return target;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Obtains livekit-server in the background, then calls `start` (which starts it and configures
 * LIVEKIT_URL). /healthz shows "starting" until then, "not-configured" with the reason on failure.
 */
export function obtainLiveKitInBackground(
  start: () => Promise<boolean>,
  stops: (() => Promise<void>)[],
  log: { info(o: object, m: string): void; warn(o: object, m: string): void },
  opts: InstallOptions = {},
): Promise<void> {
  setLocalVideoState({
    status: "starting",
    detail: "obtaining livekit-server on first start (go install, a few minutes); pages work meanwhile",
  });
  log.info({}, "livekit-server not installed: obtaining it in the background (first start only)");
  let child: ChildProcess | undefined;
  const killInstall = () => void child?.kill("SIGTERM");
  process.once("exit", killInstall);
  stops.push(async () => killInstall());
  return installLiveKit({ ...opts, onSpawn: (c) => (child = c) })
    .then(start)
    .then((ok) =>
      setLocalVideoState(
        ok ? undefined : { status: "not-configured", detail: "video not configured: livekit-server could not start" },
      ),
    )
    .catch((err: Error) => {
      setLocalVideoState({ status: "not-configured", detail: `video not configured: ${err.message.slice(0, 500)}` });
      log.warn({ err: err.message.slice(0, 500) }, "video not configured: livekit-server could not be obtained");
    })
    .finally(() => process.off("exit", killInstall));
}
