// The real LiveKit server and stripe-mock (installed by scripts/setup) start and answer.
// Later issues build rooms, tokens, webhooks and Checkout on top of these.
import { AccessToken, RoomServiceClient, TokenVerifier } from "livekit-server-sdk";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasTool, startLiveKit, startStripeMock } from "../../server/services/processes.ts";

describe("livekit-server --dev", () => {
  let lk: Awaited<ReturnType<typeof startLiveKit>>;
  beforeAll(async () => {
    if (!hasTool("livekit-server")) throw new Error("livekit-server missing: run scripts/setup");
    lk = await startLiveKit();
  });
  afterAll(() => lk?.stop());

  it("creates and lists rooms through the server SDK and verifies its own tokens", async () => {
    const rooms = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret);
    await rooms.createRoom({ name: "smoke-room", emptyTimeout: 60 });
    expect((await rooms.listRooms()).map((r) => r.name)).toContain("smoke-room");
    const token = new AccessToken(lk.apiKey, lk.apiSecret, { identity: "alice", ttl: "10m" });
    token.addGrant({ room: "smoke-room", roomJoin: true, canPublish: true, canSubscribe: true });
    const claims = await new TokenVerifier(lk.apiKey, lk.apiSecret).verify(await token.toJwt());
    expect(claims.video?.room).toBe("smoke-room");
    await rooms.deleteRoom("smoke-room");
    expect((await rooms.listRooms()).map((r) => r.name)).not.toContain("smoke-room");
  });

  it("refuses API calls signed with the wrong secret", async () => {
    const wrong = new RoomServiceClient(lk.httpUrl, lk.apiKey, "not-the-secret");
    await expect(wrong.listRooms()).rejects.toThrow();
  });
});

describe("stripe-mock", () => {
  let mock: Awaited<ReturnType<typeof startStripeMock>>;
  let stripe: Stripe;
  beforeAll(async () => {
    if (!hasTool("stripe-mock")) throw new Error("stripe-mock missing: run scripts/setup");
    mock = await startStripeMock();
    const url = new URL(mock.url);
    stripe = new Stripe("sk_test_cloudfair", { host: url.hostname, port: Number(url.port), protocol: "http" });
  });
  afterAll(() => mock?.stop());

  it("answers the official Stripe client (customers, Checkout sessions)", async () => {
    const customer = await stripe.customers.create({ email: "exhibitor@example.com" });
    expect(customer.object).toBe("customer");
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      success_url: "http://localhost/ok",
      line_items: [
        { price_data: { currency: "cny", unit_amount: 500_000, product_data: { name: "Premium booth" } }, quantity: 1 },
      ],
    });
    expect(session.object).toBe("checkout.session");
  });

  it("validates requests like Stripe does", async () => {
    await expect(
      stripe.checkout.sessions.create({ mode: "bogus" as never, success_url: "http://localhost/ok" }),
    ).rejects.toMatchObject({ type: "StripeInvalidRequestError" });
  });
});
