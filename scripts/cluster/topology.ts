// `npm run cluster` and its test (docs/decisions/030-jobs-and-cluster.md): the production topology
// with local processes — one PostgreSQL (a temporary cluster, as the test harness makes), Redis,
// Meilisearch (../shared/bin/meilisearch or MEILI_BIN, when present), LiveKit (.tools/bin, when
// present), the S3 server for booth media (Versity's gateway from .tools/bin; without it, a media
// directory both instances share), N app instances (the production server on the build), and the
// reverse proxy in front of them.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { childProcessEnv } from "../../app/config.server.ts";
import { migrate } from "../../server/db/migrate.ts";
import { freePort } from "../../server/lib/ports.ts";
import { hasTool, newLiveKitKeys, startLiveKit, startVersityGw } from "../../server/services/processes.ts";
import { startTempPostgres } from "../../tests/harness/postgres.ts";
import { startRedis } from "../../tests/harness/redis.ts";
import { startTestMeilisearch } from "../../tests/harness/meilisearch.ts";
import { startProxy, type Proxy } from "./proxy.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export interface Instance {
  name: string;
  url: string;
  port: number;
  process: ChildProcess;
  /** Ends the instance at once (SIGKILL: no graceful shutdown, as a crash). */
  kill(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
}

export interface Cluster {
  url: string;
  proxy: Proxy;
  instances: Instance[];
  databaseUrl: string;
  redisUrl: string;
  meiliUrl: string | null;
  liveKitUrl: string | null;
  /** The S3 server holding booth media (null: the shared `mediaDir` does). */
  s3Url: string | null;
  mediaDir: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  instances?: number;
  /** Seed the demo fair (the first instance does it before the others start). */
  seed?: boolean;
  port?: number;
  /** Where each instance's output goes (default: dropped). */
  log?: (instance: string, line: string) => void;
  /** Extra variables for every instance. */
  env?: Record<string, string | undefined>;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`${url}: instance exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url}: not healthy after ${timeoutMs} ms`);
}

/** SIGKILLs a launched instance's whole process group and waits until none of it is left. */
async function killGroup(child: ChildProcess): Promise<void> {
  const group = -child.pid!;
  try {
    process.kill(group, "SIGKILL");
  } catch {
    return; // already gone
  }
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(group, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const n = opts.instances ?? 2;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };
  try {
    if (!existsSync(path.join(ROOT, "build/server/index.js")))
      throw new Error("no production build: run `npm run build` first");
    const dir = mkdtempSync(path.join(tmpdir(), "cf-cluster-"));
    stops.push(async () => rmSync(dir, { recursive: true, force: true }));
    const mediaDir = path.join(dir, "media");
    mkdirSync(mediaDir);

    const postgres = await startTempPostgres();
    stops.push(() => postgres.stop());
    const databaseUrl = await postgres.createDatabase("cloudfair");
    await migrate(databaseUrl); // once, before any instance starts

    const redis = await startRedis();
    stops.push(() => redis.stop());
    const meili = await startTestMeilisearch();
    if (meili) stops.push(() => meili.stop());

    let s3: Awaited<ReturnType<typeof startVersityGw>> | null = null;
    if (hasTool("versitygw")) {
      s3 = await startVersityGw({ dir: path.join(dir, "s3") });
      stops.push(() => s3!.stop());
    }

    const proxyPort = opts.port ?? (await freePort());
    const appUrl = `http://127.0.0.1:${proxyPort}`;
    let liveKit: Awaited<ReturnType<typeof startLiveKit>> | null = null;
    if (hasTool("livekit-server")) {
      liveKit = await startLiveKit({ webhookUrl: `${appUrl}/webhooks/livekit`, keys: newLiveKitKeys() });
      stops.push(() => liveKit!.stop());
    }

    const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
    const names = ports.map((_, i) => String.fromCharCode(97 + i)); // a, b, …
    const envFor = (i: number, seed: boolean) =>
      childProcessEnv({
        NODE_ENV: "production",
        PORT: String(ports[i]),
        HOST: "127.0.0.1",
        APP_URL: appUrl,
        DATABASE_URL: databaseUrl,
        DB_POOL_MAX: "10",
        DATA_DIR: path.join(dir, `data-${names[i]}`),
        MEDIA_DIR: mediaDir,
        REDIS_URL: redis.url,
        MEILI_URL: meili?.url,
        MEILI_MASTER_KEY: meili?.apiKey,
        MEILI_INDEX: meili?.index,
        LIVEKIT_URL: liveKit?.url,
        LIVEKIT_API_KEY: liveKit?.apiKey,
        LIVEKIT_API_SECRET: liveKit?.apiSecret,
        // The bucket is created by the instances at start (media/s3-storage.ts ensureBucket).
        S3_ENDPOINT: s3?.url,
        S3_BUCKET: s3 ? "cloudfair-media" : undefined,
        S3_ACCESS_KEY_ID: s3?.accessKey,
        S3_SECRET_ACCESS_KEY: s3?.secretKey,
        DEV_SERVICES: "0",
        INSTANCES: String(n),
        SEED_DEMO: seed ? "1" : "0",
        LOG_LEVEL: "info",
        ...opts.env,
      });
    const instances: Instance[] = [];
    const launch = (i: number, seed: boolean): ChildProcess => {
      const child = spawn(TSX, ["server/index.ts"], {
        cwd: ROOT,
        env: envFor(i, seed),
        stdio: ["ignore", "pipe", "pipe"],
        // Its own process group: tsx runs the server as a child (and the server forks HTTP workers),
        // so a crash is simulated by killing the whole group — SIGKILL to tsx alone left them running.
        detached: true,
      });
      const onLine = (chunk: Buffer) => {
        for (const line of chunk.toString().split("\n")) if (line.trim()) opts.log?.(names[i], line);
      };
      child.stdout!.on("data", onLine);
      child.stderr!.on("data", onLine);
      return child;
    };
    const startInstance = async (i: number, seed: boolean) => {
      const url = `http://127.0.0.1:${ports[i]}`;
      const inst: Instance = {
        name: names[i],
        url,
        port: ports[i],
        process: launch(i, seed),
        kill: () => killGroup(inst.process),
        restart: async () => {
          await inst.kill();
          inst.process = launch(i, false);
          await waitHealthy(url, inst.process);
        },
      };
      instances[i] = inst;
      stops.push(
        () =>
          new Promise<void>((resolve) => {
            const p = inst.process;
            if (p.exitCode !== null || p.signalCode) return resolve();
            const force = setTimeout(() => void killGroup(p), 12_000);
            p.once("exit", () => {
              clearTimeout(force);
              void killGroup(p).then(resolve); // whatever of the group outlived tsx
            });
            p.kill("SIGTERM");
          }),
      );
      await waitHealthy(url, inst.process);
    };
    // The seeding instance first; then the others together (migrations are applied already).
    if (opts.seed) await startInstance(0, true);
    await Promise.all(ports.map((_, i) => (opts.seed && i === 0 ? null : startInstance(i, false))));

    const proxy = await startProxy(
      instances.map((inst) => inst.url),
      proxyPort,
    );
    stops.push(() => proxy.close());
    return {
      url: appUrl,
      proxy,
      instances,
      databaseUrl,
      redisUrl: redis.url,
      meiliUrl: meili?.url ?? null,
      liveKitUrl: liveKit?.url ?? null,
      s3Url: s3?.url ?? null,
      mediaDir,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
