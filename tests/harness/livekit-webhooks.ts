// LiveKit webhook deliveries as LiveKit signs them (a JWT over the body's sha256 with the API key and
// secret, which the SDK's WebhookReceiver verifies), posted to the real route action.
import { AccessToken } from "livekit-server-sdk";
import { createHash } from "node:crypto";
import * as webhook from "../../app/routes/webhooks.livekit.ts";
import { call } from "./factories.ts";

export interface WebhookKeys {
  apiKey: string;
  apiSecret: string;
}

/** Posts `event` to /webhooks/livekit signed with `keys`; answers the status and the body ("applied", …). */
export async function postLiveKitWebhook(keys: WebhookKeys, event: object): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(event);
  const token = new AccessToken(keys.apiKey, keys.apiSecret);
  token.sha256 = createHash("sha256").update(body).digest("base64");
  const res = await call(
    webhook.action,
    new Request("http://localhost/webhooks/livekit", {
      method: "POST",
      headers: { Authorization: await token.toJwt(), "Content-Type": "application/webhook+json" },
      body,
    }),
  );
  return { status: res.status, text: await res.text() };
}

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/** A participant event of a roadshow room, as LiveKit sends it. */
export function participantEvent(
  event: "participant_joined" | "participant_left",
  o: { id: string; roadshowId: string; identity: string; sid: string; joinedAt: Date; at: Date },
) {
  return {
    event,
    id: o.id,
    createdAt: unix(o.at),
    room: { name: `roadshow-${o.roadshowId}` },
    participant: { sid: o.sid, identity: o.identity, joinedAt: unix(o.joinedAt) },
  };
}
