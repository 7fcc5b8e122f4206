// Starts the real LiveKit server and stripe-mock binaries installed by scripts/setup into
// .tools/bin. Used by `npm start` (embedded defaults) and by the test harness.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { childProcessEnv } from "../../app/config.server.ts";
import { freePort, waitForPort } from "../lib/ports.ts";

export const TOOLS_BIN = path.resolve(import.meta.dirname, "../../.tools/bin");
export type ToolName = "livekit-server" | "stripe-mock" | "versitygw" | "mailpit";
export const toolPath = (name: ToolName) => path.join(TOOLS_BIN, name);
export const hasTool = (name: ToolName) => existsSync(toolPath(name));

export interface RunningService {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A service that can be stopped and started again on the same port and data (fault tests). */
export interface RestartableService extends RunningService {
  /** Stops the process (SIGTERM), keeping its port and data for `resume`. */
  halt(): Promise<void>;
  /** Starts it again as it was; resolves once it listens. */
  resume(): Promise<void>;
}

/** `process` follows the latest start; `stop` and `halt` end whichever process runs now. */
function restartable(url: string, first: ChildProcess, start: () => Promise<ChildProcess>): RestartableService {
  let child = first;
  return {
    url,
    get process() {
      return child;
    },
    stop: () => stopper(child)(),
    halt: () => stopper(child)(),
    async resume() {
      if (child.exitCode === null && child.signalCode === null) return;
      child = await start();
    },
  };
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

async function launch(
  cmd: string,
  args: string[],
  port: number,
  label: string,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  // PORT is dropped: stripe-mock would also listen on the app's PORT from the environment.
  const child = spawn(cmd, args, {
    stdio: ["ignore", "ignore", "pipe"],
    env: childProcessEnv({ PORT: undefined, ...env }),
  });
  // Whatever happens to this process (crash, forgotten stop, test runner exit), the child goes too.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4_000);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`${label} exited early (code ${code}): ${stderr}`))),
  );
  await Promise.race([waitForPort(port, "127.0.0.1", 30_000), exited]);
  return child;
}

export interface LiveKitKeys {
  apiKey: string;
  apiSecret: string;
}

/** A fresh API key pair. livekit-server's own dev pair (devkey / secret) is public: never used here. */
export function newLiveKitKeys(): LiveKitKeys {
  return { apiKey: `API${randomBytes(6).toString("hex")}`, apiSecret: randomBytes(24).toString("base64url") };
}

/**
 * livekit-server in dev mode on loopback; advertises 127.0.0.1 so local browsers can reach it.
 * Its API keys (which also sign its webhooks) are the given pair, or a fresh random one.
 */
export async function startLiveKit(
  opts: { port?: number; webhookUrl?: string; keys?: LiveKitKeys } = {},
): Promise<RestartableService & { apiKey: string; apiSecret: string; httpUrl: string }> {
  const { apiKey, apiSecret } = opts.keys ?? newLiveKitKeys();
  const port = opts.port ?? (await freePort());
  const rtcTcp = await freePort();
  const udp = await freePort();
  const config = [`port: ${port}`, "rtc:", `  tcp_port: ${rtcTcp}`, `  udp_port: ${udp}`, "  use_external_ip: false"];
  // Webhooks are signed with the API key/secret pair named here.
  if (opts.webhookUrl) config.push("webhook:", `  api_key: ${apiKey}`, "  urls:", `    - ${opts.webhookUrl}`);
  const start = () =>
    launch(
      toolPath("livekit-server"),
      [
        "--dev",
        "--bind",
        "127.0.0.1",
        "--node-ip",
        "127.0.0.1",
        "--keys",
        `${apiKey}: ${apiSecret}`,
        "--config-body",
        config.join("\n"),
      ],
      port,
      "livekit-server",
    );
  const service = restartable(`ws://127.0.0.1:${port}`, await start(), start);
  return Object.assign(service, { httpUrl: `http://127.0.0.1:${port}`, apiKey, apiSecret });
}

// The key the app uses with the local stripe-mock (it also turns on the test checkout, ADR 007).
export { STRIPE_MOCK_KEY } from "../../app/domain/payments/stripe-mock.ts";

/** stripe-mock (Stripe's official API mock) over plain HTTP on loopback. */
export async function startStripeMock(opts: { port?: number } = {}): Promise<RunningService> {
  const port = opts.port ?? (await freePort());
  // Both listeners get free ports: stripe-mock otherwise also binds HTTPS on the fixed :12112.
  const httpsPort = await freePort();
  const child = await launch(
    toolPath("stripe-mock"),
    ["-http-addr", `127.0.0.1:${port}`, "-https-addr", `127.0.0.1:${httpsPort}`],
    port,
    "stripe-mock",
  );
  return { url: `http://127.0.0.1:${port}`, process: child, stop: stopper(child) };
}

/**
 * Versity's S3 gateway (a real S3 server over a plain directory) on loopback, with its root
 * credentials; the bucket is created by the caller (S3MediaStorage.ensureBucket). Tests and
 * `npm run cluster` use it; scripts/setup installs it.
 */
export async function startVersityGw(opts: {
  dir: string;
  port?: number;
  accessKey?: string;
  secretKey?: string;
}): Promise<RestartableService & { accessKey: string; secretKey: string }> {
  const port = opts.port ?? (await freePort());
  const accessKey = opts.accessKey ?? `AK${randomBytes(8).toString("hex")}`;
  const secretKey = opts.secretKey ?? randomBytes(24).toString("base64url");
  mkdirSync(opts.dir, { recursive: true });
  const start = () =>
    launch(toolPath("versitygw"), ["--port", `127.0.0.1:${port}`, "posix", opts.dir], port, "versitygw", {
      ROOT_ACCESS_KEY: accessKey,
      ROOT_SECRET_KEY: secretKey,
    });
  const service = restartable(`http://127.0.0.1:${port}`, await start(), start);
  return Object.assign(service, { accessKey, secretKey });
}

/**
 * Mailpit, a real SMTP server whose HTTP API shows what arrived (tests, ADR 026): both listeners on
 * free loopback ports, messages in memory only.
 */
export async function startMailpit(): Promise<RunningService & { smtpUrl: string; apiUrl: string }> {
  const smtp = await freePort();
  const http = await freePort();
  const child = await launch(
    toolPath("mailpit"),
    ["--smtp", `127.0.0.1:${smtp}`, "--listen", `127.0.0.1:${http}`, "--smtp-auth-allow-insecure", "--quiet"],
    http,
    "mailpit",
  );
  await waitForPort(smtp, "127.0.0.1", 30_000);
  return {
    url: `http://127.0.0.1:${http}`,
    apiUrl: `http://127.0.0.1:${http}`,
    smtpUrl: `smtp://127.0.0.1:${smtp}`,
    process: child,
    stop: stopper(child),
  };
}

/**
 * The local LiveKit's key pair for one data directory: generated on first use and kept in
 * `<dataDir>/livekit-keys.json` (mode 600), so rooms and tokens survive a restart and no public
 * default secret ever signs a webhook.
 */
export function persistedLiveKitKeys(dataDir: string): LiveKitKeys {
  const file = path.join(dataDir, "livekit-keys.json");
  try {
    const saved = JSON.parse(readFileSync(file, "utf8")) as Partial<LiveKitKeys>;
    if (typeof saved.apiKey === "string" && typeof saved.apiSecret === "string" && saved.apiSecret.length >= 32)
      return { apiKey: saved.apiKey, apiSecret: saved.apiSecret };
  } catch {
    // missing or unreadable: make a new pair below
  }
  const keys = newLiveKitKeys();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

/**
 * The secret that signs the test checkout's webhook deliveries to the local stripe-mock setup, for
 * one data directory: generated on first use and kept in `<dataDir>/stripe-webhook-secret.json`
 * (mode 600), like the LiveKit keys, so no well-known secret ever verifies a payment.
 */
export function persistedStripeWebhookSecret(dataDir: string): string {
  const file = path.join(dataDir, "stripe-webhook-secret.json");
  try {
    const saved = JSON.parse(readFileSync(file, "utf8")) as { secret?: unknown };
    if (typeof saved.secret === "string" && /^whsec_[A-Za-z0-9_-]{32,}$/.test(saved.secret)) return saved.secret;
  } catch {
    // missing or unreadable: make a new secret below
  }
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ secret }), { mode: 0o600 });
  return secret;
}
