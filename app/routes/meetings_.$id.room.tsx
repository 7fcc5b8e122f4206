// A meeting's video room. Participants join with camera and microphone; staff of the organizing
// bureau observe hidden; everyone else gets 403. Outside [start − 10 min, end + 30 min] the page
// says when it opens (and opens by itself) or that it has closed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { requireUser } from "~/auth/guards.server";
import { Card } from "~/components/ui/form";
import { VideoRoom } from "~/components/video/video-room";
import { roomPage } from "~/domain/video/rooms.server";
import { useI18n } from "~/i18n/use-i18n";
import { privacyCatalog } from "~/i18n/catalog/privacy";
import { orErrorPage } from "~/lib/responses.server";
import { videoCatalog } from "~/i18n/catalog/video";

export const meta: MetaFunction = () => [{ title: "CloudFair · 云洽谈" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(
    { room: await orErrorPage(roomPage(user, params.id ?? "")) },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function MeetingRoom() {
  const { room } = useLoaderData<typeof loader>();
  const { t, pick, date } = useI18n(videoCatalog, privacyCatalog);
  const revalidator = useRevalidator();
  // "Not yet open": reload the page state the moment the window opens.
  useEffect(() => {
    if (room.state !== "early") return;
    const timer = setTimeout(
      () => revalidator.revalidate(),
      Math.min(2 ** 31 - 1, new Date(room.opensAt).getTime() - Date.now() + 500),
    );
    return () => clearTimeout(timer);
  }, [room.state, room.opensAt, revalidator]);

  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-slate-600">{pick(room.fair.titleZh, room.fair.titleEn)}</p>
        <h1 className="text-xl font-bold">
          {pick(room.investor.nameZh, room.investor.nameEn)} × {pick(room.exhibitor.nameZh, room.exhibitor.nameEn)}
        </h1>
        <p className="text-sm text-slate-700">
          {date(room.startsAt, room.timeZone, true)} – {date(room.endsAt, room.timeZone, true)} ({room.timeZone})
          {room.observer && (
            <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-xs">{t("video.observerBadge")}</span>
          )}
        </p>
      </div>
      {!room.videoConfigured ? (
        <Card>
          <p role="alert">{t("video.notConfigured")}</p>
        </Card>
      ) : room.state === "early" ? (
        <Card>
          <p data-testid="room-not-open">{t("video.notOpenYet", { time: date(room.opensAt, room.timeZone, true) })}</p>
        </Card>
      ) : room.state === "cancelled" ? (
        <Card>
          <p data-testid="room-closed">{t("video.cancelled")}</p>
        </Card>
      ) : room.state === "closed" ? (
        <Card>
          <p data-testid="room-closed">{t("video.closed")}</p>
        </Card>
      ) : (
        <VideoRoom
          meetingId={room.id}
          observer={room.observer}
          endsAt={room.endsAt}
          recordingAvailable={room.recordingAvailable}
          consented={room.consented}
          recordingWording={t("consent.text.recording", {
            org: pick(room.counterpart.nameZh, room.counterpart.nameEn),
          })}
          withdrawLabel={t("consent.withdrawRecording")}
          canExtend={room.canExtend}
          onChanged={() => revalidator.revalidate()}
        />
      )}
      {!room.observer && (
        <p className="text-sm">
          <Link to={`/meetings/${room.id}/outcome`} data-testid="outcome-link">
            {t("outcome.link")} →
          </Link>
        </p>
      )}
      {room.recordings.length > 0 && (
        <Card>
          <h2 className="mb-2 font-semibold">{t("video.recordings")}</h2>
          <ul className="text-sm" data-testid="recordings">
            {room.recordings.map((r) => (
              <li key={r.id}>
                {r.location ? <a href={r.location}>{r.filename}</a> : r.filename}
                {r.endedAt && ` · ${date(r.endedAt, room.timeZone, true)}`}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
