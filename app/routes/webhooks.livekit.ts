// LiveKit webhooks: verified with the SDK's WebhookReceiver (401 otherwise, nothing recorded),
// applied once per event id.
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleLiveKitWebhook } from "~/domain/video/webhooks.server";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method Not Allowed", { status: 405 });
  const { status, body } = await handleLiveKitWebhook(await request.text(), request.headers.get("authorization"));
  return new Response(body, { status, headers: { "Content-Type": "text/plain" } });
}

export const loader = () => new Response("Method Not Allowed", { status: 405 });
