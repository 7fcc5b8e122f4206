// bench:load — throughput of the production server under load, against the machine's own ceiling
// measured in the same run: a static asset served by the same Express app (issue 16).
//   npm run build && npm run bench:load [-- --duration 10 --connections 50 --db postgres,embedded]
// Options: --duration seconds per URL (10), --connections (50) for the static ceiling, the anonymous
// pages and the mixed profile, --signed-in-connections the counts each logged-in page is driven at
// (20,50: the issue judges those pages by its own method, 20 connections), --db which databases
// (postgres,embedded), --profiles which of anonymous,signed-in,mixed,sockets (all; `none` with
// --count-queries measures per-request costs only; the static ceiling runs with the first three),
// --warmup seconds of unmeasured load before each URL's run (2), --mixed-duration seconds of the
// mixed profile (= duration; 300 is the issue's full run), --mixed-rate requests per second offered
// to the mixed profile at a steady rate, open loop, by vegeta (400; 0 = as fast as 50 workers go),
// --embedded-mixed-rate the most offered on the embedded default (150),
// --sockets concurrent socket.io connections (2000) and --socket-rounds pushes to all of them (5),
// --web-concurrency HTTP processes on PostgreSQL (the server's default: the CPU count),
// --count-queries to list the SQL statements and the server's CPU milliseconds (process.cpuUsage) per
// request of every URL first (--count-requests sequential requests each, 20), --cpu-prof DIR to run
// the server under `node --cpu-prof` and print its top self-time functions, --base URL to drive a
// server that is already running (demo fair seeded) instead, --serve-only to start one and keep it
// up, --summarise-profile DIR for a profile alone.
// It uses the production build as it is (run `npm run build` first) and starts the server itself:
// on a temporary PostgreSQL (tests/harness/postgres.ts) with the demo fair, and on the embedded
// default (PGlite, a fresh data directory, seeded on first start). Per database it measures the
// static ceiling, the anonymous public pages, logged-in pages (investors), a mixed profile (70%
// anonymous browsing and search, 25% logged-in pages, 5% writes: bookmarks on/off, meeting requests,
// chat messages over socket.io; each kind a steady stream; latency per kind too; server RSS at its
// start and end) and socket.io delivery (chat messages pushed to every socket of their sender).
// Prints a table per database and ends with a one-line JSON summary (the last line).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon, { type Options, type RawRequest, type Result } from "autocannon";
import { io as connectSocket, type Socket as ClientSocket } from "socket.io-client";
import { childProcessEnv } from "../app/config.server.ts";
import { freePort } from "../server/lib/ports.ts";
import { openLoop, percentile, type LatencyStats, type OpenLoopResult, type Stream } from "./bench/open-loop.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const flag = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};
const DURATION = Number(flag("duration", "10"));
const CONNECTIONS = Number(flag("connections", "50"));
/**
 * Connections per logged-in URL run: each URL is driven once per count. The issue's targets for
 * these pages (≥ 200 req/s, p99 ≤ 250 ms) name no connection count, so they are judged at the issue's
 * own measuring method, 20 connections; 50 is shown beside them (docs/decisions/033).
 */
const SIGNED_IN_CONNECTIONS = flag("signed-in-connections", "20,50")
  .split(",")
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const MIXED_DURATION = Number(flag("mixed-duration", String(DURATION)));
/**
 * Seconds of unmeasured load before each URL's measured run, at its connections: the code paths it
 * takes compiled and the database pool's connections open with their statements prepared, as on a
 * server that has been serving that page (the first seconds after a start are not the steady state).
 */
const WARMUP = Number(flag("warmup", "2"));
/** The mixed profile's offered load, requests per second (steady, open loop: ADR 040). */
const MIXED_RATE = Number(flag("mixed-rate", "400"));
/**
 * On the embedded default the mixed profile is offered at most this rate (150): its one process
 * serves about 100–240 signed-in pages a second, so at 400 an open loop only piles up timeouts. The
 * issue judges the mixed profile on PostgreSQL.
 */
const EMBEDDED_MIXED_RATE = Number(flag("embedded-mixed-rate", "150"));
/** socket.io profile: concurrent signed-in sockets, and how many pushes each receives. */
const SOCKETS = Number(flag("sockets", "2000"));
const SOCKET_ROUNDS = Number(flag("socket-rounds", "5"));
const DBS = flag("db", "postgres,embedded")
  .split(",")
  .map((s) => s.trim())
  .filter((s): s is "postgres" | "embedded" => s === "postgres" || s === "embedded");
