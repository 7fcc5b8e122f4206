// stripe-mock for a test file, and correctly signed webhook deliveries.
import Stripe from "stripe";
import { configure } from "../../app/config.server.ts";
import { resetStripeClient } from "../../app/domain/payments/stripe.server.ts";
import { startStripeMock, STRIPE_MOCK_KEY } from "../../server/services/processes.ts";

export const WEBHOOK_SECRET = "whsec_test_cloudfair";

/**
 * Starts stripe-mock and points the app at it; call the returned `stop` from the suite's afterAll.
 * By default the app uses it as it would use Stripe (a key of its own: Checkout sends the browser to
 * checkout.stripe.com); `{ testCheckout: true }` configures it as `npm start` does (STRIPE_MOCK_KEY),
 * which turns on the local test checkout (docs/decisions/007).
 */
export async function useStripeMock(opts: { testCheckout?: boolean } = {}) {
  const mock = await startStripeMock();
  configure({
    STRIPE_API_BASE: mock.url,
    STRIPE_SECRET_KEY: opts.testCheckout ? STRIPE_MOCK_KEY : "sk_test_integration",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  resetStripeClient();
  return mock;
}

let n = 0;
/** A webhook body + Stripe-Signature header exactly as Stripe would send them. */
export function signedEvent(
  type: string,
  object: Record<string, unknown>,
  opts: { id?: string; secret?: string } = {},
) {
  const payload = JSON.stringify({
    id: opts.id ?? `evt_test_${Date.now()}_${n++}`,
    object: "event",
    type,
    api_version: "2025-01-27",
    created: Math.floor(Date.now() / 1000),
    data: { object },
  });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET });
  return { payload, signature };
}

export function webhookRequest(e: { payload: string; signature: string }) {
  return new Request("http://localhost/webhooks/stripe", {
    method: "POST",
    headers: { "Stripe-Signature": e.signature, "Content-Type": "application/json" },
    body: e.payload,
  });
}
