// The live room of a roadshow. Video over LiveKit: presenters (and viewers a moderator brought on
// stage, whose permission the server grants) publish camera, microphone and screen; the audience
// subscribes only. Beside it, over socket.io: viewer count, chat, Q&A with upvotes and moderation,
// raised hands and the stage. Works on a phone as a viewer (one column, video first).
import type { Participant, Room } from "livekit-client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Socket } from "socket.io-client";
import { useSocket } from "~/components/realtime/use-socket";
import { ParticipantTile } from "~/components/video/tile";
import { loadLiveKit } from "~/components/video/use-room";
import { Button, Card } from "~/components/ui/form";
import { useI18n } from "~/i18n/use-i18n";
import { roadshowsCatalog } from "~/i18n/catalog/roadshows";
import { videoCatalog } from "~/i18n/catalog/video";

interface Question {
  id: string;
  text: string;
  name: string;
  votes: number;
  status: string;
  pinned: boolean;
}
interface Person {
  userId: string;
  identity: string;
  name: string;
}
interface Stage {
  status: string;
  spotlight: string | null;
  hands: Person[];
  stage: Person[];
}
interface ChatLine {
  id: string;
  name: string;
  text: string;
}
type Reply = { ok: boolean; error?: string } & Record<string, unknown>;

export function RoadshowLive({
  slug,
  roadshowId,
  status: initialStatus,
  moderator,
  onChanged,
}: {
  slug: string;
  roadshowId: string;
  status: string;
  moderator: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n(roadshowsCatalog, videoCatalog);
  const roomRef = useRef<Room | null>(null);
  const socketRef = useRef<Socket | null>(null);
  const [phase, setPhase] = useState<"idle" | "connecting" | "connected" | "error">("idle");
  const [error, setError] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const [me, setMe] = useState<string | null>(null);
  const [canPublish, setCanPublish] = useState(false);
  const [status, setStatus] = useState(initialStatus);
  const [viewers, setViewers] = useState(0);
  const [questions, setQuestions] = useState<Question[]>([]);
  const [voted, setVoted] = useState<Set<string>>(new Set());
  const [stage, setStage] = useState<Stage>({ status: initialStatus, spotlight: null, hands: [], stage: [] });
  const [chat, setChat] = useState<ChatLine[]>([]);
  const [tab, setTab] = useState<"qa" | "chat">("qa");
  const [draft, setDraft] = useState("");
  const [notice, setNotice] = useState<string | null>(null);

  // ── socket.io: room state beside the video ──
  useSocket(
    (s) => {
      socketRef.current = s;
      const mine = (p: { roadshowId?: string }) => p?.roadshowId === roadshowId;
      s.on("connect", () =>
        s.emit("roadshow:join", { roadshowId }, (r: Reply) => {
          if (!r.ok) return setNotice(r.error ?? null);
          const qs = r.questions as (Question & { voted?: boolean })[];
          setQuestions(qs);
          // This person's own upvotes (broadcasts do not say whose they are): one vote each, also after a reload.
          setVoted(new Set(qs.filter((q) => q.voted).map((q) => q.id)));
          if (r.stage) setStage(r.stage as Stage);
        }),
      );
      s.on("roadshow:viewers", (p: { roadshowId: string; count: number }) => mine(p) && setViewers(p.count));
      s.on("roadshow:questions", (p: { roadshowId: string; questions: Question[] }) => {
        if (mine(p) && !moderator) setQuestions(p.questions);
      });
      s.on("roadshow:questions:mod", (p: { roadshowId: string; questions: Question[] }) => {
        if (mine(p) && moderator) setQuestions(p.questions);
      });
      s.on("roadshow:stage", (p: Stage & { roadshowId: string }) => mine(p) && setStage(p));
      s.on("roadshow:chat", (p: ChatLine & { roadshowId: string }) => {
        if (mine(p)) setChat((c) => [...c.slice(-199), { id: p.id, name: p.name, text: p.text }]);
      });
      s.on("roadshow:status", (p: { roadshowId: string; status: string }) => {
        if (!mine(p)) return;
        setStatus(p.status);
        onChanged();
      });
    },
    [roadshowId, moderator],
  );
  const emit = (event: string, payload: object) =>
    new Promise<Reply>((resolve) => {
      const s = socketRef.current;
      if (!s) return resolve({ ok: false });
      s.emit(event, payload, (r: Reply) => {
        if (!r.ok && r.error) setNotice(r.error);
        resolve(r);
      });
    });

  // ── LiveKit ──
  const join = useCallback(async () => {
    setPhase("connecting");
    setError(null);
    try {
      const body = new FormData();
      body.set("intent", "token");
      const res = await fetch(`/fairs/${slug}/roadshows/${roadshowId}/live`, { method: "POST", body });
      const data = (await res.json()) as {
        token?: string;
        url?: string;
        publish?: boolean;
        identity?: string;
        error?: string;
      };
      if (!res.ok || !data.token || !data.url) throw new Error(data.error ?? String(res.status));
      const { Room, RoomEvent } = await loadLiveKit();
      const room = new Room({ adaptiveStream: true, dynacast: true });
      roomRef.current = room;
      (window as unknown as { __roadshowRoom?: Room }).__roadshowRoom = room;
      for (const ev of [
        RoomEvent.ParticipantConnected,
        RoomEvent.ParticipantDisconnected,
        RoomEvent.TrackSubscribed,
        RoomEvent.TrackUnsubscribed,
        RoomEvent.TrackMuted,
        RoomEvent.TrackUnmuted,
        RoomEvent.LocalTrackPublished,
        RoomEvent.LocalTrackUnpublished,
        RoomEvent.ActiveSpeakersChanged,
      ])
        room.on(ev, bump);
      // The server grants (stage invitation) or takes back the right to publish: follow it.
      room.on(RoomEvent.ParticipantPermissionsChanged, (_prev, participant) => {
        if (!participant.isLocal) return bump();
        const allowed = !!participant.permissions?.canPublish;
        setCanPublish(allowed);
        if (allowed) {
          void room.localParticipant.setCameraEnabled(true).catch(() => {});
          void room.localParticipant.setMicrophoneEnabled(true).catch(() => {});
        }
        bump();
      });
      room.on(RoomEvent.Disconnected, () => setPhase("idle"));
      await room.connect(data.url, data.token);
      setMe(data.identity ?? null);
      setCanPublish(!!data.publish);
      if (data.publish) {
        await room.localParticipant.setCameraEnabled(true).catch(() => {});
        await room.localParticipant.setMicrophoneEnabled(true).catch(() => {});
      }
      setPhase("connected");
      bump();
    } catch (e) {
      setError((e as Error).message);
      setPhase("error");
    }
  }, [slug, roadshowId, bump]);

  useEffect(() => {
    void join();
    return () => {
      void roomRef.current?.disconnect();
      roomRef.current = null;
    };
  }, [join]);

  const room = roomRef.current;
  const participants: Participant[] = room ? [room.localParticipant, ...room.remoteParticipants.values()] : [];
  const publishers = participants.filter((p) => p.videoTrackPublications.size > 0 || p.audioTrackPublications.size > 0);
  const spotlight = stage.spotlight;
  const ordered = [...publishers].sort((a, b) => Number(b.identity === spotlight) - Number(a.identity === spotlight));
  const local = room?.localParticipant;
  const myUserId = me?.replace(/^u_/, "") ?? "";
  const handUp = stage.hands.some((h) => h.userId === myUserId);
  const onStage = stage.stage.some((h) => h.userId === myUserId);

  const send = async () => {
    const text = draft.trim();
    if (!text) return;
    const r = await emit(tab === "qa" ? "roadshow:ask" : "roadshow:chat", { roadshowId, text });
    if (r.ok) setDraft("");
  };

  return (
    <div className="space-y-3" data-testid="roadshow-live" data-phase={phase}>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="rounded bg-slate-800 px-2 py-0.5 text-white" data-testid="roadshow-viewers">
          {t("roadshow.viewers", { count: viewers })}
        </span>
        {phase === "connecting" && <span>{t("roadshow.connecting")}</span>}
        {error && (
          <span role="alert" className="text-red-700">
            {error}
          </span>
        )}
        {notice && (
          <span role="status" className="text-amber-800" data-testid="roadshow-notice">
            {notice}
          </span>
        )}
      </div>

      {status === "SCHEDULED" && <p className="text-sm">{t("roadshow.waitingStart")}</p>}
      {status === "PAUSED" && <p className="text-sm">{t("roadshow.pausedNote")}</p>}

      <div className="grid gap-2 sm:grid-cols-2" data-testid="roadshow-stage">
        {ordered.map((p) => (
          <div
            key={p.identity}
            data-identity={p.identity}
            className={p.identity === spotlight ? "sm:col-span-2" : ""}
            data-testid="roadshow-tile"
          >
            <ParticipantTile
              participant={p}
              source={p.getTrackPublication("screen_share" as never) ? "screen_share" : "camera"}
            />
            {moderator && (
              <button
                type="button"
                className="mt-1 text-xs underline"
                onClick={() =>
                  void emit("roadshow:spotlight", {
                    roadshowId,
                    identity: p.identity === spotlight ? null : p.identity,
                  })
                }
              >
                {t("roadshow.spotlight")}
              </button>
            )}
          </div>
        ))}
      </div>

      {canPublish && local && (
        <div className="flex flex-wrap gap-2" data-testid="roadshow-publish-controls">
          <Button
            type="button"
            tone="secondary"
            onClick={() => void local.setCameraEnabled(!local.isCameraEnabled).then(bump)}
          >
            {t("roadshow.camera")}
          </Button>
          <Button
            type="button"
            tone="secondary"
            onClick={() => void local.setMicrophoneEnabled(!local.isMicrophoneEnabled).then(bump)}
          >
            {t("roadshow.mic")}
          </Button>
          <Button
            type="button"
            tone="secondary"
            onClick={() => void local.setScreenShareEnabled(!local.isScreenShareEnabled).then(bump)}
          >
            {t("roadshow.screen")}
          </Button>
          {onStage && (
            <Button
              type="button"
              tone="danger"
              data-testid="roadshow-leave-stage"
              onClick={() => void emit("roadshow:stage", { roadshowId, userId: myUserId, on: false })}
            >
              {t("roadshow.leaveStage")}
            </Button>
          )}
        </div>
      )}
      {onStage && <p className="text-sm text-emerald-800">{t("roadshow.onStage")}</p>}

      {!moderator && !onStage && (status === "LIVE" || status === "PAUSED") && (
        <Button
          type="button"
          tone="secondary"
          data-testid="roadshow-hand"
          onClick={() => void emit("roadshow:hand", { roadshowId, raised: !handUp })}
        >
          {handUp ? t("roadshow.lowerHand") : t("roadshow.raiseHand")}
        </Button>
      )}

      {moderator && (stage.hands.length > 0 || stage.stage.length > 0) && (
        <Card>
          {stage.hands.length > 0 && (
            <>
              <h3 className="font-semibold">{t("roadshow.hands")}</h3>
              <ul className="mb-2 text-sm" data-testid="roadshow-hands">
                {stage.hands.map((h) => (
                  <li key={h.userId} className="flex items-center justify-between gap-2">
                    <span className="break-all">{h.name}</span>
                    <Button
                      type="button"
                      data-testid="roadshow-invite"
                      onClick={() => void emit("roadshow:stage", { roadshowId, userId: h.userId, on: true })}
                    >
                      {t("roadshow.invite")}
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {stage.stage.length > 0 && (
            <>
              <h3 className="font-semibold">{t("roadshow.stage")}</h3>
              <ul className="text-sm" data-testid="roadshow-on-stage">
                {stage.stage.map((h) => (
                  <li key={h.userId} className="flex items-center justify-between gap-2">
                    <span className="break-all">{h.name}</span>
                    <Button
                      type="button"
                      tone="danger"
                      data-testid="roadshow-remove"
                      onClick={() => void emit("roadshow:stage", { roadshowId, userId: h.userId, on: false })}
                    >
                      {t("roadshow.removeFromStage")}
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
      )}

      <Card>
        <div className="mb-2 flex gap-2" role="tablist">
          {(["qa", "chat"] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={tab === k}
              className={`rounded px-2 py-1 text-sm ${tab === k ? "bg-brand-600 text-white" : "bg-slate-100"}`}
              onClick={() => setTab(k)}
              data-testid={`roadshow-tab-${k}`}
            >
              {k === "qa" ? t("roadshow.qa") : t("roadshow.chat")}
            </button>
          ))}
        </div>
        {tab === "qa" ? (
          <ul className="mb-2 max-h-80 space-y-2 overflow-y-auto" data-testid="roadshow-questions">
            {questions.map((q) => (
              <li key={q.id} className="rounded border border-slate-200 p-2 text-sm" data-testid="roadshow-question">
                <p className="break-words">
                  {q.pinned && <span className="mr-1 rounded bg-amber-100 px-1 text-xs">{t("roadshow.pinned")}</span>}
                  {q.status === "answered" && (
                    <span className="mr-1 rounded bg-emerald-100 px-1 text-xs" data-testid="roadshow-answered">
                      {t("roadshow.answered")}
                    </span>
                  )}
                  {q.status === "hidden" && (
                    <span className="mr-1 rounded bg-slate-200 px-1 text-xs">{t("roadshow.hidden")}</span>
                  )}
                  <span data-testid="roadshow-question-text">{q.text}</span>
                </p>
                <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  <span className="break-all">{q.name}</span>
                  <button
                    type="button"
                    className="rounded border px-1"
                    disabled={voted.has(q.id)}
                    aria-pressed={voted.has(q.id)}
                    data-testid="roadshow-upvote"
                    onClick={() =>
                      void emit("roadshow:upvote", { questionId: q.id }).then(
                        (r) => r.ok && setVoted((v) => new Set([...v, q.id])),
                      )
                    }
                  >
                    ▲ <span data-testid="roadshow-votes">{q.votes}</span>
                  </button>
                  {moderator && (
                    <>
                      {q.status !== "answered" && (
                        <button
                          type="button"
                          className="underline"
                          data-testid="roadshow-mark-answered"
                          onClick={() => void emit("roadshow:moderate", { questionId: q.id, action: "answered" })}
                        >
                          {t("roadshow.markAnswered")}
                        </button>
                      )}
                      <button
                        type="button"
                        className="underline"
                        onClick={() =>
                          void emit("roadshow:moderate", { questionId: q.id, action: q.pinned ? "unpin" : "pin" })
                        }
                      >
                        {q.pinned ? t("roadshow.unpin") : t("roadshow.pin")}
                      </button>
                      <button
                        type="button"
                        className="underline"
                        onClick={() =>
                          void emit("roadshow:moderate", {
                            questionId: q.id,
                            action: q.status === "hidden" ? "open" : "hidden",
                          })
                        }
                      >
                        {q.status === "hidden" ? t("roadshow.show") : t("roadshow.hide")}
                      </button>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <ul
            className="mb-2 max-h-80 space-y-1 overflow-y-auto text-sm"
            data-testid="roadshow-chat"
            aria-live="polite"
          >
            {chat.map((c) => (
              <li key={c.id} className="break-words">
                <span className="font-medium">{c.name}</span>: {c.text}
              </li>
            ))}
          </ul>
        )}
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <input
            value={draft}
            maxLength={500}
            onChange={(e) => setDraft(e.target.value)}
            aria-label={tab === "qa" ? t("roadshow.askPlaceholder") : t("roadshow.chatPlaceholder")}
            placeholder={tab === "qa" ? t("roadshow.askPlaceholder") : t("roadshow.chatPlaceholder")}
            className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1"
            data-testid="roadshow-input"
          />
          <Button data-testid="roadshow-send">{tab === "qa" ? t("roadshow.ask") : t("roadshow.send")}</Button>
        </form>
      </Card>
    </div>
  );
}
