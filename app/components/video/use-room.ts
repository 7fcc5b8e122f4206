// The LiveKit room on the client: connect, publish, follow participants, chat over data messages,
// room metadata (end time, recording) and reconnection. livekit-client is loaded on demand in the
// browser only (never during server rendering).
import type { Participant, Room } from "livekit-client";
import { useCallback, useEffect, useRef, useState } from "react";

export type RoomPhase = "idle" | "connecting" | "connected" | "reconnecting" | "disconnected" | "error";
export interface ChatLine {
  id: string;
  from: string;
  text: string;
  at: number;
  mine: boolean;
}
export interface RoomMeta {
  endsAt?: string;
  recording?: { available: boolean; consented: number; needed: number };
  recordingActive?: boolean;
}
export interface JoinOptions {
  url: string;
  token: string;
  observer: boolean;
  cameraId?: string;
  micId?: string;
  camera: boolean;
  mic: boolean;
}

export const CHAT_MAX = 1000;
const CHAT_TOPIC = "chat";

export async function loadLiveKit() {
  return import("livekit-client");
}

export function useLiveKitRoom() {
  const roomRef = useRef<Room | null>(null);
  const [phase, setPhase] = useState<RoomPhase>("idle");
  const [version, setVersion] = useState(0);
  const [chat, setChat] = useState<ChatLine[]>([]);
  const [meta, setMeta] = useState<RoomMeta>({});
  const [error, setError] = useState<string | null>(null);
  const [reconnects, setReconnects] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);

  const join = useCallback(
    async (o: JoinOptions) => {
      setPhase("connecting");
      setError(null);
      try {
        const { Room, RoomEvent } = await loadLiveKit();
        const room = new Room({
          adaptiveStream: true,
          dynacast: true,
          videoCaptureDefaults: { deviceId: o.cameraId },
          audioCaptureDefaults: { deviceId: o.micId },
        });
        roomRef.current = room;
        // A handle for diagnostics in the browser console and for the e2e network-loss test.
        (window as unknown as { __cloudfairRoom?: Room }).__cloudfairRoom = room;
        const parseMeta = (m: string | undefined) => {
          try {
            setMeta(m ? (JSON.parse(m) as RoomMeta) : {});
          } catch {
            /* not ours */
          }
        };
        room
          .on(RoomEvent.ParticipantConnected, bump)
          .on(RoomEvent.ParticipantDisconnected, bump)
          .on(RoomEvent.TrackSubscribed, bump)
          .on(RoomEvent.TrackUnsubscribed, bump)
          .on(RoomEvent.TrackMuted, bump)
          .on(RoomEvent.TrackUnmuted, bump)
          .on(RoomEvent.LocalTrackPublished, bump)
          .on(RoomEvent.LocalTrackUnpublished, bump)
          .on(RoomEvent.ConnectionQualityChanged, bump)
          .on(RoomEvent.ActiveSpeakersChanged, bump)
          .on(RoomEvent.RoomMetadataChanged, parseMeta)
          .on(RoomEvent.Reconnecting, () => setPhase("reconnecting"))
          .on(RoomEvent.Reconnected, () => {
            setPhase("connected");
            setReconnects((n) => n + 1);
          })
          .on(RoomEvent.Disconnected, () => setPhase("disconnected"))
          .on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
            if (topic !== CHAT_TOPIC) return;
            const text = new TextDecoder().decode(payload).slice(0, CHAT_MAX);
            setChat((c) => [
              ...c.slice(-199),
              {
                id: `${Date.now()}-${Math.random()}`,
                from: displayName(participant),
                text,
                at: Date.now(),
                mine: false,
              },
            ]);
          });
        await room.connect(o.url, o.token);
        parseMeta(room.metadata);
        // Show the room (and the other side's video) at once; publishing runs alongside.
        setPhase("connected");
        bump();
        if (!o.observer) {
          // Publish what the user chose in the preview; a missing or refused device is not fatal.
          await Promise.all([
            room.localParticipant.setMicrophoneEnabled(o.mic).catch(() => setError("mic")),
            room.localParticipant.setCameraEnabled(o.camera).catch(() => setError("camera")),
          ]);
          bump();
        }
      } catch (err) {
        console.error(err);
        setPhase("error");
        setError("connect");
      }
    },
    [bump],
  );

  const leave = useCallback(async () => {
    await roomRef.current?.disconnect();
    setPhase("disconnected");
  }, []);

  useEffect(() => () => void roomRef.current?.disconnect(), []);

  const toggle = useCallback(
    async (what: "mic" | "camera" | "screen") => {
      const lp = roomRef.current?.localParticipant;
      if (!lp) return;
      try {
        if (what === "mic") await lp.setMicrophoneEnabled(!lp.isMicrophoneEnabled);
        if (what === "camera") await lp.setCameraEnabled(!lp.isCameraEnabled);
        if (what === "screen") await lp.setScreenShareEnabled(!lp.isScreenShareEnabled);
      } catch {
        setError(what);
      }
      bump();
    },
    [bump],
  );

  const switchDevice = useCallback(async (kind: "videoinput" | "audioinput", deviceId: string) => {
    await roomRef.current?.switchActiveDevice(kind, deviceId);
  }, []);

  const sendChat = useCallback(async (text: string) => {
    const room = roomRef.current;
    const clean = text.trim().slice(0, CHAT_MAX);
    if (!room || !clean) return;
    await room.localParticipant.publishData(new TextEncoder().encode(clean), { reliable: true, topic: CHAT_TOPIC });
    setChat((c) => [
      ...c.slice(-199),
      { id: `${Date.now()}-me`, from: displayName(room.localParticipant), text: clean, at: Date.now(), mine: true },
    ]);
  }, []);

  const room = roomRef.current;
  const participants: Participant[] = room ? [room.localParticipant, ...room.remoteParticipants.values()] : [];
  return {
    phase,
    version,
    participants,
    chat,
    meta,
    error,
    reconnects,
    join,
    leave,
    toggle,
    switchDevice,
    sendChat,
    room,
  };
}

export interface ParticipantInfo {
  name: string;
  orgZh: string;
  orgEn: string;
  role: string;
}
export function participantInfo(p: Participant | undefined): ParticipantInfo {
  try {
    const m = JSON.parse(p?.metadata || "{}") as Partial<ParticipantInfo>;
    return { name: m.name ?? p?.name ?? "", orgZh: m.orgZh ?? "", orgEn: m.orgEn ?? "", role: m.role ?? "" };
  } catch {
    return { name: p?.name ?? "", orgZh: "", orgEn: "", role: "" };
  }
}
const displayName = (p: Participant | undefined) => participantInfo(p).name || p?.identity || "?";
