// Booth fees on real stripe-mock: Checkout, verified + idempotent webhooks, refund on rejection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import * as review from "../../app/routes/staff.fairs.$id_.review.tsx";
import { reviewBooth } from "../harness/review.ts";
import * as builder from "../../app/routes/booths.$id_.edit.tsx";
import * as boothPage from "../../app/routes/booths.$id.tsx";
import * as webhook from "../../app/routes/webhooks.stripe.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";
import { signedEvent, useStripeMock, webhookRequest } from "../harness/stripe.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";

// Field errors come back already translated (ADR 018).
const inZh = serverTranslator("zh-CN");

describe("booth fees through Stripe", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staff: Awaited<ReturnType<typeof makeUser>>;
  let stopMock = async () => {};
  afterAll(() => stopMock());
  beforeAll(async () => {
    await useTestDatabase();
    stopMock = (await useStripeMock()).stop;
    fair = await makeFair();
    staff = await makeUser("STAFF", fair.organizerId); // staff of the bureau organizing the fair
  });

  async function paidFlow() {
    const ex = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, ex.organizationId!, "SUBMITTED", { premium: true });
    const pay = await call(
      builder.action,
      req(`/booths/${booth.id}/edit`, { cookie: ex.cookie, form: { intent: "pay" } }),
      { id: booth.id },
    );
    expect(pay.status).toBe(302);
    expect(pay.headers.get("Location")).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const payment = await db().boothPayment.findFirstOrThrow({ where: { boothId: booth.id } });
    expect(payment).toMatchObject({ status: "OPEN", amount: 500_000, currency: "CNY" });
    expect((await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).paymentStatus).toBe("PENDING");
    return { ex, booth, payment };
  }
  const completed = (sessionId: string, boothId: string, opts: { id?: string; secret?: string } = {}) =>
    signedEvent(
      "checkout.session.completed",
      {
        id: sessionId,
        object: "checkout.session",
        client_reference_id: boothId,
        payment_status: "paid",
        payment_intent: `pi_${sessionId.slice(-10)}`,
        amount_total: 500_000,
        currency: "cny",
      },
      opts,
    );

  it("refuses a webhook with a bad signature and changes nothing", async () => {
    const { booth, payment } = await paidFlow();
    const forged = completed(payment.stripeSessionId, booth.id, { secret: "whsec_wrong" });
    const res = await call(webhook.action, webhookRequest(forged));
    expect(res.status).toBe(400);
    const tampered = completed(payment.stripeSessionId, booth.id);
    const res2 = await call(
      webhook.action,
      webhookRequest({ payload: tampered.payload.replace("paid", "paid "), signature: tampered.signature }),
    );
    expect(res2.status).toBe(400);
    expect(await db().stripeEvent.count()).toBe(0);
    expect((await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).paymentStatus).toBe("PENDING");
  });

  it("marks the booth paid once even when the same event arrives three times, and publishes it once approved", async () => {
    const { booth, payment } = await paidFlow();
    const event = completed(payment.stripeSessionId, booth.id, { id: "evt_replayed_1" });
    const statuses = await Promise.all(
      [1, 2, 3].map(() => call(webhook.action, webhookRequest(event)).then((r) => r.status)),
    );
    expect(statuses).toEqual([200, 200, 200]);
    expect(await db().stripeEvent.count({ where: { id: "evt_replayed_1" } })).toBe(1);
    expect(await db().auditLog.count({ where: { entityId: booth.id, action: "booth.payment.paid" } })).toBe(1);
    let b = await db().booth.findUniqueOrThrow({ where: { id: booth.id } });
    expect(b).toMatchObject({ paymentStatus: "PAID", isPublic: false }); // paid, not yet approved
    const ok = await reviewBooth(fair.id, staff.cookie, booth.id, "approve");
    expect(ok.status).toBe(302);
    b = await db().booth.findUniqueOrThrow({ where: { id: booth.id } });
    expect(b).toMatchObject({ status: "APPROVED", paymentStatus: "PAID", isPublic: true });
  });

  it("keeps an approved but unpaid booth private until paid or waived (waiver is audited)", async () => {
    const ex = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, ex.organizationId!, "SUBMITTED", { premium: true });
    await reviewBooth(fair.id, staff.cookie, booth.id, "approve");
    expect((await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).isPublic).toBe(false);
    await call(
      review.action,
      req(`/staff/fairs/${fair.id}/review`, { cookie: staff.cookie, form: { intent: "waive", boothId: booth.id } }),
      { id: fair.id },
    );
    expect(await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).toMatchObject({
      paymentStatus: "WAIVED",
      isPublic: true,
    });
    const log = await db().auditLog.findFirstOrThrow({ where: { entityId: booth.id, action: "booth.fee.waive" } });
    expect(log).toMatchObject({
      actorId: staff.user.id,
      before: { paymentStatus: "UNPAID", feeAmount: 500_000 },
      after: { paymentStatus: "WAIVED" },
    });
  });

  it("refunds a paid booth through Stripe when staff reject it, and shows the reason to the exhibitor", async () => {
    const { ex, booth, payment } = await paidFlow();
    await call(webhook.action, webhookRequest(completed(payment.stripeSessionId, booth.id)));
    const noReason = await call(
      review.action,
      req(`/staff/fairs/${fair.id}/review`, {
        cookie: staff.cookie,
        form: { intent: "review", boothId: booth.id, decision: "reject", reason: "" },
      }),
      { id: fair.id },
    );
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).errors.reason).toBe(inZh("review.error.reasonRequired"));
    const res = await call(
      review.action,
      req(`/staff/fairs/${fair.id}/review`, {
        cookie: staff.cookie,
        form: { intent: "review", boothId: booth.id, decision: "reject", reason: "项目资料不完整" },
      }),
      { id: fair.id },
    );
    expect(res.status).toBe(302);
    const b = await db().booth.findUniqueOrThrow({ where: { id: booth.id } });
    expect(b).toMatchObject({
      status: "REJECTED",
      paymentStatus: "REFUNDED",
      isPublic: false,
      reviewNote: "项目资料不完整",
    });
    const p = await db().boothPayment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(p.status).toBe("REFUNDED");
    expect(p.refundId).toMatch(/^re_/); // created by stripe-mock
    const ws = await call(builder.loader, req(`/booths/${booth.id}/edit`, { cookie: ex.cookie }), { id: booth.id });
    expect((await ws.json()).booth.reviewNote).toBe("项目资料不完整");
    // Stripe then confirms with charge.refunded: idempotent with what we already recorded.
    const refunded = signedEvent("charge.refunded", {
      id: "ch_1",
      object: "charge",
      refunded: true,
      payment_intent: p.stripePaymentIntentId,
    });
    expect((await call(webhook.action, webhookRequest(refunded))).status).toBe(200);
    expect(
      await db().auditLog.count({ where: { entityId: booth.id, action: { startsWith: "booth.payment.refund" } } }),
    ).toBe(1);
  });

  it("takes a booth down when Stripe reports a refund made outside the app (charge.refunded)", async () => {
    const { booth, payment } = await paidFlow();
    await call(webhook.action, webhookRequest(completed(payment.stripeSessionId, booth.id)));
    const approve = await reviewBooth(fair.id, staff.cookie, booth.id, "approve");
    expect(approve.status).toBe(302);
    const p = await db().boothPayment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).toMatchObject({
      paymentStatus: "PAID",
      isPublic: true,
    });
    await db().searchOutbox.deleteMany({ where: { boothId: booth.id } });

    // Refunded in Stripe's dashboard: the app learns it only from the webhook.
    const refunded = signedEvent("charge.refunded", {
      id: "ch_dashboard",
      object: "charge",
      refunded: true,
      payment_intent: p.stripePaymentIntentId,
    });
    expect((await call(webhook.action, webhookRequest(refunded))).status).toBe(200);
    expect(await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).toMatchObject({
      paymentStatus: "REFUNDED",
      isPublic: false,
    });
    expect((await db().boothPayment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("REFUNDED");
    const log = await db().auditLog.findFirstOrThrow({
      where: { entityId: booth.id, action: "booth.payment.refunded" },
    });
    expect(log).toMatchObject({
      actorId: null,
      before: { paymentStatus: "PAID" },
      after: { paymentStatus: "REFUNDED" },
    });
    // The search index is told to drop the booth, and the public no longer sees its page.
    expect(await db().searchOutbox.count({ where: { boothId: booth.id } })).toBe(1);
    const page = await call(boothPage.loader, req(`/booths/${booth.id}`), { id: booth.id });
    expect(page.status).toBe(404);
  });

  it("returns an expired session's booth to unpaid", async () => {
    const { booth, payment } = await paidFlow();
    const expired = signedEvent("checkout.session.expired", {
      id: payment.stripeSessionId,
      object: "checkout.session",
      client_reference_id: booth.id,
      payment_status: "unpaid",
    });
    expect((await call(webhook.action, webhookRequest(expired))).status).toBe(200);
    expect((await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).paymentStatus).toBe("UNPAID");
    expect((await db().boothPayment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("EXPIRED");
  });

  it("does not let staff of the review queue act on a booth of another fair, nor exhibitors use it", async () => {
    const other = await makeFair();
    const ex = await makeUser("EXHIBITOR");
    const booth = await makeBooth(other, ex.organizationId!, "SUBMITTED");
    const wrongFair = await reviewBooth(fair.id, staff.cookie, booth.id, "approve");
    expect(wrongFair.status).toBe(404);
    const asExhibitor = await reviewBooth(other.id, ex.cookie, booth.id, "approve");
    expect(asExhibitor.status).toBe(403);
    expect((await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).status).toBe("SUBMITTED");
  });
});
