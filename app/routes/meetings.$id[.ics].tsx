import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { meetingIcs } from "~/domain/meetings/calendar.server";
import { meetingForCalendar } from "~/domain/meetings/calendar-feed.server";
import { appOrigin } from "~/lib/app-url.server";
import { orErrorPage } from "~/lib/responses.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const meeting = await orErrorPage(meetingForCalendar(user, params.id ?? ""));
  return new Response(meetingIcs(meeting, appOrigin()), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="meeting-${meeting.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
