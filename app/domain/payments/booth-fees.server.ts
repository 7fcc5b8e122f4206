// Booth fees through Stripe Checkout; the webhook is the source of truth for payment state.
// Webhooks are verified (STRIPE_WEBHOOK_SECRET) and idempotent: an event id is recorded in the
// same transaction as its effect, so a redelivered event changes nothing.
import type Stripe from "stripe";
import type { SessionUser } from "~/auth/session.server";
import { isMemberOf } from "~/auth/guards.server";
import { config } from "~/config.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { observeWebhook } from "~/lib/metrics.server";
import { providerError, stripe } from "~/domain/payments/stripe.server";
import { usesLocalTestCheckout } from "~/domain/payments/stripe-mock";
import { enqueueBooth } from "~/search/outbox.server";
import { audit } from "~/domain/audit/audit.server";
import { isBoothPublic } from "~/domain/fairs/visibility";

type Tx = Prisma.TransactionClient;

/**
 * Creates a Checkout session for the booth fee and returns the URL to send the exhibitor to: Stripe's
 * hosted page, or the app's own test checkout while the provider is the local stripe-mock (ADR 007).
 * A refusing or unreachable provider is a localized 502, not a 500.
 */
export async function startBoothCheckout(user: SessionUser, boothId: string, origin: string): Promise<string> {
  const booth = await db().booth.findUnique({
    where: { id: boothId },
    include: { organization: true, fair: true, tier: true },
  });
  if (!booth) throw new DomainError("errorPage.404.title", 404);
  if (!isMemberOf(user, booth.organizationId, "EXHIBITOR")) throw new DomainError("errorPage.403.title", 403);
  if (booth.status === "REJECTED" || booth.status === "DRAFT") throw new DomainError("pay.notPayable", 409);
  if (booth.paymentStatus !== "UNPAID" && booth.paymentStatus !== "PENDING")
    throw new DomainError("pay.nothingToPay", 409);
  const session = await stripe()
    .checkout.sessions.create(
      {
        mode: "payment",
        client_reference_id: booth.id,
        metadata: { boothId: booth.id },
        customer_email: user.email,
        success_url: `${origin}/booths/${booth.id}/edit?paid=1`,
        cancel_url: `${origin}/booths/${booth.id}/edit?paid=0`,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: booth.currency.toLowerCase(),
              unit_amount: booth.feeAmount,
              product_data: {
                name: `${booth.fair.titleZh} · ${booth.tier.nameZh} / ${booth.tier.nameEn}`,
                description: booth.organization.nameZh,
              },
            },
          },
        ],
      },
      { idempotencyKey: `checkout-${booth.id}-${booth.updatedAt.getTime()}` },
    )
    .catch((err: unknown) => {
      throw providerError(err, "checkout");
    });
  await db().$transaction(async (tx) => {
    await tx.boothPayment.upsert({
      where: { stripeSessionId: session.id },
      create: { boothId: booth.id, stripeSessionId: session.id, amount: booth.feeAmount, currency: booth.currency },
      update: {},
    });
    await tx.booth.update({ where: { id: booth.id }, data: { paymentStatus: "PENDING" } });
  });
  if (usesLocalTestCheckout(config())) return `/booths/${booth.id}/test-checkout/${encodeURIComponent(session.id)}`;
  if (!session.url) throw new DomainError("pay.failed", 502);
  return session.url;
}

/** Verifies and applies a webhook delivery. Returns the HTTP status to answer Stripe with. */
export async function handleStripeWebhook(rawBody: string, signature: string | null): Promise<number> {
  const secret = config().STRIPE_WEBHOOK_SECRET;
  if (!secret) {
    logger.error("STRIPE_WEBHOOK_SECRET is not set: refusing webhook");
    return 400;
  }
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(rawBody, signature ?? "", secret);
  } catch (err) {
    logger.warn({ err: (err as Error).message.split("\n")[0] }, "stripe webhook with a bad signature");
    observeWebhook("stripe", "rejected");
    return 400;
  }
  observeWebhook("stripe", "accepted", event.created);
  const refundAfter: string[] = [];
  await db().$transaction(async (tx) => {
    const fresh = await tx.stripeEvent.createMany({ data: [{ id: event.id, type: event.type }], skipDuplicates: true });
    if (fresh.count === 0) return; // already processed
    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded": {
        const s = event.data.object as Stripe.Checkout.Session;
        if (s.payment_status === "unpaid") break; // async method: wait for async_payment_succeeded
        const boothId = await markPaid(tx, s);
        if (boothId) refundAfter.push(boothId);
        break;
      }
      case "checkout.session.expired":
        await markExpired(tx, event.data.object as Stripe.Checkout.Session);
        break;
      case "charge.refunded":
        await markRefunded(tx, event.data.object as Stripe.Charge);
        break;
      default:
        break;
    }
  });
  // A booth rejected while its payment was in flight gets its money back.
  for (const boothId of refundAfter)
    await refundBoothFee(boothId, null).catch((err) =>
      logger.error({ err, boothId }, "refund after late payment failed"),
    );
  return 200;
}

