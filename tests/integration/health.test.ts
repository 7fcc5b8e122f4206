// /healthz tells the truth about credentials: a reachable stripe-mock or LiveKit that refuses the
// configured key is "down", not "ok" (the default start once reported payments ok on HTTP 401).
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../app/config.server.ts";
import { config } from "../../app/config.server.ts";
import { healthHandler } from "../../server/health.ts";
import { newLiveKitKeys, startLiveKit, startStripeMock, STRIPE_MOCK_KEY } from "../../server/services/processes.ts";
import { useTestDatabase } from "../harness/db.ts";

type Running = Awaited<ReturnType<typeof startLiveKit>>;
let lk: Running;
let mock: Awaited<ReturnType<typeof startStripeMock>>;

beforeAll(async () => {
  await useTestDatabase();
  [lk, mock] = await Promise.all([startLiveKit(), startStripeMock()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([lk?.stop(), mock?.stop()]);
});

async function health(overrides: Partial<Config>) {
  const app = express();
  app.get(
    "/healthz",
    healthHandler(
      () => ({ ...config(), ...overrides, embeddedDb: false }),
      async () => ({ engine: "embedded", healthy: true, pending: 0 }),
    ),
  );
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
    return (await res.json()) as Record<string, { status: string; detail?: string }>;
  } finally {
    server.close();
  }
}

describe("/healthz", () => {
  it("reports video and payments ok with the keys the services accept", async () => {
    const body = await health({
      LIVEKIT_URL: lk.url,
      LIVEKIT_API_KEY: lk.apiKey,
      LIVEKIT_API_SECRET: lk.apiSecret,
      STRIPE_API_BASE: mock.url,
      STRIPE_SECRET_KEY: STRIPE_MOCK_KEY,
    });
    expect(body.database.status).toBe("ok");
    expect(body.video.status).toBe("ok");
    expect(body.payments.status).toBe("ok");
  });

  it("reports them down when the services refuse the configured keys", async () => {
    const wrong = newLiveKitKeys();
    const body = await health({
      LIVEKIT_URL: lk.url,
      LIVEKIT_API_KEY: wrong.apiKey,
      LIVEKIT_API_SECRET: wrong.apiSecret,
      STRIPE_API_BASE: mock.url,
      STRIPE_SECRET_KEY: "sk_test_stripe_mock",
    });
    expect(body.video.status).toBe("down");
    expect(body.payments).toMatchObject({ status: "down", detail: "credentials refused (HTTP 401)" });
  });
});
