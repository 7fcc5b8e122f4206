// The private calendar feed (no session: the unguessable token in the URL is the credential).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedIcs } from "~/domain/meetings/calendar.server";
import { meetingsForFeed } from "~/domain/meetings/calendar-feed.server";
import { appOrigin } from "~/lib/app-url.server";
import { orErrorPage } from "~/lib/responses.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const meetings = await orErrorPage(meetingsForFeed(params.token ?? ""));
  return new Response(feedIcs(meetings, appOrigin()), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, max-age=300",
      "X-Robots-Tag": "noindex",
    },
  });
}
