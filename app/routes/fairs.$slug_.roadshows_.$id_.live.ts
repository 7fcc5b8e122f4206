// JSON endpoint the live room calls for its LiveKit token (this roadshow's room only, inside its
// window; presenters publish, viewers subscribe only). Every call checks who is asking.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { issueRoadshowToken } from "~/domain/roadshows/roadshows.server";
import { requestContext } from "~/i18n/request.server";
import { DomainError, retryAfterHeaders } from "~/lib/errors";
import { intentOf } from "~/lib/forms.server";

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const intent = intentOf(await request.formData());
  const { t } = await requestContext(request, user);
  if (intent !== "token") return json({ error: t("error.invalidChoice") }, { status: 400 });
  try {
    return json(await issueRoadshowToken(user, params.slug ?? "", params.id ?? ""), {
      headers: { "Cache-Control": "no-store" },
    });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return json({ error: t(err.key, err.params) }, { status: err.status, headers: retryAfterHeaders(err) });
  }
}

export const loader = () => new Response("Method Not Allowed", { status: 405 });
