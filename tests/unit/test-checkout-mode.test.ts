// The test checkout (ADR 007) can only be on while the provider is the local stripe-mock that
// `npm start` runs; its webhook secret is random per data directory and survives a restart.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STRIPE_MOCK_KEY, usesLocalTestCheckout } from "../../app/domain/payments/stripe-mock.ts";
import { persistedStripeWebhookSecret } from "../../server/services/processes.ts";

describe("the local test checkout", () => {
  it("is on only with the stripe-mock key and a plain-HTTP loopback API base", () => {
    const on = (STRIPE_SECRET_KEY: string | undefined, STRIPE_API_BASE: string | undefined) =>
      usesLocalTestCheckout({ STRIPE_SECRET_KEY, STRIPE_API_BASE });
    expect(on(STRIPE_MOCK_KEY, "http://127.0.0.1:12111")).toBe(true);
    expect(on(STRIPE_MOCK_KEY, "http://localhost:12111")).toBe(true);
    expect(on(STRIPE_MOCK_KEY, "http://[::1]:12111")).toBe(true);
    // Any other key — a real test or live key included — and it is off, wherever the API is.
    expect(on("sk_test_51Habc".padEnd(107, "x"), "http://127.0.0.1:12111")).toBe(false);
    expect(on("sk_live_51Habc".padEnd(107, "x"), "http://127.0.0.1:12111")).toBe(false);
    expect(on(undefined, "http://127.0.0.1:12111")).toBe(false);
    // The mock key against anything but loopback over plain HTTP: off.
    expect(on(STRIPE_MOCK_KEY, undefined)).toBe(false);
    expect(on(STRIPE_MOCK_KEY, "https://api.stripe.com")).toBe(false);
    expect(on(STRIPE_MOCK_KEY, "http://127.0.0.1.nip.io:12111")).toBe(false);
    expect(on(STRIPE_MOCK_KEY, "http://10.0.0.5:12111")).toBe(false);
    expect(on(STRIPE_MOCK_KEY, "https://127.0.0.1:12112")).toBe(false);
  });

  it("signs with a random webhook secret kept per data directory (mode 600)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cf-whsec-"));
    const first = persistedStripeWebhookSecret(dir);
    expect(first).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const file = path.join(dir, "stripe-webhook-secret.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(persistedStripeWebhookSecret(dir)).toBe(first);
    expect(persistedStripeWebhookSecret(mkdtempSync(path.join(tmpdir(), "cf-whsec-")))).not.toBe(first);
    writeFileSync(file, '{"secret":"whsec_short"}');
    const replaced = persistedStripeWebhookSecret(dir);
    expect(replaced).not.toBe("whsec_short");
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ secret: replaced });
  });
});
