// The negotiation room: pre-join preview, participant tiles, controls (mic, camera, screen share,
// extend, recording consent, leave), in-room chat, a countdown to the end of the slot and a
// banner while LiveKit reconnects.
import { Circle } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { DeviceMenu } from "./device-menu";
import { Prejoin, type PrejoinChoice } from "./prejoin";
import { RoomChat } from "./room-chat";
import { ParticipantTile } from "./tile";
import { useLiveKitRoom } from "./use-room";
import { videoCatalog } from "~/i18n/catalog/video";

export interface VideoRoomProps {
  meetingId: string;
  observer: boolean;
  endsAt: string;
  recordingAvailable: boolean;
  consented: boolean;
  /** The words recording consent is given under (stored with the consent), shown beside the button. */
  recordingWording?: string;
  /** Label of the button that withdraws a given recording consent. */
  withdrawLabel?: string;
  canExtend: boolean;
  /** Called after the meeting changed on the server (e.g. extended), to reload the page's data. */
  onChanged?: () => void;
}

async function post(meetingId: string, intent: string): Promise<{ ok: boolean; data: Record<string, unknown> }> {
  const body = new FormData();
  body.set("intent", intent);
  const res = await fetch(`/meetings/${meetingId}/video`, { method: "POST", body, credentials: "same-origin" });
  return { ok: res.ok, data: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

export function VideoRoom(props: VideoRoomProps) {
  const { t } = useI18n(videoCatalog);
  const lk = useLiveKitRoom();
  const [notice, setNotice] = useState<string | null>(null);
  const [endsAt, setEndsAt] = useState(props.endsAt);
  const [consented, setConsented] = useState(props.consented);
  const clickedAt = useRef(0);
  const [firstFrameMs, setFirstFrameMs] = useState<number | null>(null);
  useEffect(() => {
    if (lk.meta.endsAt) setEndsAt(lk.meta.endsAt);
  }, [lk.meta.endsAt]);

  // The join token is fetched while the user looks at the preview, so "join" connects at once.
  // Tokens live 10 minutes; one older than 5 is fetched again.
  const prefetched = useRef<{ at: number; answer: Promise<{ ok: boolean; data: Record<string, unknown> }> } | null>(
    null,
  );
  const fetchToken = useCallback(
    () => (prefetched.current = { at: Date.now(), answer: post(props.meetingId, "token") }).answer,
    [props.meetingId],
  );
  useEffect(() => void fetchToken(), [fetchToken]);

  const join = async (choice: PrejoinChoice) => {
    clickedAt.current = performance.now();
    setFirstFrameMs(null);
    setNotice(null);
    const cached = prefetched.current;
    prefetched.current = null;
    let { ok, data } = cached && Date.now() - cached.at < 5 * 60_000 ? await cached.answer : await fetchToken();
    if (!ok && cached) ({ ok, data } = await fetchToken()); // the window may have opened since
    if (!ok) return setNotice(String(data.error ?? t("video.error.connect")));
    await lk.join({ url: String(data.url), token: String(data.token), observer: props.observer, ...choice });
  };
  const onFirstFrame = useCallback(
    () => setFirstFrameMs((v) => v ?? Math.round(performance.now() - clickedAt.current)),
    [],
  );
  const act = async (intent: "extend" | "consent" | "withdraw") => {
    const { ok, data } = await post(props.meetingId, intent);
    if (!ok) return setNotice(String(data.error ?? ""));
    if (intent === "extend" && typeof data.endsAt === "string") {
      setEndsAt(data.endsAt);
      setNotice(t("video.extended"));
      props.onChanged?.();
    }
    if (intent === "consent") setConsented(true);
    if (intent === "withdraw") setConsented(false);
  };

  const inRoom = lk.phase === "connected" || lk.phase === "reconnecting";
  const remotes = lk.participants.filter((p) => !p.isLocal);
  const local = lk.participants.find((p) => p.isLocal);
  const lp = lk.room?.localParticipant;
  const recording = lk.meta.recordingActive;

  return (
    <div
      className="space-y-3"
      data-testid="video-room"
      data-phase={lk.phase}
      data-first-frame-ms={firstFrameMs ?? undefined}
      data-reconnects={lk.reconnects}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Countdown endsAt={endsAt} />
        {recording && (
          <span className="rounded bg-red-600 px-2 py-0.5 text-xs font-semibold text-white" role="status">
            <Circle aria-hidden="true" className="inline-block h-2.5 w-2.5 fill-current" /> {t("video.recording")}
          </span>
        )}
      </div>
      {notice && (
        <p role="status" className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notice}
        </p>
      )}
      {lk.phase === "reconnecting" && (
        <p role="alert" className="rounded bg-amber-100 px-3 py-2 text-sm" data-testid="reconnecting">
          {t("video.reconnecting")}
        </p>
      )}
      {lk.error && (
        <p role="alert" className="text-sm text-red-700">
          {t(`video.error.${lk.error}` as never)}
        </p>
      )}

      {!inRoom &&
        (props.observer ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-700">{t("video.observerNote")}</p>
            <button
              type="button"
              className="rounded bg-blue-700 px-4 py-2 text-white"
              onClick={() => join({ camera: false, mic: false })}
              data-testid="join-button"
            >
              {t("video.observe")}
            </button>
          </div>
        ) : lk.phase === "disconnected" ? (
          <div className="space-y-2">
            <p className="text-sm">{t("video.left")}</p>
            <button
              type="button"
              className="rounded bg-blue-700 px-4 py-2 text-white"
              onClick={() => join({ camera: true, mic: true })}
              data-testid="rejoin-button"
            >
              {t("video.rejoin")}
            </button>
          </div>
        ) : (
          <Prejoin onJoin={join} busy={lk.phase === "connecting"} />
        ))}

      {inRoom && (
        <div className="grid gap-3 lg:grid-cols-[1fr_18rem]">
          <div className="space-y-3">
            <div className="grid gap-2 sm:grid-cols-2" data-testid="tiles">
              {remotes.flatMap((p) => [
                <ParticipantTile
                  key={`${p.identity}-cam`}
                  participant={p}
                  source="camera"
                  onFirstFrame={onFirstFrame}
                />,
                ...(p.isScreenShareEnabled
                  ? [<ParticipantTile key={`${p.identity}-screen`} participant={p} source="screen_share" />]
                  : []),
              ])}
              {local && !props.observer && <ParticipantTile participant={local} source="camera" />}
              {local?.isScreenShareEnabled && <ParticipantTile participant={local} source="screen_share" />}
              {remotes.length === 0 && (
                <p
                  className="flex aspect-video items-center justify-center rounded-lg bg-slate-100 text-sm text-slate-600"
                  data-testid="waiting"
                >
                  {t("video.waiting")}
                </p>
              )}
            </div>
            <div className="flex flex-wrap gap-2" role="toolbar" aria-label={t("video.controls")}>
              {!props.observer && lp && (
                <>
                  <Toggle
                    on={lp.isMicrophoneEnabled}
                    onClick={() => lk.toggle("mic")}
                    labelOn={t("video.muteMic")}
                    labelOff={t("video.unmuteMic")}
                  />
                  <Toggle
                    on={lp.isCameraEnabled}
                    onClick={() => lk.toggle("camera")}
                    labelOn={t("video.stopCamera")}
                    labelOff={t("video.startCamera")}
                  />
                  <DeviceMenu onSwitch={lk.switchDevice} />
                  <Toggle
                    on={lp.isScreenShareEnabled}
                    onClick={() => lk.toggle("screen")}
                    labelOn={t("video.stopShare")}
                    labelOff={t("video.share")}
                  />
                  {props.canExtend && (
                    <button
                      type="button"
                      className="rounded border border-slate-300 px-3 py-1.5 text-sm"
                      onClick={() => act("extend")}
                      data-testid="extend-button"
                    >
                      {t("video.extend")}
                    </button>
                  )}
                  {props.recordingAvailable && !recording && (
                    <button
                      type="button"
                      className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700 disabled:opacity-60"
                      disabled={consented}
                      onClick={() => act("consent")}
                      data-testid="record-button"
                    >
                      {consented ? t("video.recordWaiting") : t("video.recordConsent")}
                    </button>
                  )}
                  {props.recordingAvailable && consented && props.withdrawLabel && (
                    <button
                      type="button"
                      className="rounded border border-slate-300 px-3 py-1.5 text-sm"
                      onClick={() => act("withdraw")}
                      data-testid="record-withdraw"
                    >
                      {props.withdrawLabel}
                    </button>
                  )}
                  {props.recordingAvailable && !consented && props.recordingWording && (
                    <p className="basis-full text-xs text-slate-600" data-testid="record-wording">
                      {props.recordingWording}
                    </p>
                  )}
                </>
              )}
              <button
                type="button"
                className="rounded bg-red-600 px-3 py-1.5 text-sm text-white"
                onClick={() => lk.leave()}
                data-testid="leave-button"
              >
                {t("video.leave")}
              </button>
            </div>
          </div>
          <div className="h-80 lg:h-auto">
            <RoomChat lines={lk.chat} onSend={lk.sendChat} readOnly={props.observer} />
          </div>
        </div>
      )}
    </div>
  );
}

