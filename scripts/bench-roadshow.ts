// bench:roadshow — audience scale of one roadshow on this machine (issue 20, ADR 032).
//   npm run bench:roadshow [-- --viewers 200 --duration 20 --rate 5 --quality high|medium|low --fps 30 --layers 3
//                              --min-share 0 --hidden]
// Starts the real livekit-server (loopback, dev mode, fresh keys), creates a room, and has one
// presenter — real Chromium with its fake camera, livekit-client, a 1280×720 track with simulcast —
// publish, while N subscribe-only viewers join at --rate per second. The viewers are real WebRTC
// clients (LiveKit's Go SDK on pion, scripts/roadshow-viewers, built into .tools/bin): each times
// join → first complete key frame without decoding it. Tokens come from livekit-server-sdk;
// viewers' tokens cannot publish. Baseline in the same run: 5 viewers joining one after the other
// into the same room (no audience). Two real Chromium viewers join during the audience and are
// checked for playing video. livekit-server's CPU and RSS are sampled from /proc throughout.
// Last line: a one-line JSON summary with viewers, receivingShare (0–1), joinP95Ms and
// chromiumPlaying (0–2).
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AccessToken, RoomServiceClient } from "livekit-server-sdk";
import { startLiveKit, TOOLS_BIN } from "../server/services/processes.ts";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/harness/chromium.ts";
import { startLiveKitPageServer } from "../tests/harness/livekit-page.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
};
const num = (name: string, fallback: number, min: number, max: number) => {
  const v = Number(arg(name, String(fallback)));
  if (!Number.isFinite(v) || v < min || v > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
  return v;
};
const VIEWERS = Math.round(num("viewers", 200, 1, 5000));
const DURATION_S = num("duration", 20, 1, 3600);
// Arrivals per second: 5/s brings 200 viewers in 40 s; 20/s is a burst this shared box does not carry reliably (ADR 032).
const RATE = num("rate", 5, 0.1, 1000);
const FPS = Math.round(num("fps", 30, 1, 60));
const LAYERS = Math.round(num("layers", 3, 1, 3));
const QUALITY = arg("quality", "high");
if (!["low", "medium", "high"].includes(QUALITY)) throw new Error("--quality must be low, medium or high");
// Exit status 1 when fewer viewers than this share received video (scripts/test's slice uses it).
const MIN_SHARE = num("min-share", 0, 0, 1);
// Viewers with LiveKit's `hidden` grant are not announced to the other participants (no O(N²) updates).
const HIDDEN = process.argv.includes("--hidden");
const BASELINE_VIEWERS = 5;
const ROOM = "roadshow-bench";

const ROOT = path.resolve(import.meta.dirname, "..");
const SRC = path.join(ROOT, "scripts/roadshow-viewers");
const BIN = path.join(TOOLS_BIN, "roadshow-viewers");

/** Builds the Go viewers into .tools/bin once per source version (also done by scripts/setup). */
function ensureViewersBinary(): void {
  const hash = createHash("sha256");
  for (const f of ["go.mod", "go.sum", "main.go"]) hash.update(readFileSync(path.join(SRC, f)));
  const version = hash.digest("hex").slice(0, 16);
  const stamp = path.join(TOOLS_BIN, ".roadshow-viewers.version");
  if (existsSync(BIN) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === version) return;
  console.error("building scripts/roadshow-viewers into .tools/bin (first run only, a few minutes)…");
  mkdirSync(TOOLS_BIN, { recursive: true });
  execFileSync("go", ["build", "-o", BIN, "."], { cwd: SRC, stdio: "inherit" });
  writeFileSync(stamp, `${version}\n`);
}

// ---- /proc sampling -------------------------------------------------------------------------
const CLK_TCK = 100;
const PAGE_KB = 4;
function procTimes(pid: number): { cpuS: number; rssMb: number; fds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cpuS = (Number(f[11]) + Number(f[12])) / CLK_TCK; // utime + stime
    const rssMb = (Number(f[21]) * PAGE_KB) / 1024;
    let fds = 0;
    try {
      fds = readdirSync(`/proc/${pid}/fd`).length;
    } catch {
      // not ours to read
    }
    return { cpuS, rssMb, fds };
  } catch {
    return null;
  }
}
function machineBusy(): { busy: number; total: number } {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + cpu[4];
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
/** Machine-wide UDP counters: datagrams received, and those dropped because a socket's buffer was full. */
function udpCounters(): { inDatagrams: number; rcvbufErrors: number } {
  const lines = readFileSync("/proc/net/snmp", "utf8")
    .split("\n")
    .filter((l) => l.startsWith("Udp:"));
  const names = lines[0].split(/\s+/);
  const values = lines[1].split(/\s+/).map(Number);
  return {
    inDatagrams: values[names.indexOf("InDatagrams")],
    rcvbufErrors: values[names.indexOf("RcvbufErrors")],
  };
}
interface Usage {
  cpuAvgPct: number; // % of one core, over the sampled window
  cpuMaxPct: number; // highest 1-second sample
  rssMaxMb: number;
  fdsMax: number;
}
/** Samples a set of processes once a second until stopped. */
function sampler(pids: () => Record<string, number | undefined>) {
  const series: Record<string, { t: number; cpuS: number; rssMb: number; fds: number }[]> = {};
  const machine: { t: number; busy: number; total: number }[] = [];
  let loadMax = 0;
  const tick = () => {
    const t = performance.now() / 1000;
    for (const [name, pid] of Object.entries(pids())) {
      if (!pid) continue;
      const s = procTimes(pid);
      if (s) (series[name] ??= []).push({ t, ...s });
    }
    machine.push({ t, ...machineBusy() });
    loadMax = Math.max(loadMax, Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]));
  };
  const udp0 = udpCounters();
  tick();
  const timer = setInterval(tick, 1000);
  return {
    stop(): {
      usage: Record<string, Usage>;
      machineBusyPct: number;
      loadMax: number;
      udpIn: number;
      udpDropped: number;
    } {
      clearInterval(timer);
      const udp1 = udpCounters();
      tick();
      const usage: Record<string, Usage> = {};
      for (const [name, s] of Object.entries(series)) {
        if (s.length < 2) continue;
        let cpuMaxPct = 0;
        for (let i = 1; i < s.length; i++)
          cpuMaxPct = Math.max(cpuMaxPct, ((s[i].cpuS - s[i - 1].cpuS) / (s[i].t - s[i - 1].t)) * 100);
        const last = s[s.length - 1];
        usage[name] = {
          cpuAvgPct: Math.round(((last.cpuS - s[0].cpuS) / (last.t - s[0].t)) * 100),
          cpuMaxPct: Math.round(cpuMaxPct),
          rssMaxMb: Math.round(Math.max(...s.map((x) => x.rssMb))),
          fdsMax: Math.max(...s.map((x) => x.fds)),
        };
      }
      const m0 = machine[0];
      const m1 = machine[machine.length - 1];
      return {
        usage,
        machineBusyPct: Math.round(((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)) * 100),
        loadMax,
        udpIn: udp1.inDatagrams - udp0.inDatagrams,
        udpDropped: udp1.rcvbufErrors - udp0.rcvbufErrors,
      };
    },
  };
}

