// A real Meilisearch for tests. MEILI_URL (+ MEILI_MASTER_KEY) points at an external server;
// otherwise a binary (MEILI_BIN, `meilisearch` on PATH, or ../shared/bin/meilisearch beside the
// repo) is started on a free loopback port with a temp database and a random master key. Either
// way the suite gets its own index uid. Returns null when there is no Meilisearch at all.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Meilisearch } from "meilisearch";
import { freePort } from "../../server/lib/ports.ts";

export interface TestMeilisearch {
  url: string;
  apiKey: string;
  /** an index uid unique to this suite */
  index: string;
  external: boolean;
  stop(): Promise<void>;
  /** Stops the server, keeping its database and port (fault tests; not for an external server). */
  halt(): Promise<void>;
  /** Starts it again on the same database and port; resolves once it is healthy. */
  resume(): Promise<void>;
}

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export function findMeilisearchBin(): string | null {
  const fromEnv = process.env.MEILI_BIN;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const which = spawnSync("sh", ["-c", "command -v meilisearch"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  const shared = path.resolve(REPO_ROOT, "../shared/bin/meilisearch");
  return existsSync(shared) ? shared : null;
}

async function waitHealthy(
  url: string,
  child: ChildProcess | null,
  log: () => string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`meilisearch exited (code ${child.exitCode}): ${log()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`meilisearch not healthy after ${timeoutMs} ms: ${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startTestMeilisearch(): Promise<TestMeilisearch | null> {
  const index = `test_${randomBytes(6).toString("hex")}`;
  const external = process.env.MEILI_URL?.trim();
  if (external) {
    const apiKey = process.env.MEILI_MASTER_KEY ?? "";
    await waitHealthy(external, null, () => "");
    return {
      url: external,
      apiKey,
      index,
      external: true,
      halt: () => Promise.reject(new Error("an external Meilisearch cannot be halted")),
      resume: () => Promise.reject(new Error("an external Meilisearch cannot be resumed")),
      stop: async () => {
        await new Meilisearch({ host: external, apiKey })
          .deleteIndex(index)
          .waitTask()
          .catch(() => undefined);
      },
    };
  }
  const bin = findMeilisearchBin();
  if (!bin) return null;
  const dir = mkdtempSync(path.join(tmpdir(), "cf-meili-"));
  const port = await freePort();
  const apiKey = randomBytes(24).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const start = () => {
    const child = spawn(
      bin,
      [
        "--db-path",
        path.join(dir, "data.ms"),
        "--dump-dir",
        path.join(dir, "dumps"),
        "--snapshot-dir",
        path.join(dir, "snapshots"),
        "--http-addr",
        `127.0.0.1:${port}`,
        "--master-key",
        apiKey,
        "--no-analytics",
        "--env",
        "development",
      ],
      { stdio: ["ignore", "ignore", "pipe"], cwd: dir },
    );
    child.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4_000)));
    return child;
  };
  let child = start();
  const cleanup = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", cleanup);
  try {
    await waitHealthy(url, child, () => log);
  } catch (err) {
    cleanup();
    throw err;
  }
  const ended = (c: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      const kill = setTimeout(() => c.kill("SIGKILL"), 5_000);
      c.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      c.kill("SIGTERM");
    });
  return {
    url,
    apiKey,
    index,
    external: false,
    halt: () => ended(child),
    async resume() {
      if (child.exitCode === null && child.signalCode === null) return;
      child = start();
      await waitHealthy(url, child, () => log);
    },
    stop: async () => {
      await ended(child);
      cleanup();
      process.removeListener("exit", cleanup);
    },
  };
}