function Toggle({
  on,
  onClick,
  labelOn,
  labelOff,
}: {
  on: boolean;
  onClick: () => void;
  labelOn: string;
  labelOff: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={on}
      className={`rounded px-3 py-1.5 text-sm ${on ? "bg-slate-800 text-white" : "border border-slate-300 bg-white"}`}
      onClick={onClick}
    >
      {on ? labelOn : labelOff}
    </button>
  );
}

/** Minutes and seconds left in the slot; turns red in the last 2 minutes. */
function Countdown({ endsAt }: { endsAt: string }) {
  const { t } = useI18n(videoCatalog);
  // Starts on the client only: a time computed during server rendering would not match hydration.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (now === null)
    return (
      <p className="font-mono text-sm text-slate-700" data-testid="countdown">
        &nbsp;
      </p>
    );
  const left = Math.max(0, new Date(endsAt).getTime() - now);
  const mm = String(Math.floor(left / 60_000)).padStart(2, "0");
  const ss = String(Math.floor((left % 60_000) / 1000)).padStart(2, "0");
  return (
    <p
      className={`font-mono text-sm ${left < 120_000 ? "text-red-700" : "text-slate-700"}`}
      data-testid="countdown"
      aria-live="off"
    >
      {left > 0 ? t("video.timeLeft", { time: `${mm}:${ss}` }) : t("video.overtime")}
    </p>
  );
}
