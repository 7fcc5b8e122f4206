import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { requireRole } from "~/auth/guards.server";
import { ChatPanel } from "~/components/chat/chat-panel";
import { useSocket } from "~/components/realtime/use-socket";
import { Card } from "~/components/ui/form";
import { history, inbox, teamBoothIds } from "~/domain/chat/chat.server";
import { useI18n } from "~/i18n/use-i18n";
import { orErrorPage } from "~/lib/responses.server";
import { chatCatalog } from "~/i18n/catalog/chat";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EXHIBITOR");
  const boothIds = await teamBoothIds(user);
  const threads = await inbox(user, boothIds);
  const selected = new URL(request.url).searchParams.get("t") ?? threads[0]?.id ?? null;
  const thread = selected ? (threads.find((x) => x.id === selected) ?? null) : null;
  const open = thread ? await orErrorPage(history(user, thread.id)) : null;
  return json({ threads, thread, open, selfId: user.id, boothIds });
}

type Thread = { id: string; boothId: string; visitorName: string; last: string; lastAt: string };
type Incoming = {
  id: string;
  threadId: string;
  boothId: string;
  senderUserId: string;
  senderName: string;
  body: string;
  createdAt: string;
};

/**
 * The thread list kept live: every message to one of the team's booths (pushed to each member's
 * `user:<id>` room, ADR 013) moves its conversation to the top with the new text; a visitor's first
 * message adds the conversation. Threads with messages not yet seen here are marked.
 */
function useLiveThreads(initial: Thread[], boothIds: string[], selfId: string, openId: string | null) {
  const [threads, setThreads] = useState(initial);
  const [unseen, setUnseen] = useState<Set<string>>(new Set());
  useEffect(() => setThreads(initial), [initial]);
  useEffect(() => {
    if (openId) setUnseen((u) => (u.has(openId) ? new Set([...u].filter((id) => id !== openId)) : u));
  }, [openId]);
  const booths = boothIds.join(",");
  useSocket(
    (s) => {
      const mine = new Set(booths.split(","));
      s.on("chat:message", (m: Incoming) => {
        if (!mine.has(m.boothId)) return; // the user's own visits to other booths
        setThreads((xs) => {
          const known = xs.find((x) => x.id === m.threadId);
          const updated: Thread = {
            id: m.threadId,
            boothId: m.boothId,
            // Only a visitor starts a conversation, so a new thread's first sender is its visitor.
            visitorName: known?.visitorName ?? m.senderName,
            last: m.body,
            lastAt: m.createdAt,
          };
          return [updated, ...xs.filter((x) => x.id !== m.threadId)];
        });
        if (m.senderUserId !== selfId && m.threadId !== openId) setUnseen((u) => new Set(u).add(m.threadId));
      });
    },
    [booths, selfId, openId],
  );
  return { threads, unseen };
}

export default function Inbox() {
  const { threads: initial, thread, open, selfId, boothIds } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, date } = useI18n(chatCatalog);
  const { threads, unseen } = useLiveThreads(initial, boothIds, selfId, thread?.id ?? null);
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
                {unseen.has(x.id) && (
                  <span className="ml-2 rounded-full bg-red-600 px-1.5 text-xs text-white" data-testid="inbox-new">
                    {t("chat.new")}
                  </span>
                )}
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
