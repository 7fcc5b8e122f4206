// In-room chat over LiveKit data messages (text rendered as text, never HTML).
import { useState } from "react";
import { useI18n } from "~/i18n/use-i18n";
import { CHAT_MAX, type ChatLine } from "./use-room";
import { chatCatalog } from "~/i18n/catalog/chat";
import { videoCatalog } from "~/i18n/catalog/video";

export function RoomChat({
  lines,
  onSend,
  readOnly,
}: {
  lines: ChatLine[];
  onSend: (text: string) => Promise<void>;
  readOnly: boolean;
}) {
  const { t } = useI18n(chatCatalog, videoCatalog);
  const [text, setText] = useState("");
  return (
    <section className="flex h-full flex-col rounded-lg border border-slate-200 bg-white" aria-label={t("video.chat")}>
      <h2 className="border-b border-slate-100 px-3 py-2 text-sm font-semibold">{t("video.chat")}</h2>
      <ol
        className="flex-1 space-y-1 overflow-y-auto px-3 py-2 text-sm"
        data-testid="room-chat"
        aria-live="polite"
        tabIndex={0}
        aria-label={t("video.chat")}
      >
        {lines.length === 0 && <li className="text-slate-500">{t("video.chatEmpty")}</li>}
        {lines.map((l) => (
          <li key={l.id} className={l.mine ? "text-right" : ""}>
            <span className="text-xs text-slate-500">{l.from}</span>
            <br />
            <span className="whitespace-pre-wrap break-words">{l.text}</span>
          </li>
        ))}
      </ol>
      {!readOnly && (
        <form
          className="flex gap-2 border-t border-slate-100 p-2"
          onSubmit={async (e) => {
            e.preventDefault();
            if (text.trim()) {
              await onSend(text);
              setText("");
            }
          }}
        >
          <label className="sr-only" htmlFor="room-chat-input">
            {t("video.chatPlaceholder")}
          </label>
          <input
            id="room-chat-input"
            className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
            maxLength={CHAT_MAX}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t("video.chatPlaceholder")}
          />
          <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-sm text-white">
            {t("chat.send")}
          </button>
        </form>
      )}
    </section>
  );
}
