// Stripe webhooks: signature-verified (400 otherwise), idempotent per event id.
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook } from "~/domain/payments/booth-fees.server";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405 });
  const status = await handleStripeWebhook(await request.text(), request.headers.get("stripe-signature"));
  return new Response(status === 200 ? "ok" : "invalid signature", {
    status,
    headers: { "Content-Type": "text/plain" },
  });
}

export const loader = () => new Response("Method Not Allowed", { status: 405 });
