// The test checkout (docs/decisions/007): while the payment provider is the local stripe-mock, whose
// Checkout sessions point at checkout.stripe.com (unreachable, and never completed by anyone), the
// exhibitor pays on this page instead. Paying delivers a signed `checkout.session.completed` event
// to the same webhook handler Stripe's deliveries reach (signature check, idempotency, audit), so the
// rest of the app cannot tell the difference. Everything about the payment — session id, amount,
// currency, booth — comes from the stored BoothPayment, never from the form.
import type { SessionUser } from "~/auth/session.server";
import { isMemberOf } from "~/auth/guards.server";
import { config } from "~/config.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { handleStripeWebhook } from "./booth-fees.server";
import { providerError, stripe } from "./stripe.server";
import { usesLocalTestCheckout } from "./stripe-mock";

/** The test checkout exists only while the payment provider is the local stripe-mock. */
export function testCheckoutAvailable(): boolean {
  return usesLocalTestCheckout(config());
}

/** The payment of this session, if it belongs to this booth and the user is one of its exhibitors; else 404. */
async function ownPayment(user: SessionUser, boothId: string, sessionId: string) {
  if (!testCheckoutAvailable()) throw new DomainError("errorPage.404.title", 404);
  const payment = await db().boothPayment.findFirst({
    where: { stripeSessionId: sessionId, boothId },
    include: {
      booth: {
        select: {
          id: true,
          organizationId: true,
          paymentStatus: true,
          organization: { select: { nameZh: true, nameEn: true } },
          fair: { select: { titleZh: true, titleEn: true } },
          hall: { select: { nameZh: true, nameEn: true } },
          tier: { select: { nameZh: true, nameEn: true } },
        },
      },
    },
  });
  // Someone else's payment is as unknown as a missing one: the page does not confirm it exists.
  if (!payment || !isMemberOf(user, payment.booth.organizationId, "EXHIBITOR"))
    throw new DomainError("errorPage.404.title", 404);
  return payment;
}

/** What the test checkout page shows. */
export async function getTestCheckout(user: SessionUser, boothId: string, sessionId: string) {
  const p = await ownPayment(user, boothId, sessionId);
  return {
    boothId: p.booth.id,
    sessionId: p.stripeSessionId,
    amount: p.amount,
    currency: p.currency,
    /** open: can be paid or cancelled; done: the fee is settled; closed: this session ended unpaid. */
    state:
      p.status === "OPEN" && (p.booth.paymentStatus === "UNPAID" || p.booth.paymentStatus === "PENDING")
        ? ("open" as const)
        : p.status === "PAID" || p.status === "REFUNDED" || p.booth.paymentStatus !== "UNPAID"
          ? ("done" as const)
          : ("closed" as const),
    organization: p.booth.organization,
    fair: p.booth.fair,
    hall: p.booth.hall,
    tier: p.booth.tier,
  };
}

const successUrl = (boothId: string) => `/booths/${boothId}/edit?paid=1`;
const cancelUrl = (boothId: string) => `/booths/${boothId}/edit?paid=0`;

/**
 * "Pay (test)": a PaymentIntent from stripe-mock, then the signed `checkout.session.completed` that
 * Stripe would send. The event id is derived from the session, so a double click or a second tab
 * delivers the same event and changes nothing the second time. Returns where to go next.
 */
export async function payTestCheckout(user: SessionUser, boothId: string, sessionId: string): Promise<string> {
  const payment = await ownPayment(user, boothId, sessionId);
  if (payment.status === "PAID") return successUrl(boothId);
  if (payment.status !== "OPEN") throw new DomainError("pay.test.closed", 409);
  if (payment.booth.paymentStatus !== "UNPAID" && payment.booth.paymentStatus !== "PENDING")
    throw new DomainError("pay.nothingToPay", 409);
  const intent = await stripe()
    .paymentIntents.create(
      {
        amount: payment.amount,
        currency: payment.currency.toLowerCase(),
        metadata: { boothId, checkoutSession: payment.stripeSessionId },
      },
      { idempotencyKey: `test-checkout-${payment.id}` },
    )
    .catch((err: unknown) => {
      throw providerError(err, "test-checkout");
    });
  await deliver(`evt_test_paid_${payment.stripeSessionId}`, "checkout.session.completed", {
    id: payment.stripeSessionId,
    object: "checkout.session",
    mode: "payment",
    livemode: false,
    client_reference_id: boothId,
    metadata: { boothId },
    status: "complete",
    payment_status: "paid",
    payment_intent: intent.id,
    amount_total: payment.amount,
    currency: payment.currency.toLowerCase(),
  });
  return successUrl(boothId);
}

/** "Cancel": the session expires (as Stripe's expire call would report it), the booth is payable again. */
export async function cancelTestCheckout(user: SessionUser, boothId: string, sessionId: string): Promise<string> {
  const payment = await ownPayment(user, boothId, sessionId);
  if (payment.status === "OPEN")
    await deliver(`evt_test_expired_${payment.stripeSessionId}`, "checkout.session.expired", {
      id: payment.stripeSessionId,
      object: "checkout.session",
      mode: "payment",
      livemode: false,
      client_reference_id: boothId,
      metadata: { boothId },
      status: "expired",
      payment_status: "unpaid",
    });
  return cancelUrl(boothId);
}

/** Signs the event with STRIPE_WEBHOOK_SECRET and hands it to the webhook handler, as Stripe would. */
async function deliver(id: string, type: string, object: Record<string, unknown>): Promise<void> {
  const secret = config().STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    logger.error("test checkout: STRIPE_WEBHOOK_SECRET is not set, so the payment cannot be confirmed");
    throw new DomainError("pay.failed", 503);
  }
  const payload = JSON.stringify({
    id,
    object: "event",
    type,
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  });
  const signature = stripe().webhooks.generateTestHeaderString({ payload, secret });
  const status = await handleStripeWebhook(payload, signature);
  if (status !== 200) throw new DomainError("pay.failed", 502);
}
