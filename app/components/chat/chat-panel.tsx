// Booth chat panel: live over socket.io (presence, typing, messages), history paged over HTTP.
// Messages are plain text rendered by React (escaped), never HTML.
import { Link } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { chatCatalog } from "~/i18n/catalog/chat";
import type { ChatMessageView } from "~/domain/chat/message";

export type ChatMsg = ChatMessageView;
type Sock = {
  emit: (...a: unknown[]) => void;
  on: (e: string, f: (p: never) => void) => void;
  connect(): void;
  close(): void;
};

export function ChatPanel({
  boothId,
  threadId: initialThread,
  initial,
  hasMore: initialMore,
  signedIn,
  selfId,
  showPresence = true,
}: {
  boothId: string;
  threadId: string | null;
  initial: ChatMsg[];
  hasMore: boolean;
  signedIn: boolean;
  selfId: string | null;
  showPresence?: boolean;
}) {
  const { t } = useI18n(chatCatalog);
  const [messages, setMessages] = useState(initial);
  const [threadId, setThreadId] = useState(initialThread);
  const [hasMore, setHasMore] = useState(initialMore);
  const [presence, setPresence] = useState<number | null>(null);
  const [typing, setTyping] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState("");
  const sock = useRef<Sock | null>(null);
  const lastTyping = useRef(0);
  const threadRef = useRef(threadId);
  threadRef.current = threadId;

  useEffect(() => {
    let closed = false;
    void import("socket.io-client").then(({ io }) => {
      if (closed) return;
      const s = io({ transports: ["websocket", "polling"] }) as unknown as Sock;
      s.on("connect", () => s.emit("booth:join", { boothId }));
      // The server closes a socket whose session ended (logout elsewhere, password reset): come back
      // as whoever the cookie says now (anonymous, most likely). Network losses reconnect by themselves.
      s.on("disconnect", (reason: string) => {
        if (reason === "io server disconnect") setTimeout(() => !closed && s.connect(), 1000);
      });
      s.on("booth:presence", (p: { boothId: string; count: number }) => p.boothId === boothId && setPresence(p.count));
      s.on("chat:message", (m: ChatMsg & { boothId: string }) => {
        if (m.boothId !== boothId || (threadRef.current && m.threadId !== threadRef.current)) return;
        if (!threadRef.current) setThreadId(m.threadId);
        setMessages((xs) => (xs.some((x) => x.id === m.id) ? xs : [...xs, { ...m, mine: m.senderUserId === selfId }]));
        setTyping(null);
      });
      s.on("chat:typing", (p: { threadId: string; name: string }) => {
        if (p.threadId !== threadRef.current) return;
        setTyping(p.name);
        setTimeout(() => setTyping(null), 3000);
      });
      sock.current = s;
    });
    return () => {
      closed = true;
      sock.current?.emit("booth:leave", { boothId });
      sock.current?.close();
    };
  }, [boothId, selfId]);

  const loadEarlier = async () => {
    if (!threadId || messages.length === 0) return;
    const res = await fetch(`/chat/${threadId}?before=${messages[0].id}`);
    if (!res.ok) return;
    const page = (await res.json()) as { messages: ChatMsg[]; hasMore: boolean };
    setMessages((xs) => [...page.messages, ...xs]);
    setHasMore(page.hasMore);
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    if (!body || !sock.current) return;
    sock.current.emit(
      "chat:send",
      { boothId, threadId: threadId ?? undefined, body },
      (r: { ok: boolean; error?: string; message?: ChatMsg }) => {
        if (!r.ok) return setError(r.error ?? "");
        setError(null);
        setText("");
        if (r.message) {
          setThreadId(r.message.threadId);
          setMessages((xs) => (xs.some((x) => x.id === r.message!.id) ? xs : [...xs, { ...r.message!, mine: true }]));
        }
      },
    );
  };

  return (
    <div className="space-y-2" data-testid="chat">
      {showPresence && presence !== null && (
        <p className="text-xs text-slate-500" data-testid="presence">
          {t("chat.presence", { count: presence })}
        </p>
      )}
      {hasMore && (
        <button type="button" onClick={loadEarlier} className="text-xs text-brand-700">
          {t("chat.earlier")}
        </button>
      )}
      <ul
        className="max-h-72 space-y-1 overflow-y-auto"
        data-testid="chat-messages"
        aria-live="polite"
        tabIndex={0}
        aria-label={t("chat.title")}
      >
        {messages.map((m) => (
          <li key={m.id} className={`rounded px-2 py-1 text-sm ${m.mine ? "ml-6 bg-brand-50" : "mr-6 bg-slate-100"}`}>
            <span className="block text-xs text-slate-500">{m.senderName}</span>
            <span className="whitespace-pre-wrap break-words">{m.body}</span>
          </li>
        ))}
      </ul>
      {typing && (
        <p className="text-xs text-slate-500" data-testid="typing">
          {t("chat.typing", { name: typing })}
        </p>
      )}
      {error && (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      )}
      {signedIn ? (
        <form onSubmit={submit} className="flex gap-2">
          <input
            value={text}
            maxLength={1000}
            onChange={(e) => {
              setText(e.target.value);
              if (threadId && Date.now() - lastTyping.current > 1500) {
                lastTyping.current = Date.now();
                sock.current?.emit("chat:typing", { threadId });
              }
            }}
            placeholder={t("chat.placeholder")}
            aria-label={t("chat.placeholder")}
            className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
          />
          <button type="submit" className="rounded bg-brand-600 px-3 py-1 text-sm text-white">
            {t("chat.send")}
          </button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">
          {t("chat.signIn")} <Link to="/login">{t("nav.login")}</Link>
        </p>
      )}
    </div>
  );
}
