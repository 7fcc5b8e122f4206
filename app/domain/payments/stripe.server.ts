// The Stripe client. STRIPE_API_BASE points it at stripe-mock (tests, local runs).
import Stripe from "stripe";
import { config } from "~/config.server";
import { DomainError } from "~/lib/errors";

let client: { key: string; base: string | undefined; stripe: Stripe } | null = null;

export function stripeConfigured(): boolean {
  return !!config().STRIPE_SECRET_KEY;
}

export function stripe(): Stripe {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_BASE: apiBase } = config();
  if (!key) throw new DomainError("pay.notConfigured", 503);
  // A new client when the configuration changed (the server sets a local stripe-mock at start).
  if (!client || client.key !== key || client.base !== apiBase) {
    const base = apiBase ? new URL(apiBase) : null;
    client = {
      key,
      base: apiBase,
      stripe: new Stripe(key, {
        maxNetworkRetries: 2,
        timeout: 15_000,
        ...(base
          ? {
              host: base.hostname,
              port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
              protocol: base.protocol.replace(":", "") as "http" | "https",
            }
          : {}),
      }),
    };
  }
  return client.stripe;
}

/** For tests that switch STRIPE_* between suites. */
export function resetStripeClient(): void {
  client = null;
}
