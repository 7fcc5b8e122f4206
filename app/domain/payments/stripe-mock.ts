// The local stripe-mock that `npm start` runs (server/index.ts) and the test checkout that stands in
// for Stripe's hosted page while it is the payment provider (docs/decisions/007).
import type { Config } from "~/config.server";

/**
 * The API key for stripe-mock. It accepts any well-formed test key — `sk_test_` and one more part:
 * `sk_test_stripe_mock` has two more and is refused with 401. No real Stripe key looks like this
 * (theirs are over 100 characters), and it is never sent anywhere but a loopback address.
 */
export const STRIPE_MOCK_KEY = "sk_test_cloudfair";

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Whether booth fees are paid on the app's own test checkout: only while the provider is a local
 * stripe-mock, i.e. the secret key is STRIPE_MOCK_KEY *and* the API base is plain HTTP on a
 * loopback address. A real Stripe key, or any remote API host, turns it off.
 */
export function usesLocalTestCheckout(c: Pick<Config, "STRIPE_SECRET_KEY" | "STRIPE_API_BASE">): boolean {
  if (c.STRIPE_SECRET_KEY !== STRIPE_MOCK_KEY || !c.STRIPE_API_BASE) return false;
  try {
    const base = new URL(c.STRIPE_API_BASE);
    return base.protocol === "http:" && LOOPBACK.test(base.hostname);
  } catch {
    return false;
  }
}