// ---- viewers ----------------------------------------------------------------------------------
interface ViewerResult {
  i: number;
  connectMs: number;
  subscribedMs: number;
  firstRtpMs: number;
  firstFrameMs: number;
  width: number;
  height: number;
  lastWidth: number;
  lastHeight: number;
  keyFrames: number;
  frames: number;
  bytes: number;
  watchedS: number;
  codec: string;
  error?: string;
}
async function runViewers(
  url: string,
  tokens: string[],
  opts: { rate: number; watchS: number; quality: string; onStart?: (pid: number) => void },
): Promise<ViewerResult[]> {
  const child = spawn(
    BIN,
    [
      "--url",
      url,
      "--rate",
      String(opts.rate),
      "--watch",
      `${opts.watchS}s`,
      "--timeout",
      "30s",
      "--quality",
      opts.quality,
    ],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  if (child.pid) opts.onStart?.(child.pid);
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  child.stdin.end(tokens.join("\n") + "\n");
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  process.off("exit", killOnExit);
  const results = out
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as ViewerResult & { event: string })
    .filter((r) => r.event === "viewer");
  if (code !== 0 || results.length !== tokens.length)
    throw new Error(`roadshow-viewers exited with ${code}, ${results.length}/${tokens.length} results: ${err}`);
  return results.sort((a, b) => a.i - b.i);
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
function summarize(rs: ViewerResult[]) {
  const ok = rs.filter((r) => r.firstFrameMs > 0);
  const join = ok.map((r) => r.firstFrameMs);
  const fps = ok.filter((r) => r.watchedS > 0.5).map((r) => r.frames / r.watchedS);
  const kbps = ok.filter((r) => r.watchedS > 0.5).map((r) => (r.bytes * 8) / 1000 / r.watchedS);
  const layers = new Map<string, number>();
  for (const r of ok) layers.set(`${r.width}x${r.height}`, (layers.get(`${r.width}x${r.height}`) ?? 0) + 1);
  const last = new Map<string, number>();
  for (const r of ok) {
    const k = r.lastWidth ? `${r.lastWidth}x${r.lastHeight}` : `${r.width}x${r.height}`;
    last.set(k, (last.get(k) ?? 0) + 1);
  }
  const errors = new Map<string, number>();
  for (const r of rs) if (r.error) errors.set(r.error.slice(0, 80), (errors.get(r.error.slice(0, 80)) ?? 0) + 1);
  return {
    viewers: rs.length,
    receiving: ok.length,
    receivingShare: rs.length ? ok.length / rs.length : 0,
    joinP50Ms: Math.round(pct(join, 50)),
    joinP95Ms: Math.round(pct(join, 95)),
    joinMaxMs: Math.round(Math.max(0, ...join)),
    // where the time goes, p50 / p95 of each phase (from the start of the join)
    phases: (["connectMs", "subscribedMs", "firstRtpMs", "firstFrameMs"] as const)
      .map((k) => {
        const xs = rs.map((r) => r[k]).filter((x) => x > 0);
        return `${k.replace(/Ms$/, "")} ${Math.round(pct(xs, 50))} / ${Math.round(pct(xs, 95))}`;
      })
      .join(", "),
    fpsP50: Math.round(pct(fps, 50) * 10) / 10,
    fpsP5: Math.round(pct(fps, 5) * 10) / 10,
    kbpsP50: Math.round(pct(kbps, 50)),
    firstKeyFrame: [...layers].map(([k, n]) => `${k}×${n}`).join(" "),
    lastKeyFrame: [...last].map(([k, n]) => `${k}×${n}`).join(" "),
    errors: Object.fromEntries(errors),
  };
}

// ---- the run ----------------------------------------------------------------------------------
ensureViewersBinary();
const started = performance.now();
const lk = await startLiveKit();
const pages = await startLiveKitPageServer();
// Chromium's fake camera (a moving test pattern) runs at 20 fps unless told otherwise.
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS.map((a) =>
    a === "--use-fake-device-for-media-stream" ? `--use-fake-device-for-media-stream=fps=${FPS}` : a,
  ),
});
const token = (identity: string, canPublish: boolean) => {
  const t = new AccessToken(lk.apiKey, lk.apiSecret, { identity, ttl: 3600 });
  t.addGrant({
    room: ROOM,
    roomJoin: true,
    canPublish,
    canPublishData: canPublish,
    canSubscribe: true,
    hidden: !canPublish && HIDDEN,
  });
  return t.toJwt();
};
try {
  const rooms = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret);
  await rooms.createRoom({ name: ROOM, emptyTimeout: 300, maxParticipants: VIEWERS + BASELINE_VIEWERS + 10 });

  // The presenter: livekit-client in Chromium publishing the fake camera at 1280×720.
  const presenter = await (await browser.newContext()).newPage();
  await presenter.goto(pages.url);
  const published = await presenter.evaluate(
    async ({ wsUrl, token, fps, layers }) => {
      const LK = (window as unknown as { LivekitClient: typeof import("livekit-client") }).LivekitClient;
      const room = new LK.Room({ dynacast: true });
      (window as unknown as Record<string, unknown>).__room = room;
      await room.connect(wsUrl, token);
      const track = await LK.createLocalVideoTrack({ resolution: { width: 1280, height: 720, frameRate: fps } });
      const simulcastLayers = [LK.VideoPresets.h180, LK.VideoPresets.h360].slice(0, layers - 1);
      await room.localParticipant.publishTrack(track, {
        simulcast: layers > 1,
        videoSimulcastLayers: simulcastLayers,
        videoEncoding: { maxBitrate: 1_700_000, maxFramerate: fps },
        videoCodec: "vp8",
      });
      const s = track.mediaStreamTrack.getSettings();
      return { width: s.width, height: s.height, frameRate: s.frameRate };
    },
    { wsUrl: lk.url, token: await token("presenter", true), fps: FPS, layers: LAYERS },
  );
  console.error(`presenter publishing ${published.width}x${published.height} @ ${published.frameRate} fps`);
  await new Promise((r) => setTimeout(r, 2000)); // let the encoder ramp up

  let viewersPid: number | undefined;
  const pids = () => ({ "livekit-server": lk.process.pid, viewers: viewersPid });

  // Baseline: a few viewers one after the other, nobody else watching.
  const baseTokens = await Promise.all(
    Array.from({ length: BASELINE_VIEWERS }, (_, i) => token(`baseline-${i}`, false)),
  );
  const s1 = sampler(pids);
  const base = await runViewers(lk.url, baseTokens, {
    rate: 0.5,
    watchS: 1,
    quality: QUALITY,
    onStart: (p) => (viewersPid = p),
  });
  const baseUsage = s1.stop();

  // Two real Chromium viewers (livekit-client, subscribe-only) join while the audience arrives and are
  // checked for playing video: the presenter's track attached to a <video> whose frames advance.
  const chromiumViewer = async (i: number): Promise<boolean> => {
    const ctx = await browser.newContext();
    try {
      const page = await ctx.newPage();
      await page.goto(pages.url);
      return await page.evaluate(
        async ({ wsUrl, token }) => {
          const LK = (window as unknown as { LivekitClient: typeof import("livekit-client") }).LivekitClient;
          const room = new LK.Room({ adaptiveStream: false });
          const video = document.createElement("video");
          video.muted = true;
          video.autoplay = true;
          video.playsInline = true;
          document.body.append(video);
          const subscribed = new Promise<void>((resolve) =>
            room.on(LK.RoomEvent.TrackSubscribed, (track) => {
              if (track.kind !== "video") return;
              track.attach(video);
              resolve();
            }),
          );
          await room.connect(wsUrl, token);
          const until = Date.now() + 30_000;
          await Promise.race([subscribed, new Promise((r) => setTimeout(r, 30_000))]);
          let start = -1;
          while (Date.now() < until) {
            if (video.videoWidth > 0 && !video.paused) {
              if (start < 0) start = video.currentTime;
              else if (video.currentTime > start + 1) break;
            }
            await new Promise((r) => setTimeout(r, 250));
          }
          const playing = start >= 0 && video.currentTime > start + 1 && video.videoWidth > 0;
          await room.disconnect();
          return playing;
        },
        { wsUrl: lk.url, token: await token(`chromium-viewer-${i}`, false) },
      );
    } catch (err) {
      console.error(`chromium viewer ${i}: ${String(err)}`);
      return false;
    } finally {
      await ctx.close();
    }
  };

  // The audience: N viewers arriving at RATE per second, each watching DURATION_S seconds.
  const tokens = await Promise.all(Array.from({ length: VIEWERS }, (_, i) => token(`viewer-${i}`, false)));
  const s2 = sampler(pids);
  const chromiumCheck = new Promise((r) => setTimeout(r, 2000)).then(() =>
    Promise.all([0, 1].map(chromiumViewer)).then((ok) => ok.filter(Boolean).length),
  );
  const audience = await runViewers(lk.url, tokens, {
    rate: RATE,
    watchS: DURATION_S,
    quality: QUALITY,
    onStart: (p) => (viewersPid = p),
  });
  const audUsage = s2.stop();
  const chromiumPlaying = await chromiumCheck;

  const b = summarize(base);
  const a = summarize(audience);
  const lkB = baseUsage.usage["livekit-server"];
  const lkA = audUsage.usage["livekit-server"];
  const vA = audUsage.usage.viewers;
  const row = (cells: (string | number)[]) => `| ${cells.map(String).join(" | ")} |`;
  console.log(
    `\nroadshow audience on this machine (${(await import("node:os")).cpus().length} cores, shared): ` +
      `presenter ${published.width}x${published.height} @ ${published.frameRate} fps, ${LAYERS} simulcast layer(s), viewers ask for '${QUALITY}'${HIDDEN ? ", viewers hidden" : ""}\n`,
  );
  console.log(
    row([
      "run",
      "viewers",
      "receiving video",
      "join→first frame p50 ms",
      "p95 ms",
      "max ms",
      "first key frame (w×h × viewers)",
      "last key frame",
      "recv fps p50 / p5",
      "recv kbit/s p50",
      "livekit-server CPU avg / max (% of a core)",
      "RSS max MB",
      "fds max",
      "machine busy / load avg max",
    ]),
  );
  console.log(row(Array(14).fill("---")));
  const line = (
    name: string,
    s: ReturnType<typeof summarize>,
    u: Usage | undefined,
    m: { machineBusyPct: number; loadMax: number },
  ) =>
    console.log(
      row([
        name,
        s.viewers,
        `${s.receiving} (${(s.receivingShare * 100).toFixed(1)} %)`,
        s.joinP50Ms,
        s.joinP95Ms,
        s.joinMaxMs,
        s.firstKeyFrame || "–",
        s.lastKeyFrame || "–",
        `${s.fpsP50} / ${s.fpsP5}`,
        s.kbpsP50,
        u ? `${u.cpuAvgPct} / ${u.cpuMaxPct}` : "–",
        u?.rssMaxMb ?? "–",
        u?.fdsMax ?? "–",
        `${m.machineBusyPct} % / ${m.loadMax}`,
      ]),
    );
  line(`baseline: ${BASELINE_VIEWERS} viewers one at a time`, b, lkB, baseUsage);
  line(`audience: ${VIEWERS} viewers at ${RATE}/s`, a, lkA, audUsage);
  if (vA)
    console.log(
      `\nthe viewers' own process (Go, pion): CPU avg ${vA.cpuAvgPct} % / max ${vA.cpuMaxPct} % of a core, RSS ${vA.rssMaxMb} MB, ${vA.fdsMax} fds`,
    );
  console.log(
    `UDP datagrams dropped on full socket buffers (machine-wide): baseline ${baseUsage.udpDropped} of ${baseUsage.udpIn}, ` +
      `audience ${audUsage.udpDropped} of ${audUsage.udpIn} (${((audUsage.udpDropped / Math.max(1, audUsage.udpIn)) * 100).toFixed(2)} %)`,
  );
  console.log(`real Chromium viewers playing the presenter's video during the audience: ${chromiumPlaying} of 2`);
  console.log(`phases, ms p50 / p95 — baseline: ${b.phases}; audience: ${a.phases}`);
  if (Object.keys(a.errors).length) console.log(`failures: ${JSON.stringify(a.errors)}`);
  console.log(
    `join p95 vs baseline: +${a.joinP95Ms - b.joinP95Ms} ms; wall time ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    JSON.stringify({
      bench: "roadshow",
      viewers: VIEWERS,
      receivingShare: Math.round(a.receivingShare * 1000) / 1000,
      chromiumPlaying,
      joinP50Ms: a.joinP50Ms,
      joinP95Ms: a.joinP95Ms,
      baselineJoinP50Ms: b.joinP50Ms,
      baselineJoinP95Ms: b.joinP95Ms,
      recvFpsP50: a.fpsP50,
      serverCpuAvgPct: lkA?.cpuAvgPct,
      serverCpuMaxPct: lkA?.cpuMaxPct,
      serverRssMaxMb: lkA?.rssMaxMb,
      machineBusyPct: audUsage.machineBusyPct,
      loadAvgMax: audUsage.loadMax,
      udpDropped: audUsage.udpDropped,
      quality: QUALITY,
      fps: FPS,
      layers: LAYERS,
      rate: RATE,
      durationS: DURATION_S,
      hidden: HIDDEN,
      failures: a.errors,
    }),
  );
  if (a.receivingShare < MIN_SHARE) {
    console.error(
      `only ${(a.receivingShare * 100).toFixed(1)} % of the viewers received video (--min-share ${MIN_SHARE})`,
    );
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await pages.stop();
  await lk.stop();
}
