import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "~/auth/session.server";
import { roadshowIcs } from "~/domain/roadshows/calendar.server";
import { appOrigin } from "~/lib/app-url.server";
import { orErrorPage } from "~/lib/responses.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const ics = await orErrorPage(roadshowIcs(user, params.slug ?? "", params.id ?? "", appOrigin()));
  return new Response(ics.body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="roadshow-${ics.id}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