const CPU_PROF = flag("cpu-prof", "");
/** Count the SQL statements per request of every URL (sequential requests, before the load). */
const COUNT_QUERIES = process.argv.includes("--count-queries");
/** Sequential requests per URL when counting (statements and CPU ms per request). */
const COUNT_REQUESTS = Math.max(1, Number(flag("count-requests", "20")) || 20);
/** Which profiles to run: anonymous URLs, signed-in URLs, the mixed profile, socket.io delivery. */
const PROFILES = new Set(flag("profiles", "anonymous,signed-in,mixed,sockets").split(","));
/** WEB_CONCURRENCY for the server on PostgreSQL (unset: the server's default, the CPU count). */
const WEB_CONCURRENCY = flag("web-concurrency", "");
/** A server already running (its demo fair seeded) instead of starting one: for iterating. */
const BASE = flag("base", "");
if (
  !(DURATION > 0) ||
  !(CONNECTIONS > 0) ||
  !(WARMUP >= 0) ||
  !(MIXED_DURATION >= 0) ||
  !(MIXED_RATE >= 0) ||
  !(EMBEDDED_MIXED_RATE > 0) ||
  DBS.length === 0 ||
  !SIGNED_IN_CONNECTIONS.length
) {
  console.error("usage: bench:load [--duration s] [--connections n] [--mixed-duration s] [--db postgres,embedded]");
  process.exit(2);
}
if (!existsSync(path.join(ROOT, "build/server/index.js"))) {
  console.error("no production build: run `npm run build` first");
  process.exit(2);
}

const PASSWORD = "cloudfair-demo";
const INVESTORS = ["investor01", "investor02", "investor03", "investor04", "investor05"].map(
  (n) => `${n}@demo.cloudfair.cn`,
);
/** The mixed profile's meeting requests and chat messages come from ten other investors. */
const WRITERS = Array.from({ length: 10 }, (_, i) => `investor${String(i + 6).padStart(2, "0")}@demo.cloudfair.cn`);

interface Server {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

async function waitHealthy(child: ChildProcess, base: string, logFile: string, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      console.error(readFileSync(logFile, "utf8").slice(-4000));
      throw new Error(`server exited with ${child.exitCode}`);
    }
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error("server did not become healthy");
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The production server (server/index.ts over build/), on its own port, with `env` on top. */
async function startServer(label: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logDir = mkdtempSync(path.join(tmpdir(), "cf-bench-log-"));
  const logFile = path.join(logDir, "server.log");
  const out = openSync(logFile, "a");
  const profDir = CPU_PROF ? path.resolve(CPU_PROF, label) : "";
  if (profDir) mkdirSync(profDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      ...(profDir ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : []),
      "--import",
      "tsx",
      ...(COUNT_QUERIES ? ["--import", "./scripts/bench/count-queries.ts"] : []),
      "server/index.ts",
    ],
    {
      cwd: ROOT,
      env: childProcessEnv({
        PORT: String(port),
        HOST: "127.0.0.1",
        APP_URL: base,
        DEV_SERVICES: "0",
        NODE_ENV: "production",
        LOG_LEVEL: "info", // production's default: one log line per request, to a file
        ...env,
      }),
      stdio: ["ignore", out, out],
    },
  );
  await waitHealthy(child, base, logFile);
  return {
    base,
    pid: child.pid!,
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        // A profile is written at exit, however long the shutdown takes; without one, 3 s is enough.
        if (!profDir) setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      });
      if (profDir) summariseProfile(profDir, label);
      rmSync(logDir, { recursive: true, force: true });
      for (const f of queryCountFiles(child.pid!)) rmSync(f, { force: true });
    },
  };
}

const queryCountFiles = (pid: number) =>
  readdirSync(tmpdir())
    .filter((f) => f.startsWith(`cf-bench-queries-${pid}-`))
    .map((f) => path.join(tmpdir(), f));

