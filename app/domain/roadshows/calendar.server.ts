// A roadshow's calendar file: times in the fair's zone with its VTIMEZONE (as for meetings).
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { SessionUser } from "~/auth/session.server";
import { wallDate } from "~/domain/meetings/calendar.server";
import { vtimezone } from "~/domain/meetings/vtimezone";
import { visibleRoadshow } from "./roadshows.server";

export async function roadshowIcs(user: SessionUser | null, slug: string, id: string, origin: string) {
  const r = await visibleRoadshow(user, slug, id);
  const zone = r.fair.timeZone;
  const cal = ical({
    name: "云展洽 CloudFair · 云推介",
    prodId: { company: "CloudFair", product: "roadshows", language: "ZH" },
    method: ICalCalendarMethod.PUBLISH,
  });
  cal.timezone({ name: zone, generator: (z) => vtimezone(z, r.startsAt, r.endsAt) });
  const url = `${origin}/fairs/${r.fair.slug}/roadshows/${r.id}`;
  cal.createEvent({
    id: `roadshow-${r.id}@cloudfair`,
    start: wallDate(r.startsAt, zone),
    end: wallDate(r.endsAt, zone),
    timezone: zone,
    summary: `云推介 Roadshow: ${r.titleZh} / ${r.titleEn}`,
    description: `${r.fair.titleZh} · ${r.fair.titleEn}\n${url}`,
    url,
    status: r.status === "REJECTED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return { id: r.id, body: cal.toString() };
}
