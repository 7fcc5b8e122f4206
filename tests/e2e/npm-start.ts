// An app server started the way `npm start` starts it on a fresh machine: no DATABASE_URL (embedded
// PGlite in a fresh data directory, demo fair seeded), no Stripe or LiveKit variables, so it starts
// the local stripe-mock and livekit-server itself with keys and a webhook secret it generates and
// keeps in its data directory. The shared e2e server (global-setup.ts) is configured like a
// deployment instead, with a Stripe key of its own, and sends payers to checkout.stripe.com.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../server/lib/ports.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Variables `npm start` would not have: they would make it skip its embedded defaults. */
const DEPLOYMENT_VARIABLES = [
  "DATABASE_URL",
  "APP_URL",
  "MEDIA_DIR",
  "SEED_DEMO",
  "STRIPE_SECRET_KEY",
  "STRIPE_WEBHOOK_SECRET",
  "STRIPE_API_BASE",
  "LIVEKIT_URL",
  "LIVEKIT_API_KEY",
  "LIVEKIT_API_SECRET",
  "MEILI_URL",
  "MEILI_MASTER_KEY",
  "REDIS_URL",
  "DEV_SERVICES",
];

export async function startLikeNpmStart(): Promise<{ url: string; dataDir: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cf-e2e-npm-start-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of DEPLOYMENT_VARIABLES) delete env[name];
  Object.assign(env, {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    MEDIA_DIR: path.join(dataDir, "media"),
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
  });
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`npm-start-like server exited with ${server.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, dataDir, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error("npm-start-like server did not become healthy in 150 s");
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
