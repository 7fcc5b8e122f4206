// Earlier messages of a chat thread (JSON), for its visitor and the booth's team only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { history } from "~/domain/chat/chat.server";
import { orErrorPage } from "~/lib/responses.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const before = new URL(request.url).searchParams.get("before")?.slice(0, 64) || undefined;
  return json(await orErrorPage(history(user, params.threadId ?? "", before)));
}
