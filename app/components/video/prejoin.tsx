// Before joining: camera preview, device selection and camera/mic toggles.
import type { LocalVideoTrack } from "livekit-client";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { loadLiveKit } from "./use-room";
import { videoCatalog } from "~/i18n/catalog/video";

export interface PrejoinChoice {
  cameraId?: string;
  micId?: string;
  camera: boolean;
  mic: boolean;
}

export function Prejoin({ onJoin, busy }: { onJoin: (c: PrejoinChoice) => void; busy: boolean }) {
  const { t } = useI18n(videoCatalog);
  const video = useRef<HTMLVideoElement>(null);
  const [cams, setCams] = useState<MediaDeviceInfo[]>([]);
  const [mics, setMics] = useState<MediaDeviceInfo[]>([]);
  const [choice, setChoice] = useState<PrejoinChoice>({ camera: true, mic: true });
  const [problem, setProblem] = useState(false);

  useEffect(() => {
    let track: LocalVideoTrack | undefined;
    let stopped = false;
    (async () => {
      const { createLocalVideoTrack, Room } = await loadLiveKit();
      try {
        if (choice.camera) {
          track = await createLocalVideoTrack({ deviceId: choice.cameraId, resolution: { width: 640, height: 360 } });
          if (stopped) return track.stop();
          if (video.current) track.attach(video.current);
        }
        setCams(await Room.getLocalDevices("videoinput"));
        setMics(await Room.getLocalDevices("audioinput"));
        setProblem(false);
      } catch {
        setProblem(true);
      }
    })();
    return () => {
      stopped = true;
      track?.stop();
    };
  }, [choice.camera, choice.cameraId]);

  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="prejoin">
      <div className="overflow-hidden rounded-lg bg-slate-900">
        {choice.camera ? (
          <video ref={video} className="aspect-video w-full -scale-x-100 object-cover" autoPlay playsInline muted />
        ) : (
          <div className="flex aspect-video items-center justify-center text-slate-300">{t("video.cameraOff")}</div>
        )}
      </div>
      <div className="space-y-3">
        {problem && (
          <p role="alert" className="text-sm text-amber-700">
            {t("video.deviceProblem")}
          </p>
        )}
        <label className="block text-sm">
          {t("video.camera")}
          <select
            className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
            value={choice.cameraId ?? ""}
            onChange={(e) => setChoice({ ...choice, cameraId: e.target.value || undefined })}
          >
            <option value="">{t("video.defaultDevice")}</option>
            {cams.map((d) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || d.deviceId.slice(0, 8)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          {t("video.microphone")}
          <select
            className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
            value={choice.micId ?? ""}
            onChange={(e) => setChoice({ ...choice, micId: e.target.value || undefined })}
          >
            <option value="">{t("video.defaultDevice")}</option>
            {mics.map((d) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || d.deviceId.slice(0, 8)}
              </option>
            ))}
          </select>
        </label>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={choice.camera}
              onChange={(e) => setChoice({ ...choice, camera: e.target.checked })}
            />
            {t("video.camera")}
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={choice.mic}
              onChange={(e) => setChoice({ ...choice, mic: e.target.checked })}
            />
            {t("video.microphone")}
          </label>
        </div>
        <button
          type="button"
          className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white disabled:opacity-60"
          disabled={busy}
          onClick={() => onJoin(choice)}
          data-testid="join-button"
        >
          {busy ? t("video.joining") : t("video.join")}
        </button>
      </div>
    </div>
  );
}