async function postgresServer(): Promise<Server> {
  const { startTempPostgres } = await import("../tests/harness/postgres.ts");
  const { migrate } = await import("../server/db/migrate.ts");
  const { createDb } = await import("../app/db/client.server.ts");
  const { seedDemo } = await import("../server/seed/demo-fair.ts");
  const { LocalMediaStorage } = await import("../media/storage.ts");
  const cluster = await startTempPostgres();
  const url = await cluster.createDatabase("cloudfair_bench");
  await migrate(url);
  const mediaDir = mkdtempSync(path.join(tmpdir(), "cf-bench-media-"));
  const db = createDb(url);
  await seedDemo(db, new LocalMediaStorage(mediaDir));
  await db.$disconnect();
  const server = await startServer("postgres", {
    DATABASE_URL: url,
    MEDIA_DIR: mediaDir,
    SEED_DEMO: "0",
    ...(WEB_CONCURRENCY ? { WEB_CONCURRENCY } : {}),
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      await cluster.stop();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

async function embeddedServer(): Promise<Server> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cf-bench-data-"));
  const server = await startServer("embedded", { DATA_DIR: dataDir, MEDIA_DIR: path.join(dataDir, "media") });
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function login(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  const cookie = /^(cf_session=[^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (!cookie) throw new Error(`login as ${email} failed (${res.status})`);
  return cookie;
}

/** The server's processes: `pid` and its children (cluster workers). */
const serverPids = (pid: number): string[] => [
  String(pid),
  ...readdirSync("/proc").filter((p) => {
    if (!/^\d+$/.test(p)) return false;
    try {
      return readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]?.split(" ")[1] === String(pid);
    } catch {
      return false;
    }
  }),
];

/** The URLs to drive, found on the running demo fair. */
async function discover(base: string) {
  const home = await (await fetch(`${base}/`)).text();
  const css = /href="(\/assets\/[^"]+\.css)"/.exec(home)?.[1];
  const hall = await (await fetch(`${base}/fairs/jiangsu-2026`)).text();
  const booths = [...new Set([...hall.matchAll(/href="\/booths\/([^"/?#]+)"/g)].map((m) => m[1]))];
  if (!css || booths.length < 4) throw new Error("demo fair not found (asset or booth links missing)");
  return { css, booths };
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  pctOfCeiling: number;
  errors: number;
  /** The issue's target for this row, met or not; null where the issue sets none. */
  meets: boolean | null;
}

/** The issue's targets (issue 16), judged per row. */
type Target = "anonymous" | "signed-in" | "mixed" | null;
const TARGETS: Record<Exclude<Target, null>, { text: string; met: (r: Omit<Row, "meets">) => boolean }> = {
  anonymous: { text: "≥ 50 % of the ceiling, p99 ≤ 100 ms", met: (r) => r.pctOfCeiling >= 50 && r.p99 <= 100 },
  "signed-in": { text: "≥ 200 req/s, p99 ≤ 250 ms", met: (r) => r.rps >= 200 && r.p99 <= 250 },
  // Offered at a steady 400 req/s (open loop); a server that keeps up answers within 1 % of it.
  mixed: { text: "400 req/s sustained, p99 ≤ 250 ms", met: (r) => r.rps >= 0.99 * 400 && r.p99 <= 250 },
};

/** One autocannon run against `url` (autocannon ignores a top-level `path`: the URL carries it). */
async function drive(
  url: string,
  opts: Omit<Options, "url" | "duration">,
  duration: number,
  connections = CONNECTIONS,
) {
  return autocannon({
    url,
    connections,
    duration,
    timeout: 10,
    ...(WARMUP > 0 ? { warmup: { connections, duration: WARMUP } } : {}),
    ...opts,
  });
}

function toRow(name: string, r: Result, ceiling: number, target: Target = null): Row {
  const row = {
    name,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p975: r.latency.p97_5,
    p99: r.latency.p99,
    pctOfCeiling: ceiling ? Math.round((1000 * r.requests.average) / ceiling) / 10 : 100,
    errors: r.errors + r.timeouts + r.non2xx,
  };
  return { ...row, meets: target ? row.errors === 0 && TARGETS[target].met(row) : null };
}

function printTable(title: string, rows: Row[]) {
  const w = Math.max(44, ...rows.map((r) => r.name.length));
  const n = (v: number, width = 7) => String(v).padStart(width);
  const meets = (r: Row) => (r.meets === null ? "—" : r.meets ? "yes" : "NO").padStart(6);
  console.log(`\n${title}\n`);
  if (rows.length === 0) return; // a sockets-only run
  console.log(`| ${"URL".padEnd(w)} |   req/s |  p50 ms | p97.5 ms | p99 ms | % of ceiling | errors | target |`);
  console.log(`|${"-".repeat(w + 2)}|---------|---------|----------|--------|--------------|--------|--------|`);
  for (const r of rows)
    console.log(
      `| ${r.name.padEnd(w)} | ${n(r.rps)} | ${n(r.p50)} | ${n(r.p975, 8)} | ${n(r.p99, 6)} | ${n(r.pctOfCeiling, 12)} | ${n(r.errors, 6)} | ${meets(r)} |`,
    );
  console.log(
    `\ntargets (issue 16): anonymous pages ${TARGETS.anonymous.text}; logged-in pages on PostgreSQL at 20 ` +
      `connections ${TARGETS["signed-in"].text}; mixed on PostgreSQL ${TARGETS.mixed.text}, 0 errors everywhere`,
  );
}

/** Resident memory of the server: its process and its children (cluster workers), in MB. */
const rssMb = (pid: number): number => {
  if (!pid) return 0;
  const kb = (p: number | string) => {
    try {
      return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      return 0; // gone meanwhile
    }
  };
  return Math.round(serverPids(pid).reduce((a: number, p) => a + kb(p), 0) / 1024);
};

async function benchOne(label: string, server: Server, onPostgres: boolean, mixedRate = MIXED_RATE) {
  const { base } = server;
  const { css, booths } = await discover(base);
  const cookies: string[] = [];
  for (const email of INVESTORS) cookies.push(await login(base, email));
  const booth = `/booths/${booths[0]}`;
  const anonymous: [string, string][] = [
    ["/", "/"],
    ["/fairs/jiangsu-2026 (fair hall)", "/fairs/jiangsu-2026"],
    ["/fairs/jiangsu-2026 ?_data (client navigation)", "/fairs/jiangsu-2026?_data=routes%2Ffairs.%24slug"],
    ["/booths/<id> (booth page, projects)", booth],
    ["/search?q=新能源", `/search?q=${encodeURIComponent("新能源")}`],
  ];
  const loggedIn: [string, string][] = [
    ["/dashboard (investor: recommendations)", "/dashboard"],
    ["/meetings (agenda)", "/meetings"],
    ["/notifications", "/notifications"],
    ["/booths/<id> signed in", booth],
  ];

  // Warm-up: every URL once (code paths, prepared statements, the search index).
  for (const [, p] of anonymous) await fetch(base + p).then((r) => r.arrayBuffer());
  for (const [, p] of loggedIn) await fetch(base + p, { headers: { cookie: cookies[0] } }).then((r) => r.arrayBuffer());

  const queries: Record<string, number> = {};
  const cpuMs: Record<string, number> = {};
  const statements: Record<string, string[]> = {};
  if (COUNT_QUERIES && server.pid) {
    // COUNT_REQUESTS sequential requests per URL. The preloaded counter records per request the
    // statements sent in its async context and its process's CPU time from arrival to the
    // response's end (scripts/bench/count-queries.ts): background jobs' statements are not counted,
    // and the median CPU time leaves out a request that a job's run happened to overlap.
    const settle = () => new Promise((r) => setTimeout(r, 250));
    const requestLines = () =>
      queryCountFiles(server.pid)
        .filter((f) => f.endsWith(".requests"))
        .flatMap((f) => readFileSync(f, "utf8").split("\n").filter(Boolean))
        .map((l) => l.split("\t"))
        .sort((x, y) => Number(x[4]) - Number(y[4])); // the workers' files, merged in arrival order
    const count = async (name: string, p: string, cookie?: string) => {
      await settle();
      for (let i = 0; i < COUNT_REQUESTS; i++)
        await fetch(base + p, { headers: cookie ? { cookie } : {} }).then((r) => r.arrayBuffer());
      await settle();
      // The last COUNT_REQUESTS lines for this URL (the warm-up asked it once before).
      const mine = requestLines()
        .filter(([url, , , signedIn]) => url === p && signedIn === (cookie ? "1" : "0"))
        .slice(-COUNT_REQUESTS);
      const cpu = mine.map(([, , ms]) => Number(ms)).sort((x, y) => x - y);
      queries[name] = mine.reduce((a, [, n]) => a + Number(n), 0) / Math.max(1, mine.length);
      cpuMs[name] = percentile(cpu, 50);
      // The statements of the last request: the process that served it wrote its list last.
      const [latest] = queryCountFiles(server.pid)
        .filter((f) => f.endsWith(".sql"))
        .sort((x, y) => statSync(y).mtimeMs - statSync(x).mtimeMs);
      const sql = latest ? readFileSync(latest, "utf8").split("\n") : [];
      statements[name] = sql.slice(-Math.round(queries[name])).map((q) => q.replace(/\s+/g, " ").slice(0, 140));
    };
    for (const [name, p] of anonymous) await count(name, p);
    for (const [name, p] of loggedIn) await count(`${name} (signed in)`, p, cookies[0]);
    console.log(
      `\n${label}: SQL statements (mean) and server CPU ms (median) per request, ${COUNT_REQUESTS} sequential ` +
        `requests each after a warm-up\n`,
    );
    console.log("  stmts  CPU ms  URL");
    for (const [name, n] of Object.entries(queries)) {
      console.log(`  ${n.toFixed(1).padStart(5)}  ${cpuMs[name].toFixed(1).padStart(6)}  ${name}`);
      if (n >= 2) for (const q of statements[name]) console.log(`                 ${q}`);
    }
  }

  // The static ceiling, unless no throughput profile runs (e.g. `--profiles sockets` or `count`).
  const loadProfiles = ["anonymous", "signed-in", "mixed"].some((p) => PROFILES.has(p));
  const ceilingResult = loadProfiles ? await drive(base + css, {}, DURATION) : null;
  const ceiling = ceilingResult?.requests.average ?? 0;
  const rows: Row[] = ceilingResult
    ? [toRow(`static asset ${css.slice(0, 20)}… (ceiling)`, ceilingResult, ceiling)]
    : [];
  for (const [name, p] of PROFILES.has("anonymous") ? anonymous : [])
    rows.push(toRow(name, await drive(base + p, {}, DURATION), ceiling, "anonymous"));
  for (const connections of PROFILES.has("signed-in") ? SIGNED_IN_CONNECTIONS : [])
    for (const [name, p] of loggedIn) {
      let i = 0;
      const requests = [
        { method: "GET", path: p, setupRequest: (r: RawRequest) => ({ ...r, headers: { cookie: cookies[i++ % 5] } }) },
      ];
      // The issue's targets are for its pages (not the signed-in booth page), at its 20 connections.
      const judged = onPostgres && connections === 20 && !name.startsWith("/booths/");
      const result = await drive(base, { requests }, DURATION, connections);
      rows.push(toRow(`${name} (5 investors, ${connections} conns)`, result, ceiling, judged ? "signed-in" : null));
    }

  let mixed:
    | (Row & {
        byKind: OpenLoopResult["byKind"];
        rssStartMb: number;
        rssEndMb: number;
        rssPeakMb: number;
        rssLateGrowthMb: number;
      })
    | null = null;
  if (MIXED_DURATION > 0 && PROFILES.has("mixed")) {
    // 20 requests a round: 14 anonymous (70%), 5 signed in (25%), 1 write (5%), each kind offered
    // as its own steady stream (open loop, scripts/bench/open-loop.ts: ADR 040).
    const q = (s: string) => `/search?q=${encodeURIComponent(s)}`;
    const anonymous = [
      "/",
      "/fairs/jiangsu-2026",
      `/booths/${booths[0]}`,
      q("新能源"),
      `/booths/${booths[1]}`,
      "/fairs/jiangsu-2026?_data=routes%2Ffairs.%24slug",
      `/booths/${booths[2]}`,
      q("solar"),
      "/fairs/jiangsu-2026?page=2",
      `/booths/${booths[3]}`,
      q("医药"),
      "/",
      `/booths/${booths[0]}?_data=routes%2Fbooths.%24id`,
      "/fairs/jiangsu-2026",
    ].map((p) => ({ method: "GET" as const, path: p }));
    const signedInPaths = ["/dashboard", "/meetings", "/notifications", `/booths/${booths[0]}`, "/dashboard"];
    // Every investor asks for every page in turn (5 × 5), and bookmarks on and off in turn (5 × 2).
    const signedIn = Array.from({ length: 25 }, (_, i) => ({
      method: "GET" as const,
      path: signedInPaths[i % 5],
      headers: { cookie: cookies[i % 5] },
    }));
    const bookmarks = Array.from({ length: 10 }, (_, i) => ({
      method: "POST" as const,
      path: `/booths/${booths[1]}?_data=routes%2Fbooths.%24id`,
      headers: formHeaders(base, cookies[i % 5]),
      body: `bookmark=${i % 2 ? "off" : "on"}`,
    }));
    const writers = await writersOf(base, booths);
    const streams: Stream[] = [
      { kind: "anonymous", rate: (mixedRate * 14) / 20, targets: anonymous },
      { kind: "signed-in", rate: (mixedRate * 5) / 20, targets: signedIn },
      // The writes (5 %): bookmarks on and off, meeting requests, chat messages (socket.io).
      { kind: "bookmark", rate: (mixedRate * 3) / 100, targets: bookmarks },
      { kind: "meeting request", rate: mixedRate / 100, targets: writers.meetingRequests },
      { kind: "chat message", rate: mixedRate / 100, call: writers.chat },
    ];
    const rssStartMb = rssMb(server.pid);
    // Server RSS every 2 s: "flat" is judged on the whole curve, not on two points of a sawtooth.
    const rssSeries: number[] = [];
    const sampler = setInterval(() => rssSeries.push(rssMb(server.pid)), 2000);
    // No warm-up: the server's memory is reported from the run's first request on.
    const r = await openLoop(base, streams, { durationS: MIXED_DURATION, connections: CONNECTIONS }).finally(
      writers.close,
    );
    clearInterval(sampler);
    const third = Math.max(1, Math.floor(rssSeries.length / 3));
    const row = (name: string, rps: number, l: LatencyStats, errors: number) => ({
      name,
      rps,
      p50: l.p50,
      p975: l.p975,
      p99: l.p99,
      pctOfCeiling: ceiling ? Math.round((1000 * rps) / ceiling) / 10 : 100,
      errors,
    });
    const judged = onPostgres && mixedRate === 400 && MIXED_DURATION >= 300;
    const total = row(`mixed 70/25/5 at ${mixedRate || "max"} req/s offered`, r.rps, r.all, r.errors);
    mixed = {
      ...total,
      meets: judged ? total.errors === 0 && TARGETS.mixed.met(total) : null,
      byKind: r.byKind,
      rssStartMb,
      rssEndMb: rssMb(server.pid),
      rssPeakMb: Math.max(rssStartMb, ...rssSeries),
      // Growth of the peak from the run's second third to its last: ~0 when memory has levelled off.
      rssLateGrowthMb:
        rssSeries.length >= 3
          ? Math.max(...rssSeries.slice(-third)) - Math.max(...rssSeries.slice(third, 2 * third))
          : 0,
    };
    rows.push(mixed);
    for (const s of streams) {
      const k = r.byKind[s.kind];
      rows.push({
        ...row(`mixed, of which ${s.kind}`, Math.round(k.count / MIXED_DURATION), k, k.errors),
        meets: null,
      });
    }
  }

  const sockets = PROFILES.has("sockets") ? await socketProfile(base, cookies, booths) : null;

  printTable(
    `${label}: ${CONNECTIONS} connections (logged-in pages: ${SIGNED_IN_CONNECTIONS.join(" and ")}), ${DURATION} s per URL${mixed ? `, mixed ${MIXED_DURATION} s (server RSS ${mixed.rssStartMb} → ${mixed.rssEndMb} MB, peak ${mixed.rssPeakMb}, last third vs second +${mixed.rssLateGrowthMb} MB)` : ""}`,
    rows,
  );
  const perRequest = COUNT_QUERIES
    ? Object.fromEntries(
        Object.keys(queries).map((k) => [k, { statements: queries[k], cpuMs: Math.round(cpuMs[k] * 10) / 10 }]),
      )
    : undefined;
  return {
    ceilingRps: Math.round(ceiling),
    rows,
    rssStartMb: mixed?.rssStartMb,
    rssEndMb: mixed?.rssEndMb,
    rssPeakMb: mixed?.rssPeakMb,
    rssLateGrowthMb: mixed?.rssLateGrowthMb,
    sockets,
    perRequest,
  };
}

/** A form POST's headers for `cookie`'s user, from the site's own origin. */
const formHeaders = (base: string, cookie: string) => ({
  cookie,
  origin: base,
  "content-type": "application/x-www-form-urlencoded",
});

/** A WebSocket-only socket.io connection signed in with `cookie` (no reconnection: a drop counts). */
const openSocket = (base: string, cookie: string) =>
  new Promise<ClientSocket>((resolve, reject) => {
    const s = connectSocket(base, {
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnection: false,
      timeout: 30_000,
    });
    s.once("connect", () => resolve(s));
    s.once("connect_error", (err) => {
      s.close();
      reject(err);
    });
  });

/**
 * The mixed profile's meeting requests and chat messages, from ten investors (06–15) the page rows
 * do not use. Each asks each of ten booths for one of the fair's future slots: 10 pending requests
 * per investor at most (the cap is 20 per fair), and a request sent again while pending is that
 * request (a 200, no second row), so runs can repeat. Chat messages go over each investor's socket,
 * 0.4 a second each at 400 req/s offered (the limit is 8 per 10 s).
 */
async function writersOf(base: string, booths: string[]) {
  const cookies: string[] = [];
  for (const email of WRITERS) cookies.push(await login(base, email));
  const options = await fetch(`${base}/booths/${booths[0]}?_data=routes%2Fbooths.%24id`, {
    headers: { cookie: cookies[0] },
  }).then((r) => r.json() as Promise<{ meeting: { slots: { startsAt: string }[] } | null }>);
  const slots = options.meeting?.slots ?? [];
  if (slots.length === 0) throw new Error("the demo fair offers no future meeting slot");
  const targets = booths.slice(0, 10);
  const meetingRequests = cookies.flatMap((cookie, i) =>
    targets.map((booth, b) => ({
      method: "POST" as const,
      path: `/booths/${booth}?_data=routes%2Fbooths.%24id`,
      headers: formHeaders(base, cookie),
      body: new URLSearchParams({
        intent: "request-meeting",
        slots: slots[(i * 7 + b) % slots.length].startsAt,
        message: `bench:load mixed profile, investor ${i + 6}, booth ${b + 1}`,
      }).toString(),
    })),
  );
  const sockets = await Promise.all(cookies.map((cookie) => openSocket(base, cookie)));
  const chat = async (n: number) => {
    const ack = await sockets[n % sockets.length]
      .timeout(10_000)
      .emitWithAck("chat:send", { boothId: targets[n % targets.length], body: `bench:load mixed message ${n}` });
    return !!(ack as { ok?: boolean }).ok;
  };
  return { meetingRequests, chat, close: () => sockets.forEach((s) => s.close()) };
}

/**
 * socket.io delivery: SOCKETS WebSocket connections signed in as the five demo investors (a fifth
 * each, like one person's many tabs), every one of them in its user's room. Each round, each
 * investor sends one chat message to a booth from one more socket at the same moment; the server
 * pushes it to every socket of that investor (and to the booth's team), whichever process holds
 * them. Delivery time = arrival on a socket minus the send time of its investor's message.
 */
async function socketProfile(base: string, cookies: string[], booths: string[]) {
  const sockets: { socket: ClientSocket; user: number }[] = [];
  let connectErrors = 0;
  const t0 = performance.now();
  for (let i = 0; i < SOCKETS; i += 100) {
    const batch = await Promise.allSettled(
      Array.from({ length: Math.min(100, SOCKETS - i) }, (_, k) => openSocket(base, cookies[(i + k) % cookies.length])),
    );
    batch.forEach((r, k) => {
      if (r.status === "fulfilled") sockets.push({ socket: r.value, user: (i + k) % cookies.length });
      else connectErrors++;
    });
  }
  const connectS = (performance.now() - t0) / 1000;
  const senders = await Promise.all(cookies.map((c) => openSocket(base, c)));
  const latencies: number[] = [];
  let missing = 0;
  let sendErrors = 0;
  // A booth whose chat is open (a closed fair's booth refuses).
  let booth = "";
  for (const b of booths) {
    const ack = await senders[0].timeout(10_000).emitWithAck("chat:send", { boothId: b, body: "bench: which booth?" });
    if ((ack as { ok?: boolean }).ok) {
      booth = b;
      break;
    }
  }
  if (!booth) throw new Error("no booth with chat open found");
  await new Promise((r) => setTimeout(r, 500)); // that probe's deliveries
  for (let round = 0; round < SOCKET_ROUNDS; round++) {
    const sentAt = new Map<string, number>(); // body -> send time
    const arrived = sockets.map(
      ({ socket, user }) =>
        new Promise<void>((resolve) => {
          const body = `bench round ${round} user ${user}`;
          const onMessage = (m: { body?: string }) => {
            if (m.body !== body) return;
            latencies.push(performance.now() - (sentAt.get(body) ?? performance.now()));
            socket.off("chat:message", onMessage);
            resolve();
          };
          socket.on("chat:message", onMessage);
          setTimeout(() => {
            if (socket.listeners("chat:message").includes(onMessage)) {
              socket.off("chat:message", onMessage);
              missing++;
            }
            resolve();
          }, 10_000);
        }),
    );
    await Promise.all(
      senders.map(async (s, user) => {
        const body = `bench round ${round} user ${user}`;
        sentAt.set(body, performance.now());
        const ack = (await s
          .timeout(10_000)
          .emitWithAck("chat:send", { boothId: booth, body })
          .catch(() => null)) as {
          ok?: boolean;
        } | null;
        if (!ack?.ok) sendErrors++;
      }),
    );
    await Promise.all(arrived);
    await new Promise((r) => setTimeout(r, 1500)); // stay under the chat rate limit (8 per 10 s)
  }
  for (const s of [...sockets.map((x) => x.socket), ...senders]) s.close();
  latencies.sort((a, b) => a - b);
  const result = {
    sockets: sockets.length,
    connectErrors,
    connectS: Math.round(connectS * 10) / 10,
    deliveries: latencies.length,
    missing,
    sendErrors,
    min: Math.round(latencies[0] ?? 0),
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
    max: Math.round(latencies.at(-1) ?? 0),
  };
  console.log(
    `\nsocket.io: ${result.sockets} sockets (${result.connectErrors} failed to connect, ${result.connectS} s to connect), ` +
      `${SOCKET_ROUNDS} pushes to all: ${result.deliveries} delivered, ${result.missing} missing, ` +
      `delivery min ${result.min} ms, p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms (target p99 ≤ 500 ms)`,
  );
  return result;
}

/** Top self-time functions of the server's CPU profile(s) in `dir`. */
function summariseProfile(dir: string, label: string) {
  interface Node {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (!files.length) return void console.log(`(no CPU profile written in ${dir})`);
  const self = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const f of files) {
    const prof = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as {
      nodes: Node[];
      startTime: number;
      endTime: number;
      samples: number[];
    };
    const interval = (prof.endTime - prof.startTime) / 1000 / Math.max(1, prof.samples.length); // ms
    const busy = prof.nodes.filter((n) => n.callFrame.functionName !== "(idle)");
    const busyMs = busy.reduce((a, n) => a + (n.hitCount ?? 0) * interval, 0);
    if (busyMs < (0.05 * (prof.endTime - prof.startTime)) / 1000) continue; // an idle helper thread
    for (const n of prof.nodes) {
      const ms = (n.hitCount ?? 0) * interval;
      if (!ms) continue;
      const { functionName, url, lineNumber } = n.callFrame;
      if (functionName === "(idle)") {
        idle += ms;
        continue;
      }
      const file = url.replace(/^file:\/\//, "").replace(ROOT + "/", "");
      const key = `${functionName || "(anonymous)"} ${file ? `${file.replace(/^.*node_modules\//, "~/")}:${lineNumber + 1}` : ""}`;
      self.set(key, (self.get(key) ?? 0) + ms);
      const area = !file
        ? functionName.startsWith("(")
          ? functionName
          : "(native)"
        : file.includes("node_modules/")
          ? file.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1")
          : file.startsWith("node:")
            ? "node internals"
            : file.split("/").slice(0, 2).join("/");
      byArea.set(area, (byArea.get(area) ?? 0) + ms);
      total += ms;
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, ms]) => `  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`)
      .join("\n");
  console.log(
    `\nCPU profile (${label}): main thread busy ${(total / 1000).toFixed(1)} s, idle ${(idle / 1000).toFixed(1)} s; top self time (% of busy) by function:`,
  );
  console.log(top(self, 25));
  console.log("by package / area:");
  console.log(top(byArea, 15));
}

const PROFILE_ONLY = flag("summarise-profile", "");
if (PROFILE_ONLY) {
  summariseProfile(PROFILE_ONLY, PROFILE_ONLY);
  process.exit(0);
}

if (process.argv.includes("--serve-only")) {
  // Starts the server as a run would and keeps it up (for --base runs and manual probes) until Ctrl-C.
  const server = DBS[0] === "postgres" ? await postgresServer() : await embeddedServer();
  console.log(`serving ${server.base} (pid ${server.pid}); Ctrl-C stops it`);
  await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
  await server.stop();
  process.exit(0);
}

const started = performance.now();
const summary: Record<string, unknown> = {};
if (BASE)
  summary.external = await benchOne(BASE, { base: BASE.replace(/\/$/, ""), pid: 0, stop: async () => {} }, false);
for (const db of BASE ? [] : DBS) {
  console.log(
    `\nstarting the production server on ${db === "postgres" ? "a temporary PostgreSQL" : "embedded PGlite"}…`,
  );
  const server = db === "postgres" ? await postgresServer() : await embeddedServer();
  try {
    summary[db] =
      db === "postgres"
        ? await benchOne("PostgreSQL", server, true)
        : await benchOne("embedded PGlite", server, false, MIXED_RATE && Math.min(MIXED_RATE, EMBEDDED_MIXED_RATE));
  } finally {
    await server.stop();
  }
}
// A push that never arrived, or a socket that could not connect, fails the run (the test command's slice).
const lost = Object.values(summary).some((v) => {
  const sk = (v as { sockets?: { missing: number; connectErrors: number; sendErrors: number } | null }).sockets;
  return !!sk && sk.missing + sk.connectErrors + sk.sendErrors > 0;
});
if (lost) process.exitCode = 1;
console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(
  JSON.stringify({
    bench: "load",
    durationS: DURATION,
    connections: CONNECTIONS,
    signedInConnections: SIGNED_IN_CONNECTIONS,
    mixedDurationS: MIXED_DURATION,
    ...Object.fromEntries(
      Object.entries(summary).map(([db, s]) => {
        const r = s as Awaited<ReturnType<typeof benchOne>>;
        return [
          db,
          {
            ceilingRps: r.ceilingRps,
            rssStartMb: r.rssStartMb,
            rssEndMb: r.rssEndMb,
            rssPeakMb: r.rssPeakMb,
            rssLateGrowthMb: r.rssLateGrowthMb,
            sockets: r.sockets,
            perRequest: r.perRequest,
            urls: Object.fromEntries(
              r.rows.map((row) => [
                row.name,
                {
                  rps: row.rps,
                  p50: row.p50,
                  p975: row.p975,
                  p99: row.p99,
                  pct: row.pctOfCeiling,
                  errors: row.errors,
                  meets: row.meets,
                },
              ]),
            ),
          },
        ];
      }),
    ),
  }),
);
