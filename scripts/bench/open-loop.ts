// Open-loop load at a constant arrival rate, for "sustains N req/s with p99 ≤ X" (issue 16's mixed
// profile), driven by vegeta (a maintained Go load generator, installed by scripts/setup).
// Why not autocannon's overallRate (docs/decisions/040-open-loop-mixed-profile.md): it lets each
// connection send its share of a second back to back when the second starts, so 400 req/s arrive as
// one burst per second; and its coordinated-omission correction takes 1/rate (seconds) as the
// interval in milliseconds, so every response of L ms adds L made-up samples and the slow ones
// outweigh the rest. vegeta sends each request at its scheduled time whether or not earlier ones have
// answered, and times it from then to the end of its body.
import { spawn } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { TOOLS_BIN } from "../../server/services/processes.ts";

const VEGETA = path.join(TOOLS_BIN, "vegeta");

export interface Target {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * One kind of request offered at its own steady rate: HTTP targets in turn (sent by vegeta), or a
 * call the bench makes itself (e.g. a socket.io message; resolves true when answered well).
 */
export type Stream =
  | { kind: string; rate: number; targets: Target[] }
  | { kind: string; rate: number; call: (n: number) => Promise<boolean> };

export interface LatencyStats {
  count: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
}

export interface OpenLoopResult {
  /** Answered requests (any status) per second, from the first send to the last answer. */
  rps: number;
  /** Non-2xx answers, timeouts and connection errors. */
  errors: number;
  /** Milliseconds, over every request, and per stream. */
  all: LatencyStats;
  byKind: Record<string, LatencyStats & { errors: number }>;
}

/** The exact percentile of sorted values (nearest rank); 0 for none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function latencyStats(ms: number[]): LatencyStats {
  const s = Float64Array.from(ms).sort();
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    count: s.length,
    p50: r(percentile(s, 50)),
    p975: r(percentile(s, 97.5)),
    p99: r(percentile(s, 99)),
    max: r(s.length ? s[s.length - 1] : 0),
  };
}

function run(cmd: string, args: string[], input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [input === undefined ? "ignore" : "pipe", "ignore", "pipe"] });
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} exited ${code}: ${err.trim()}`)),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

interface Sample {
  start: number;
  ms: number;
  failed: boolean;
}

/** One vegeta attack: `stream` at its rate for `durationS` over at most `connections` connections. */
async function attack(
  base: string,
  stream: Extract<Stream, { targets: Target[] }>,
  dir: string,
  durationS: number,
  connections: number,
) {
  const out = path.join(dir, `${stream.kind}.bin`);
  const lines = stream.targets.map((t) =>
    JSON.stringify({
      method: t.method,
      url: base + t.path,
      header: Object.fromEntries(Object.entries(t.headers ?? {}).map(([k, v]) => [k, [v]])),
      ...(t.body !== undefined ? { body: Buffer.from(t.body).toString("base64") } : {}),
    }),
  );
  await run(
    VEGETA,
    [
      "attack",
      "-format=json",
      `-rate=${Math.round(stream.rate * 100)}/100s`, // vegeta takes whole numbers: 37.5/s is 3750/100s
      ...(stream.rate > 0 ? [] : [`-max-workers=${connections}`]), // rate 0: a closed loop, as fast as it goes
      `-duration=${durationS}s`,
      `-max-connections=${connections}`,
      "-timeout=10s",
      "-max-body=0", // bodies are read to the end (and timed) but not kept
      `-output=${out}`,
    ],
    lines.join("\n") + "\n",
  );
  const json = path.join(dir, `${stream.kind}.jsonl`);
  await run(VEGETA, ["encode", "-to=json", `-output=${json}`, out]);
  const samples: Sample[] = [];
  for await (const line of createInterface({ input: createReadStream(json) })) {
    if (!line) continue;
    const r = JSON.parse(line) as { code: number; timestamp: string; latency: number; error: string };
    samples.push({
      start: Date.parse(r.timestamp),
      ms: r.latency / 1e6,
      failed: !!r.error || r.code < 200 || r.code >= 300,
    });
  }
  return samples;
}

/**
 * Makes `call(n)` at n / rate seconds for `durationS` seconds, whether or not earlier calls have
 * answered, and times each from when it was due (so a stalled process counts in full).
 */
async function steady(stream: Extract<Stream, { call: unknown }>, durationS: number): Promise<Sample[]> {
  const t0 = performance.now();
  const wall0 = Date.now();
  const total = Math.floor(stream.rate * durationS);
  const pending: Promise<Sample>[] = [];
  for (let n = 0; n < total; n++) {
    const due = (n * 1000) / stream.rate;
    const wait = due - (performance.now() - t0);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      stream.call(n).then(
        (ok) => ({ start: wall0 + due, ms: performance.now() - t0 - due, failed: !ok }),
        () => ({ start: wall0 + due, ms: performance.now() - t0 - due, failed: true }),
      ),
    );
  }
  return Promise.all(pending);
}

/**
 * Offers every stream at its own steady rate at once, for `durationS` seconds, sharing out
 * `connections` by rate; reports latency over all requests and per stream.
 */
export async function openLoop(
  base: string,
  streams: Stream[],
  opts: { durationS: number; connections: number },
): Promise<OpenLoopResult> {
  if (!existsSync(VEGETA)) throw new Error(`${VEGETA} is missing: run scripts/setup`);
  const dir = mkdtempSync(path.join(tmpdir(), "cf-open-loop-"));
  try {
    const total = streams.reduce((a, s) => a + s.rate, 0);
    const share = (s: Stream) => (total ? s.rate / total : 1 / streams.length);
    const runs = await Promise.all(
      streams.map((s) =>
        "call" in s
          ? steady(s, opts.durationS)
          : attack(base, s, dir, opts.durationS, Math.max(2, Math.round(opts.connections * share(s)))),
      ),
    );
    const samples = runs.flat();
    let first = Infinity;
    let last = -Infinity;
    for (const x of samples) {
      first = Math.min(first, x.start);
      last = Math.max(last, x.start + x.ms);
    }
    const seconds = Math.max(0.001, (last - first) / 1000);
    const statsOf = (xs: Sample[]) => ({
      ...latencyStats(xs.map((x) => x.ms)),
      errors: xs.filter((x) => x.failed).length,
    });
    const all = statsOf(samples);
    return {
      rps: Math.round(samples.length / seconds),
      errors: all.errors,
      all,
      byKind: Object.fromEntries(streams.map((s, i) => [s.kind, statsOf(runs[i])])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