async function paymentForSession(tx: Tx, s: Stripe.Checkout.Session) {
  const bySession = await tx.boothPayment.findUnique({ where: { stripeSessionId: s.id } });
  if (bySession) return bySession;
  const boothId = s.client_reference_id ?? s.metadata?.boothId;
  if (!boothId || !(await tx.booth.findUnique({ where: { id: boothId }, select: { id: true } }))) return null;
  return tx.boothPayment.create({
    data: {
      boothId,
      stripeSessionId: s.id,
      amount: s.amount_total ?? 0,
      currency: (s.currency ?? "cny").toUpperCase(),
    },
  });
}

/** Returns the booth id when the booth was rejected meanwhile and must be refunded. */
async function markPaid(tx: Tx, s: Stripe.Checkout.Session): Promise<string | null> {
  const payment = await paymentForSession(tx, s);
  if (!payment) {
    logger.warn({ session: s.id }, "checkout completed for an unknown booth");
    return null;
  }
  const paymentIntent = typeof s.payment_intent === "string" ? s.payment_intent : (s.payment_intent?.id ?? null);
  await tx.boothPayment.update({
    where: { id: payment.id },
    data: { status: "PAID", stripePaymentIntentId: paymentIntent },
  });
  const booth = await tx.booth.findUniqueOrThrow({ where: { id: payment.boothId } });
  await tx.booth.update({
    where: { id: booth.id },
    data: { paymentStatus: "PAID", isPublic: isBoothPublic(booth.status, "PAID") },
  });
  await enqueueBooth(tx, booth.id);
  await audit(
    {
      actorId: null,
      action: "booth.payment.paid",
      entityType: "Booth",
      entityId: booth.id,
      before: { paymentStatus: booth.paymentStatus },
      after: { paymentStatus: "PAID", amount: payment.amount, currency: payment.currency, session: s.id },
    },
    tx,
  );
  return booth.status === "REJECTED" ? booth.id : null;
}

async function markExpired(tx: Tx, s: Stripe.Checkout.Session) {
  const payment = await tx.boothPayment.findUnique({ where: { stripeSessionId: s.id } });
  if (!payment || payment.status !== "OPEN") return;
  await tx.boothPayment.update({ where: { id: payment.id }, data: { status: "EXPIRED" } });
  const open = await tx.boothPayment.count({ where: { boothId: payment.boothId, status: "OPEN" } });
  if (open === 0)
    await tx.booth.updateMany({
      where: { id: payment.boothId, paymentStatus: "PENDING" },
      data: { paymentStatus: "UNPAID" },
    });
}

async function markRefunded(tx: Tx, charge: Stripe.Charge) {
  const pi = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  if (!pi || !charge.refunded) return;
  const payment = await tx.boothPayment.findUnique({ where: { stripePaymentIntentId: pi } });
  if (!payment || payment.status === "REFUNDED") return;
  await tx.boothPayment.update({ where: { id: payment.id }, data: { status: "REFUNDED" } });
  const booth = await tx.booth.findUniqueOrThrow({ where: { id: payment.boothId } });
  await tx.booth.update({ where: { id: booth.id }, data: { paymentStatus: "REFUNDED", isPublic: false } });
  await enqueueBooth(tx, booth.id);
  await audit(
    {
      actorId: null,
      action: "booth.payment.refunded",
      entityType: "Booth",
      entityId: booth.id,
      before: { paymentStatus: booth.paymentStatus },
      after: { paymentStatus: "REFUNDED" },
    },
    tx,
  );
}

/** Refunds a paid booth fee through Stripe (idempotent per payment). No-op when nothing was paid. */
export async function refundBoothFee(boothId: string, actorId: string | null): Promise<boolean> {
  const payment = await db().boothPayment.findFirst({
    where: { boothId, status: "PAID" },
    orderBy: { createdAt: "desc" },
  });
  if (!payment?.stripePaymentIntentId) return false;
  const refund = await stripe()
    .refunds.create(
      { payment_intent: payment.stripePaymentIntentId, reason: "requested_by_customer", metadata: { boothId } },
      { idempotencyKey: `refund-${payment.id}` },
    )
    .catch((err: unknown) => {
      throw providerError(err, "refund");
    });
  await db().$transaction(async (tx) => {
    await tx.boothPayment.update({ where: { id: payment.id }, data: { status: "REFUNDED", refundId: refund.id } });
    await tx.booth.update({ where: { id: boothId }, data: { paymentStatus: "REFUNDED", isPublic: false } });
    await enqueueBooth(tx, boothId);
    await audit(
      {
        actorId,
        action: "booth.payment.refund",
        entityType: "Booth",
        entityId: boothId,
        before: { paymentStatus: "PAID" },
        after: { paymentStatus: "REFUNDED", refund: refund.id, amount: payment.amount },
      },
      tx,
    );
  });
  return true;
}
