// JSON endpoint the room page calls: join token (this meeting's room only, inside its window),
// "extend 10 minutes", recording consent and its withdrawal. Every call checks who is asking.
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import type { SessionUser } from "~/auth/session.server";
import {
  consentToRecording,
  extendMeeting,
  issueJoinToken,
  withdrawRecordingConsent,
} from "~/domain/video/rooms.server";
import { requestContext } from "~/i18n/request.server";
import { DomainError, retryAfterHeaders } from "~/lib/errors";
import { intentOf } from "~/lib/forms.server";

export async function action({ params, request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const intent = intentOf(await request.formData());
  const { t, locale } = await requestContext(request, user);
  const runs = {
    token: issueJoinToken,
    extend: extendMeeting,
    // The consent record keeps the words in the language the room showed them in.
    consent: (u: SessionUser, m: string) => consentToRecording(u, m, new Date(), locale),
    withdraw: withdrawRecordingConsent,
  };
  const run = Object.hasOwn(runs, intent) ? runs[intent as keyof typeof runs] : undefined;
  if (!run) return json({ error: "unknown intent" }, { status: 400 });
  try {
    return json(await run(user, id), { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return json({ error: t(err.key, err.params) }, { status: err.status, headers: retryAfterHeaders(err) });
  }
}

export const loader = () => new Response("Method Not Allowed", { status: 405 });
