// Switch camera or microphone while in the room.
import { useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { loadLiveKit } from "./use-room";
import { videoCatalog } from "~/i18n/catalog/video";

export function DeviceMenu({
  onSwitch,
}: {
  onSwitch: (kind: "videoinput" | "audioinput", deviceId: string) => Promise<void>;
}) {
  const { t } = useI18n(videoCatalog);
  const [devices, setDevices] = useState<{ cams: MediaDeviceInfo[]; mics: MediaDeviceInfo[] } | null>(null);
  const load = async () => {
    const { Room } = await loadLiveKit();
    setDevices({ cams: await Room.getLocalDevices("videoinput"), mics: await Room.getLocalDevices("audioinput") });
  };
  const select = (kind: "videoinput" | "audioinput", label: string, list: MediaDeviceInfo[]) => (
    <label className="block text-xs">
      {label}
      <select
        className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm"
        defaultValue=""
        onChange={(e) => e.target.value && onSwitch(kind, e.target.value)}
      >
        <option value="">{t("video.defaultDevice")}</option>
        {list.map((d) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || d.deviceId.slice(0, 8)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <details
      className="relative"
      onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && !devices && void load()}
    >
      <summary className="cursor-pointer list-none rounded border border-slate-300 px-3 py-1.5 text-sm">
        {t("video.devices")}
      </summary>
      <div className="absolute z-10 mt-1 w-64 space-y-2 rounded border border-slate-200 bg-white p-3 shadow-lg">
        {devices ? (
          <>
            {select("videoinput", t("video.camera"), devices.cams)}
            {select("audioinput", t("video.microphone"), devices.mics)}
          </>
        ) : (
          <p className="text-xs text-slate-500">…</p>
        )}
      </div>
    </details>
  );
}
