// The Stripe client. STRIPE_API_BASE points it at stripe-mock (tests, local runs).
import Stripe from "stripe";
import { config } from "~/config.server";
import type { MessageKey } from "~/i18n";
import { DomainError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";

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

/**
 * What the payment provider's refusal means for the person who clicked: credentials refused (401/403),
 * provider unreachable (network, timeout), or any other Stripe error. Anything that is not a Stripe
 * error is returned as it is (a bug: it stays a 500).
 */
export function providerError(err: unknown, action: string): unknown {
  if (!(err instanceof Stripe.errors.StripeError)) return err;
  const key: MessageKey =
    err.type === "StripeAuthenticationError" || err.type === "StripePermissionError"
      ? "pay.providerRefused"
      : err.type === "StripeConnectionError"
        ? "pay.providerUnreachable"
        : "pay.failed";
  logger.warn(
    { action, type: err.type, status: err.statusCode, message: err.message.split("\n")[0] },
    "payment provider refused",
  );
  return new DomainError(key, 502);
}
