// One participant: their camera (or screen share), name, organization, mic state and connection quality.
import type { Participant, Track as LkTrack } from "livekit-client";
import { MicOff } from "lucide-react";
import { useEffect, useRef } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { participantInfo } from "./use-room";
import { videoCatalog } from "~/i18n/catalog/video";

const QUALITY_BARS: Record<string, number> = { excellent: 3, good: 2, poor: 1, lost: 0 };

export function ParticipantTile({
  participant,
  source,
  onFirstFrame,
}: {
  participant: Participant;
  source: "camera" | "screen_share";
  onFirstFrame?: () => void;
}) {
  const { t, pick } = useI18n(videoCatalog);
  const info = participantInfo(participant);
  const track = participant.getTrackPublication(source as LkTrack.Source)?.track;
  const remote = !participant.isLocal;
  const quality = String(participant.connectionQuality ?? "unknown");
  const bars = QUALITY_BARS[quality] ?? 0;
  const micOn = participant.isMicrophoneEnabled;
  return (
    <figure
      className={`relative overflow-hidden rounded-lg bg-slate-900 ${participant.isSpeaking ? "ring-2 ring-emerald-400" : ""}`}
      data-testid={remote ? "remote-tile" : "local-tile"}
    >
      {track ? (
        <VideoOf track={track} remote={remote} source={source} onFirstFrame={onFirstFrame} />
      ) : (
        <div
          className="flex aspect-video items-center justify-center text-4xl font-semibold text-slate-300"
          aria-hidden
        >
          {info.name.slice(0, 1) || "?"}
        </div>
      )}
      {source === "camera" && <AudioOf participant={participant} />}
      <figcaption className="absolute inset-x-0 bottom-0 flex items-center justify-between gap-2 bg-gradient-to-t from-black/70 to-transparent px-2 py-1 text-xs text-white">
        <span className="truncate">
          <span className="font-medium">
            {info.name}
            {participant.isLocal ? ` (${t("video.you")})` : ""}
          </span>
          {(info.orgZh || info.orgEn) && <span className="opacity-80"> · {pick(info.orgZh, info.orgEn)}</span>}
          {source === "screen_share" && <span className="opacity-80"> · {t("video.screen")}</span>}
        </span>
        <span className="flex shrink-0 items-center gap-2">
          {!micOn && (
            <span role="img" aria-label={t("video.micOff")} title={t("video.micOff")}>
              <MicOff aria-hidden="true" className="h-3.5 w-3.5" />
            </span>
          )}
          <span
            className="flex items-end gap-0.5"
            role="img"
            aria-label={t("video.quality", { quality: t(`video.quality.${quality}` as never) || quality })}
            title={quality}
            data-testid="quality"
          >
            {[1, 2, 3].map((b) => (
              <span
                key={b}
                className={`w-1 rounded-sm ${b <= bars ? "bg-emerald-400" : "bg-white/30"}`}
                style={{ height: 3 + b * 3 }}
              />
            ))}
          </span>
        </span>
      </figcaption>
    </figure>
  );
}

function VideoOf({
  track,
  remote,
  source,
  onFirstFrame,
}: {
  track: LkTrack;
  remote: boolean;
  source: string;
  onFirstFrame?: () => void;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    track.attach(el);
    let cancelled = false;
    if (remote && onFirstFrame && "requestVideoFrameCallback" in el) {
      el.requestVideoFrameCallback(() => !cancelled && onFirstFrame());
    }
    return () => {
      cancelled = true;
      track.detach(el);
    };
  }, [track, remote, onFirstFrame]);
  return (
    <video
      ref={ref}
      className={`aspect-video w-full object-cover ${!remote && source === "camera" ? "-scale-x-100" : ""}`}
      autoPlay
      playsInline
      muted={!remote}
      data-testid={remote ? "remote-video" : "local-video"}
    />
  );
}

/** Remote microphones play through hidden audio elements. */
function AudioOf({ participant }: { participant: Participant }) {
  const ref = useRef<HTMLAudioElement>(null);
  const track = participant.isLocal
    ? undefined
    : participant.getTrackPublication("microphone" as LkTrack.Source)?.track;
  useEffect(() => {
    const el = ref.current;
    if (!el || !track) return;
    track.attach(el);
    return () => void track.detach(el);
  }, [track]);
  return track ? <audio ref={ref} autoPlay /> : null;
}
