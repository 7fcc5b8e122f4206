import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireRole } from "~/auth/guards.server";
import { ChatPanel } from "~/components/chat/chat-panel";
import { Card } from "~/components/ui/form";
import { history, inbox } from "~/domain/chat/chat.server";
import { useI18n } from "~/i18n/use-i18n";
import { orErrorPage } from "~/lib/responses.server";
import { chatCatalog } from "~/i18n/catalog/chat";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  const threads = await inbox(user);
  const selected = new URL(request.url).searchParams.get("t") ?? threads[0]?.id ?? null;
  const thread = selected ? (threads.find((x) => x.id === selected) ?? null) : null;
  const open = thread ? await orErrorPage(history(user, thread.id)) : null;
  return json({ threads, thread, open, selfId: user.id });
}

export default function Inbox() {
  const { threads, thread, open, selfId } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, date } = useI18n(chatCatalog);
  return (
    <div className="grid gap-4 md:grid-cols-3">
      <Card className="md:col-span-1">
        <h1 className="mb-2 text-lg font-semibold">{t("chat.inbox")}</h1>
        {threads.length === 0 && <p className="text-sm text-slate-600">{t("chat.inboxEmpty")}</p>}
        <ul className="divide-y divide-slate-100" data-testid="inbox">
          {threads.map((x) => (
            <li key={x.id}>
              <Link
                to={`?t=${x.id}`}
                className={`block py-2 text-sm no-underline ${x.id === (params.get("t") ?? thread?.id) ? "font-semibold" : ""}`}
              >
                {x.visitorName}
                <span className="block truncate text-xs text-slate-500">
                  {x.last} · {date(x.lastAt, "Asia/Shanghai", true)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
      {thread && open && (
        <Card className="md:col-span-2">
          <h2 className="mb-2 font-semibold">{thread.visitorName}</h2>
          <ChatPanel
            key={thread.id}
            boothId={thread.boothId}
            threadId={thread.id}
            initial={open.messages}
            hasMore={open.hasMore}
            signedIn
            selfId={selfId}
            showPresence={false}
          />
        </Card>
      )}
    </div>
  );
}
