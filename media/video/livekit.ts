// LiveKit behind one small surface: room names, join tokens, room management, webhook
// verification and Egress recordings. Domain code (app/domain/video-*.server.ts) calls these;
// nothing else imports livekit-server-sdk.
import {
  AccessToken,
  DataPacket_Kind,
  EgressClient,
  EncodedFileOutput,
  RoomServiceClient,
  ServerError,
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
// A LiveKit that hangs must not hold a request for the SDK's default 10 s.
const rooms = (s: LiveKitSettings) =>
  new RoomServiceClient(httpUrl(s.url), s.apiKey, s.apiSecret, { requestTimeout: 5 });

/** The LiveKit server did not answer: refused, reset, timed out, or a 5xx (it is down or restarting). */
export class VideoUnavailableError extends Error {
  override readonly name = "VideoUnavailableError";
}

function isAway(err: unknown): boolean {
  if (err instanceof ServerError) return err.status >= 500;
  if (!(err instanceof Error)) return false;
  // fetch's "fetch failed" (connection refused or reset) and AbortSignal.timeout's TimeoutError
  return (
    (err instanceof TypeError && /fetch failed/i.test(err.message)) || /^(TimeoutError|AbortError)$/.test(err.name)
  );
}

/** Runs a room-service call; LiveKit being away becomes a VideoUnavailableError. */
async function api<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isAway(err)) throw new VideoUnavailableError(`LiveKit unavailable: ${(err as Error).message}`, { cause: err });
    throw err;
  }
}

/** Creates the room if it does not exist (LiveKit's CreateRoom is idempotent for an existing name). */
export async function ensureRoom(s: LiveKitSettings, name: string, metadata: object): Promise<void> {
  // emptyTimeout: a room nobody joined closes after 30 min; departureTimeout: 60 s after the last
  // person leaves (long enough to ride out a network drop and reconnect).
  await api(() =>
    rooms(s).createRoom({
      name,
      emptyTimeout: 30 * 60,
      departureTimeout: 60,
      maxParticipants: 12,
      metadata: JSON.stringify(metadata),
    }),
  );
}

export async function listRoomNames(s: LiveKitSettings): Promise<string[]> {
  return (await api(() => rooms(s).listRooms())).map((r) => r.name);
}

/** Room metadata is how every client learns about a new end time or the recording state. */
export async function setRoomMetadata(s: LiveKitSettings, name: string, metadata: object): Promise<void> {
  try {
    await api(() => rooms(s).updateRoomMetadata(name, JSON.stringify(metadata)));
  } catch (err) {
    // No room yet (nobody joined): the metadata is set again when the room is created.
    if (!/not found|does not exist/i.test(String(err))) throw err;
  }
}

export async function sendRoomNotice(s: LiveKitSettings, name: string, payload: object): Promise<void> {
  await api(() =>
    rooms(s).sendData(name, new TextEncoder().encode(JSON.stringify(payload)), DataPacket_Kind.RELIABLE, {
      topic: "cloudfair",
    }),
  );
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

/** A token for one room (10 minutes unless said); everyone subscribes, nobody edits their own metadata. */
function signToken(
  s: LiveKitSettings,
  g: Omit<JoinGrant, "observer">,
  may: { canPublish: boolean; canPublishData: boolean; hidden?: boolean },
): Promise<string> {
  const token = new AccessToken(s.apiKey, s.apiSecret, {
    identity: g.identity,
    name: g.name,
    metadata: JSON.stringify(g.metadata),
    ttl: g.ttlSeconds ?? 10 * 60,
  });
  token.addGrant({ room: g.room, roomJoin: true, canSubscribe: true, canUpdateOwnMetadata: false, ...may });
  return token.toJwt();
}

export async function mintJoinToken(s: LiveKitSettings, g: JoinGrant): Promise<string> {
  return signToken(s, g, { canPublish: !g.observer, canPublishData: !g.observer, hidden: g.observer });
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

// ── Roadshows (docs/decisions/031-roadshows.md): one room per roadshow, many subscribe-only viewers.
const ROADSHOW_PREFIX = "roadshow-";
export const roadshowRoomFor = (roadshowId: string) => `${ROADSHOW_PREFIX}${roadshowId}`;
export const roadshowIdOfRoom = (room: string | undefined) =>
  room?.startsWith(ROADSHOW_PREFIX) ? room.slice(ROADSHOW_PREFIX.length) : null;

/** A roadshow's room: large, and kept open through a pause (departureTimeout) until it ends. */
export async function ensureRoadshowRoom(s: LiveKitSettings, name: string, maxParticipants: number): Promise<void> {
  await api(() => rooms(s).createRoom({ name, emptyTimeout: 60 * 60, departureTimeout: 10 * 60, maxParticipants }));
}

/** A roadshow token: presenters and people on stage publish; the audience only subscribes. */
export async function mintRoadshowToken(
  s: LiveKitSettings,
  g: { room: string; identity: string; name: string; metadata: object; publish: boolean; ttlSeconds?: number },
): Promise<string> {
  return signToken(s, g, { canPublish: g.publish, canPublishData: false });
}

/**
 * Grants or takes back a connected participant's permission to publish (a viewer brought on stage
 * and sent back). Taking it back unpublishes their tracks (LiveKit does so when canPublish drops).
 * A participant not in the room (left already) is not an error.
 */
export async function setCanPublish(s: LiveKitSettings, room: string, identity: string, publish: boolean) {
  try {
    await api(() =>
      rooms(s).updateParticipant(room, identity, undefined, {
        canPublish: publish,
        canSubscribe: true,
        canPublishData: false,
      }),
    );
  } catch (err) {
    if (!/not found|does not exist|not_found/i.test(String(err))) throw err;
  }
}

export async function deleteRoom(s: LiveKitSettings, name: string): Promise<void> {
  await api(() => rooms(s).deleteRoom(name)).catch((err) => {
    if (!/not found|does not exist|not_found/i.test(String(err))) throw err;
  });
}

export type { WebhookEvent };
