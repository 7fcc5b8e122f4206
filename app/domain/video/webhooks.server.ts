// Entry point for LiveKit's webhook deliveries: verify, then apply once.
import { config } from "~/config.server";
import { logger } from "~/lib/logger.server";
import { observeWebhook } from "~/lib/metrics.server";
import { liveKitSettings, receiveWebhook, type WebhookEvent } from "../../../media/video/livekit";
import { applyLiveKitEvent } from "./attendance.server";

export async function handleLiveKitWebhook(
  body: string,
  authorization: string | null,
): Promise<{ status: number; body: string }> {
  const s = liveKitSettings(config());
  if (!s) return { status: 503, body: "video not configured" };
  let event: WebhookEvent;
  try {
    event = await receiveWebhook(s, body, authorization);
  } catch {
    observeWebhook("livekit", "rejected");
    return { status: 401, body: "invalid signature" };
  }
  observeWebhook("livekit", "accepted", event.createdAt);
  const result = await applyLiveKitEvent(event);
  logger.debug({ event: event.event, id: event.id, result }, "livekit webhook");
  return { status: 200, body: result };
}
