// LiveKit behind one small surface: room names, join tokens, room management, webhook
// verification and Egress recordings. Domain code (app/domain/video-*.server.ts) calls these;
// nothing else imports livekit-server-sdk.
import {
  AccessToken,
  DataPacket_Kind,
  EgressClient,
  EncodedFileOutput,
  RoomServiceClient,
  WebhookReceiver,
  type WebhookEvent,
} from "livekit-server-sdk";

export interface LiveKitSettings {
  /** ws(s):// URL browsers connect to. */
  url: string;
  apiKey: string;
  apiSecret: string;
  /** An Egress service is attached to this LiveKit deployment (LIVEKIT_EGRESS=1). */
  egress: boolean;
}

/** The LIVEKIT_* variables of the app's configuration (media/ never reads the environment). */
export interface LiveKitConfig {
  LIVEKIT_URL?: string;
  LIVEKIT_API_KEY?: string;
  LIVEKIT_API_SECRET?: string;
  LIVEKIT_EGRESS?: boolean;
}

/** Settings from the app's configuration, or null when video is not configured. */
export function liveKitSettings(c: LiveKitConfig): LiveKitSettings | null {
  const { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = c;
  if (!url || !apiKey || !apiSecret) return null;
  return { url, apiKey, apiSecret, egress: c.LIVEKIT_EGRESS === true };
}

const ROOM_PREFIX = "meeting-";
export const roomNameFor = (meetingId: string) => `${ROOM_PREFIX}${meetingId}`;
export const meetingIdOfRoom = (room: string | undefined) =>
  room?.startsWith(ROOM_PREFIX) ? room.slice(ROOM_PREFIX.length) : null;

/** Participant identities carry who the person is and whether they only observe. */
export const identityFor = (userId: string, observer: boolean) => `${observer ? "o" : "u"}_${userId}`;
export function parseIdentity(identity: string | undefined): { userId: string; observer: boolean } | null {
  const m = /^([uo])_(.+)$/.exec(identity ?? "");
  return m ? { userId: m[2], observer: m[1] === "o" } : null;
}

const httpUrl = (url: string) => url.replace(/^ws(s?):\/\//, "http$1://");
const rooms = (s: LiveKitSettings) => new RoomServiceClient(httpUrl(s.url), s.apiKey, s.apiSecret);

/** Creates the room if it does not exist (LiveKit's CreateRoom is idempotent for an existing name). */
export async function ensureRoom(s: LiveKitSettings, name: string, metadata: object): Promise<void> {
  // emptyTimeout: a room nobody joined closes after 30 min; departureTimeout: 60 s after the last
  // person leaves (long enough to ride out a network drop and reconnect).
  await rooms(s).createRoom({
    name,
    emptyTimeout: 30 * 60,
    departureTimeout: 60,
    maxParticipants: 12,
    metadata: JSON.stringify(metadata),
  });
}

export async function listRoomNames(s: LiveKitSettings): Promise<string[]> {
  return (await rooms(s).listRooms()).map((r) => r.name);
}

/** Room metadata is how every client learns about a new end time or the recording state. */
export async function setRoomMetadata(s: LiveKitSettings, name: string, metadata: object): Promise<void> {
  try {
    await rooms(s).updateRoomMetadata(name, JSON.stringify(metadata));
  } catch (err) {
    // No room yet (nobody joined): the metadata is set again when the room is created.
    if (!/not found|does not exist/i.test(String(err))) throw err;
  }
}

export async function sendRoomNotice(s: LiveKitSettings, name: string, payload: object): Promise<void> {
  await rooms(s).sendData(name, new TextEncoder().encode(JSON.stringify(payload)), DataPacket_Kind.RELIABLE, {
    topic: "cloudfair",
  });
}

export interface JoinGrant {
  room: string;
  identity: string;
  name: string;
  metadata: object;
  /** Staff observers: subscribe only, hidden from the other participants. */
  observer: boolean;
  ttlSeconds?: number;
}

export async function mintJoinToken(s: LiveKitSettings, g: JoinGrant): Promise<string> {
  const token = new AccessToken(s.apiKey, s.apiSecret, {
    identity: g.identity,
    name: g.name,
    metadata: JSON.stringify(g.metadata),
    ttl: g.ttlSeconds ?? 10 * 60,
  });
  token.addGrant({
    room: g.room,
    roomJoin: true,
    canSubscribe: true,
    canPublish: !g.observer,
    canPublishData: !g.observer,
    hidden: g.observer,
    canUpdateOwnMetadata: false,
  });
  return token.toJwt();
}

/** Verifies the signed Authorization header (JWT with the body's sha256). Throws when invalid. */
export async function receiveWebhook(
  s: LiveKitSettings,
  body: string,
  authorization: string | null,
): Promise<WebhookEvent> {
  if (!authorization) throw new Error("missing Authorization header");
  return new WebhookReceiver(s.apiKey, s.apiSecret).receive(body, authorization);
}

/** What the app needs from Egress; swapped in tests where no Egress service exists. */
export interface Recorder {
  start(room: string, filepath: string): Promise<{ egressId: string }>;
  stop(egressId: string): Promise<void>;
}

export function egressRecorder(s: LiveKitSettings): Recorder {
  const client = new EgressClient(httpUrl(s.url), s.apiKey, s.apiSecret);
  return {
    async start(room, filepath) {
      const info = await client.startRoomCompositeEgress(
        room,
        { file: new EncodedFileOutput({ filepath }) },
        { layout: "speaker" },
      );
      return { egressId: info.egressId };
    },
    async stop(egressId) {
      await client.stopEgress(egressId);
    },
  };
}

export type { WebhookEvent };
