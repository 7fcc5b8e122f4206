// Booth fees on the default start (issue 15, item 1): while the provider is the local stripe-mock,
// "pay" leads to the app's own test checkout, which delivers a signed checkout.session.completed to
// the webhook handler (verification, idempotency) — and only for the booth's own exhibitors. When
// the provider refuses (wrong key, unreachable), the exhibitor gets a localized message, not a 500.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { resetStripeClient } from "../../app/domain/payments/stripe.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import * as builder from "../../app/routes/booths.$id_.edit.tsx";
import * as checkout from "../../app/routes/booths.$id_.test-checkout.$session.tsx";
import * as review from "../../app/routes/staff.fairs.$id_.review.tsx";
import { freePort } from "../../server/lib/ports.ts";
import { STRIPE_MOCK_KEY } from "../../server/services/processes.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";
import { useStripeMock } from "../harness/stripe.ts";

const inZh = serverTranslator("zh-CN");

describe("the test checkout on the local stripe-mock", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staff: Awaited<ReturnType<typeof makeUser>>;
  let mock: Awaited<ReturnType<typeof useStripeMock>>;
  afterAll(() => mock?.stop());
  beforeAll(async () => {
    await useTestDatabase();
    mock = await useStripeMock({ testCheckout: true });
    fair = await makeFair();
    staff = await makeUser("STAFF", fair.organizerId);
  });
  const asNpmStart = () => {
    configure({ STRIPE_API_BASE: mock.url, STRIPE_SECRET_KEY: STRIPE_MOCK_KEY });
    resetStripeClient();
  };
  beforeEach(asNpmStart);

  async function startPaying() {
    const ex = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, ex.organizationId!, "APPROVED", { premium: true });
    const pay = await call(
      builder.action,
      req(`/booths/${booth.id}/edit`, { cookie: ex.cookie, form: { intent: "pay" } }),
      { id: booth.id },
    );
    expect(pay.status).toBe(302);
    const payment = await db().boothPayment.findFirstOrThrow({ where: { boothId: booth.id } });
    expect(pay.headers.get("Location")).toBe(`/booths/${booth.id}/test-checkout/${payment.stripeSessionId}`);
    expect(payment.stripeSessionId).toMatch(/^cs_test_/); // created by stripe-mock
    const url = `/booths/${booth.id}/test-checkout/${payment.stripeSessionId}`;
    const params = { id: booth.id, session: payment.stripeSessionId };
    return { ex, booth, payment, url, params };
  }

  it("shows the booth, tier and amount of the stored payment to the booth's exhibitor", async () => {
    const { ex, url, params } = await startPaying();
    const page = await call(checkout.loader, req(url, { cookie: ex.cookie }), params);
    expect(page.status).toBe(200);
    const { checkout: view } = await page.json();
    expect(view).toMatchObject({ amount: 500_000, currency: "CNY", state: "open", tier: { nameZh: "特装展位" } });
  });

  it("pays: a signed event reaches the webhook handler once, the booth is paid and goes public", async () => {
    const { ex, booth, payment, url, params } = await startPaying();
    // Whatever the form says about the session or the amount is ignored.
    const form = { intent: "pay", amount: "1", session: "cs_test_forged", sessionId: "cs_test_forged" };
    const paid = await call(checkout.action, req(url, { cookie: ex.cookie, form }), params);
    expect(paid.status).toBe(302);
    expect(paid.headers.get("Location")).toBe(`/booths/${booth.id}/edit?paid=1`);
    expect(await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).toMatchObject({
      paymentStatus: "PAID",
      isPublic: true,
    });
    const p = await db().boothPayment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(p).toMatchObject({ status: "PAID", amount: 500_000 });
    expect(p.stripePaymentIntentId).toMatch(/^pi_/); // a PaymentIntent stripe-mock created
    expect(await db().stripeEvent.count({ where: { id: { contains: payment.stripeSessionId } } })).toBe(1);
    const log = await db().auditLog.findFirstOrThrow({ where: { entityId: booth.id, action: "booth.payment.paid" } });
    expect(log.after).toMatchObject({ amount: 500_000, currency: "CNY", session: payment.stripeSessionId });

    // A second click (or tab) is the same event again: nothing changes twice.
    const again = await call(checkout.action, req(url, { cookie: ex.cookie, form: { intent: "pay" } }), params);
    expect(again.headers.get("Location")).toBe(`/booths/${booth.id}/edit?paid=1`);
    expect(await db().auditLog.count({ where: { entityId: booth.id, action: "booth.payment.paid" } })).toBe(1);
    const view = await (await call(checkout.loader, req(url, { cookie: ex.cookie }), params)).json();
    expect(view.checkout.state).toBe("done");
  });

  it("cancels: back to the builder's cancel page, the booth payable again, the session closed", async () => {
    const { ex, booth, payment, url, params } = await startPaying();
    const res = await call(checkout.action, req(url, { cookie: ex.cookie, form: { intent: "cancel" } }), params);
    expect(res.headers.get("Location")).toBe(`/booths/${booth.id}/edit?paid=0`);
    expect((await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).paymentStatus).toBe("UNPAID");
    expect((await db().boothPayment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("EXPIRED");
    const late = await call(checkout.action, req(url, { cookie: ex.cookie, form: { intent: "pay" } }), params);
    expect(late.status).toBe(409);
    expect((await late.json()).formError).toBe(inZh("pay.test.closed"));
    expect((await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).paymentStatus).toBe("UNPAID");
  });

  it("is only for the booth's own exhibitors: others get 404 (or 403 without the role), nothing changes", async () => {
    const { booth, payment, url, params } = await startPaying();
    const other = await makeUser("EXHIBITOR");
    const investor = await makeUser("INVESTOR");
    for (const [who, status] of [
      [other, 404],
      [investor, 403],
      [staff, 403],
    ] as const) {
      expect((await call(checkout.loader, req(url, { cookie: who.cookie }), params)).status).toBe(status);
      const res = await call(checkout.action, req(url, { cookie: who.cookie, form: { intent: "pay" } }), params);
      expect(res.status).toBe(status);
    }
    const anonymous = await call(checkout.loader, req(url), params);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?next=/);
    // The session of one booth under another booth's address is unknown too.
    const own = await makeUser("EXHIBITOR");
    const ownBooth = await makeBooth(fair, own.organizationId!, "APPROVED", { premium: true });
    const crossed = { id: ownBooth.id, session: payment.stripeSessionId };
    const res = await call(
      checkout.action,
      req(`/booths/${ownBooth.id}/test-checkout/${payment.stripeSessionId}`, {
        cookie: own.cookie,
        form: { intent: "pay" },
      }),
      crossed,
    );
    expect(res.status).toBe(404);
    expect((await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).paymentStatus).toBe("PENDING");
    expect(await db().stripeEvent.count({ where: { id: { contains: payment.stripeSessionId } } })).toBe(0);
  });

  it("does not exist when the provider is not the local stripe-mock (404), even for the owner", async () => {
    const { ex, booth, url, params } = await startPaying();
    for (const settings of [
      { STRIPE_API_BASE: mock.url, STRIPE_SECRET_KEY: "sk_test_a_real_looking_key" }, // someone's own key
      { STRIPE_API_BASE: "https://api.stripe.com", STRIPE_SECRET_KEY: STRIPE_MOCK_KEY }, // not loopback
      { STRIPE_API_BASE: undefined, STRIPE_SECRET_KEY: STRIPE_MOCK_KEY },
    ]) {
      configure(settings);
      resetStripeClient();
      expect((await call(checkout.loader, req(url, { cookie: ex.cookie }), params)).status).toBe(404);
      const res = await call(checkout.action, req(url, { cookie: ex.cookie, form: { intent: "pay" } }), params);
      expect(res.status).toBe(404);
    }
    asNpmStart();
    expect((await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).paymentStatus).toBe("PENDING");
  });

  it("tells the exhibitor when the provider refuses the key or cannot be reached (502, localized), booth unchanged", async () => {
    const ex = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, ex.organizationId!, "APPROVED", { premium: true });
    const pay = () =>
      call(builder.action, req(`/booths/${booth.id}/edit`, { cookie: ex.cookie, form: { intent: "pay" } }), {
        id: booth.id,
      });
    configure({ STRIPE_SECRET_KEY: "sk_test_stripe_mock" }); // stripe-mock answers 401
    resetStripeClient();
    const refused = await pay();
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ intent: "pay", formError: inZh("pay.providerRefused") });

    configure({ STRIPE_SECRET_KEY: STRIPE_MOCK_KEY, STRIPE_API_BASE: `http://127.0.0.1:${await freePort()}` });
    resetStripeClient();
    const unreachable = await pay();
    expect(unreachable.status).toBe(502);
    expect(await unreachable.json()).toMatchObject({ intent: "pay", formError: inZh("pay.providerUnreachable") });

    expect(await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).toMatchObject({
      paymentStatus: "UNPAID",
    });
    expect(await db().boothPayment.count({ where: { boothId: booth.id } })).toBe(0);
  });

  it("tells staff when the refund on rejection is refused, and leaves the booth as it was", async () => {
    const { ex, booth, url, params } = await startPaying();
    await call(checkout.action, req(url, { cookie: ex.cookie, form: { intent: "pay" } }), params);
    configure({ STRIPE_SECRET_KEY: "sk_test_stripe_mock" });
    resetStripeClient();
    const res = await call(
      review.action,
      req(`/staff/fairs/${fair.id}/review`, {
        cookie: staff.cookie,
        form: { intent: "review", boothId: booth.id, decision: "reject", reason: "资料不全" },
      }),
      { id: fair.id },
    );
    expect(res.status).toBe(502);
    expect((await res.json()).formError).toBe(inZh("pay.providerRefused"));
    expect(await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).toMatchObject({
      status: "APPROVED",
      paymentStatus: "PAID",
    });
  });
});
