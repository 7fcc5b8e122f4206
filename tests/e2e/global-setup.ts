import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "../../app/db/client.server.ts";
import { LocalMediaStorage } from "../../media/storage.ts";
import { migrate } from "../../server/db/migrate.ts";
import { seedDemo } from "../../server/seed/demo-fair.ts";
import { ensureDemoRoadshows } from "../../server/seed/demo-roadshows.ts";
import { startLiveKit, startMailpit, startStripeMock } from "../../server/services/processes.ts";
import { startTempPostgres } from "../harness/postgres.ts";

export default async function globalSetup() {
  return startE2eStack(Number(process.env.E2E_PORT));
}

/** The stack the e2e tests and bench:video run against, with the app on `port`; returns its teardown. */
export async function startE2eStack(port: number) {
  const cluster = await startTempPostgres();
  const url = await cluster.createDatabase("cloudfair_e2e");
  await migrate(url);
  const mediaDir = mkdtempSync(path.join(tmpdir(), "cf-e2e-media-"));
  const db = createDb(url);
  await seedDemo(db, new LocalMediaStorage(mediaDir));
  await ensureDemoRoadshows(db); // the roadshow live now (SEED_DEMO=0 below: the server does not add it)
  await db.$disconnect();

  const stripeMock = await startStripeMock();
  // The real LiveKit server, posting its webhooks to the app under test (attendance).
  const livekit = await startLiveKit({ webhookUrl: `http://127.0.0.1:${port}/webhooks/livekit` });
  // A real SMTP server the app's mail worker delivers to (ADR 026); tests read what arrived through
  // its HTTP API (E2E_MAILPIT_API), as the recipient would their inbox.
  const mailpit = await startMailpit();
  process.env.E2E_MAILPIT_API = mailpit.apiUrl;
  // Tests read these (workers inherit the environment): the DB to look up Checkout sessions, the
  // webhook secret to sign simulated deliveries.
  process.env.E2E_DATABASE_URL = url;
  process.env.E2E_WEBHOOK_SECRET = "whsec_e2e_cloudfair";
  const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: `http://127.0.0.1:${port}`, // required in production with DATABASE_URL (ADR 020)
      MEDIA_DIR: mediaDir,
      DEV_SERVICES: "0",
      SEED_DEMO: "0",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      STRIPE_API_BASE: stripeMock.url,
      STRIPE_SECRET_KEY: "sk_test_e2e",
      STRIPE_WEBHOOK_SECRET: process.env.E2E_WEBHOOK_SECRET,
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
      VIDEO_JOB_MS: "1000",
      SMTP_URL: mailpit.smtpUrl,
      MAIL_JOB_MS: "500",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`app server exited with ${server.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error("app server did not become healthy in 60 s");
    await new Promise((r) => setTimeout(r, 200));
  }

  return async () => {
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
    });
    await stripeMock.stop();
    await livekit.stop();
    await mailpit.stop();
    await cluster.stop();
    rmSync(mediaDir, { recursive: true, force: true });
  };
}
