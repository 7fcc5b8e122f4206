// A rate limit holds for the whole instance when it runs several HTTP workers without Redis
// (node:cluster, server/workers.ts): the workers count in their primary (RateLimiterCluster). Before,
// each worker counted alone, so the open API's 60 a minute let 120 through on two workers, and the
// "resend the confirmation mail" limit passed a second resend that landed on the other worker.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childProcessEnv } from "../../app/config.server.ts";
import { migrate } from "../../server/db/migrate.ts";
import { freePort } from "../../server/lib/ports.ts";
import { ensureBuild } from "../harness/app-server.ts";
import { findPostgresBin, startTempPostgres, type TempPostgres } from "../harness/postgres.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A GET on a connection of its own (round robin then spreads the requests over the workers). */
const get = (url: string) =>
  new Promise<{ status: number }>((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
      })
      .on("error", reject);
  });

describe.runIf(findPostgresBin())("rate limits across a server's HTTP workers (no Redis)", () => {
  let postgres: TempPostgres;
  let server: ChildProcess;
  let base: string;

  beforeAll(async () => {
    await ensureBuild();
    postgres = await startTempPostgres();
    const url = await postgres.createDatabase("cloudfair_workers");
    await migrate(url);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: ROOT,
      env: childProcessEnv({
        NODE_ENV: "production",
        DATABASE_URL: url,
        PORT: String(port),
        HOST: "127.0.0.1",
        APP_URL: base,
        WEB_CONCURRENCY: "2",
        REDIS_URL: undefined,
        MEILI_URL: undefined,
        DEV_SERVICES: "0",
        SEED_DEMO: "0",
        LOG_LEVEL: "warn",
      }),
      stdio: ["ignore", "ignore", "inherit"],
    });
    const deadline = Date.now() + 120_000;
    for (;;) {
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (server.exitCode !== null || Date.now() > deadline) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 300));
    }
  }, 180_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    await postgres?.stop();
  });

  it("counts the open API's anonymous per-IP limit once for both workers", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await get(`${base}/api/v1/fairs`)).status);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Two more, on new connections: whichever worker takes them, the 61st and 62nd are refused.
    expect((await get(`${base}/api/v1/fairs`)).status).toBe(429);
    expect((await get(`${base}/api/v1/fairs`)).status).toBe(429);
  }, 60_000);
});
