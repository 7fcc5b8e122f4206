// bench:video — time from clicking "join" to the first remote video frame on loopback, through
// the CloudFair room page (real app, real LiveKit, real Chromium with a fake camera), against a
// baseline measured in the same run: livekit-client alone on a bare page (connect → first frame).
//   npm run bench:video [-- --joins 10]
// Peer A stays in the room publishing; peer B joins N times (reloading between joins) and the
// page itself records performance.now() at the click and at the first presented remote frame
// (requestVideoFrameCallback). Last line: a one-line JSON summary.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { AccessToken } from "livekit-server-sdk";
import { freePort } from "../server/lib/ports.ts";
import { startLiveKit } from "../server/services/processes.ts";
import { createMeetingNow, loginOk } from "../tests/e2e/helpers.ts";
import { joinBare, launchVideoChromium, leaveBare, startLiveKitPageServer } from "../tests/harness/livekit-page.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const JOINS = arg("joins", 10);
const ROOT = path.resolve(import.meta.dirname, "..");
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const stats = (xs: number[]) => ({
  n: xs.length,
  p50: pct(xs, 50),
  p95: pct(xs, 95),
  min: Math.min(...xs),
  max: Math.max(...xs),
});

if (!existsSync(path.join(ROOT, "build/server/index.js"))) {
  console.error("building the app first (npm run build)…");
  execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" });
}

// The same stack the e2e tests use: temporary Postgres with the demo fair, real LiveKit, the built app.
const port = await freePort();
const { startE2eStack } = await import("../tests/e2e/global-setup.ts");
const teardown = await startE2eStack(port);
const base = `http://127.0.0.1:${port}`;
const browser = await launchVideoChromium();

async function baseline(): Promise<number[]> {
  const lk = await startLiveKit();
  const pages = await startLiveKitPageServer();
  const token = async (identity: string) => {
    const t = new AccessToken(lk.apiKey, lk.apiSecret, { identity, ttl: 600 });
    t.addGrant({ room: "bench", roomJoin: true, canPublish: true, canSubscribe: true });
    return t.toJwt();
  };
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  try {
    await joinBare(await ctxA.newPage(), pages.url, lk.url, await token("a"));
    const b = await ctxB.newPage();
    const out: number[] = [];
    for (let i = 0; i < JOINS; i++) {
      await joinBare(b, pages.url, lk.url, await token(`b${i}`));
      out.push(
        await b
          .waitForFunction(() => (window as unknown as { __firstRemoteFrameMs?: number }).__firstRemoteFrameMs, null, {
            timeout: 30_000,
          })
          .then((h) => h.jsonValue() as Promise<number>),
      );
      await leaveBare(b);
    }
    return out;
  } finally {
    await ctxA.close();
    await ctxB.close();
    await pages.stop();
    await lk.stop();
  }
}

async function cloudfair(): Promise<number[]> {
  const meeting = await createMeetingNow(
    "investor22@demo.cloudfair.cn",
    "exhibitor31@demo.cloudfair.cn",
    -60_000,
    60 * 60_000,
  );
  const ctxA = await browser.newContext({ baseURL: base, locale: "zh-CN" });
  const ctxB = await browser.newContext({ baseURL: base, locale: "zh-CN" });
  try {
    const a = await ctxA.newPage();
    await loginOk(a, "investor22@demo.cloudfair.cn");
    await a.goto(`/meetings/${meeting.id}/room`);
    await a.getByTestId("join-button").click();
    await a.getByTestId("leave-button").waitFor({ timeout: 30_000 });
    const b = await ctxB.newPage();
    await loginOk(b, "exhibitor31@demo.cloudfair.cn");
    const out: number[] = [];
    for (let i = 0; i < JOINS; i++) {
      await b.goto(`/meetings/${meeting.id}/room`);
      await b.getByTestId("join-button").click();
      const room = b.getByTestId("video-room");
      await room.and(b.locator("[data-first-frame-ms]")).waitFor({ timeout: 30_000 });
      out.push(Number(await room.getAttribute("data-first-frame-ms")));
      await b.getByTestId("leave-button").click();
    }
    return out;
  } finally {
    await ctxA.close();
    await ctxB.close();
  }
}

const started = performance.now();
try {
  const sdk = stats(await baseline());
  const app = stats(await cloudfair());
  const row = (name: string, s: ReturnType<typeof stats>) =>
    `| ${name.padEnd(44)} | ${String(s.n).padStart(2)} | ${String(s.p50).padStart(6)} | ${String(s.p95).padStart(6)} | ${String(s.min).padStart(6)} | ${String(s.max).padStart(6)} |`;
  console.log(`\nclick join → first remote video frame, ms (loopback, ${JOINS} joins each, peer already publishing)\n`);
  console.log("| path                                         |  n |    p50 |    p95 |    min |    max |");
  console.log("|----------------------------------------------|----|--------|--------|--------|--------|");
  console.log(row("baseline: livekit-client alone, bare page", sdk));
  console.log(row("CloudFair room page (token fetch + UI)", app));
  console.log(
    `\noverhead of the room page at p50: ${app.p50 - sdk.p50} ms; wall time ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    JSON.stringify({
      bench: "video",
      joins: JOINS,
      baselineMs: sdk,
      cloudfairMs: app,
      overheadP50Ms: app.p50 - sdk.p50,
    }),
  );
} finally {
  await browser.close();
  await teardown();
}
