// Roadshow domain rules (ADR 031): registration (status window, capacity, re-registering), one
// upvote per person, moderation (hidden questions never reach viewers), who may grant or revoke the
// stage, and the socket events answering hostile payloads with a 4xx ack without crashing.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { ask, moderate, questions, setStage, upvote } from "../../app/domain/roadshows/live.server.ts";
import { register, windowState } from "../../app/domain/roadshows/roadshows.server.ts";
import { attachRealtime } from "../../server/realtime.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeBooth, makeFair, makeUser } from "../harness/factories.ts";
import { sessionUserOf } from "../harness/privacy.ts";
import { openSocket } from "../harness/sockets.ts";

type User = Awaited<ReturnType<typeof makeUser>>;
const MIN = 60_000;
type Reply = { ok: boolean; status?: number; error?: string } & Record<string, unknown>;

describe("roadshows", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let exhibitor: User;
  let staff: User;
  let viewers: User[];
  let as: Map<string, SessionUser>;
  let roadshowId: string;
  const u = (x: User) => as.get(x.user.id)!;
  let boothId: string;
  const mk = (
    data: Partial<{
      status: "SCHEDULED" | "ENDED" | "PROPOSED";
      capacity: number;
      boothId: string;
      startsAt: Date;
      endsAt: Date;
    }>,
  ) =>
    db().roadshow.create({
      data: {
        fairId: fair.id,
        titleZh: "推介会",
        titleEn: "Roadshow",
        startsAt: new Date(Date.now() + 60 * MIN),
        endsAt: new Date(Date.now() + 120 * MIN),
        ...data,
      },
    });

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    await db().fair.update({ where: { id: fair.id }, data: { status: "LIVE" } });
    exhibitor = await makeUser("EXHIBITOR");
    staff = await makeUser("STAFF", fair.organizerId);
    const booth = await makeBooth(fair, exhibitor.organizationId!);
    boothId = booth.id;
    viewers = await Promise.all([1, 2, 3, 4].map(() => makeUser("INVESTOR")));
    as = new Map();
    for (const x of [exhibitor, staff, ...viewers]) as.set(x.user.id, await sessionUserOf(x));
    roadshowId = (await mk({ capacity: 2, boothId: booth.id })).id;
  });

  describe("registration", () => {
    it("the join window opens 15 minutes before and closes 30 after; live stays open, ended is closed", () => {
      const r = { startsAt: new Date("2026-12-08T02:00:00Z"), endsAt: new Date("2026-12-08T03:00:00Z") };
      const at = (iso: string, status: "SCHEDULED" | "LIVE" | "ENDED" = "SCHEDULED") =>
        windowState({ ...r, status }, new Date(iso));
      expect(at("2026-12-08T01:44:00Z")).toBe("early");
      expect(at("2026-12-08T01:45:00Z")).toBe("open");
      expect(at("2026-12-08T03:30:00Z")).toBe("open");
      expect(at("2026-12-08T03:31:00Z")).toBe("closed");
      expect(at("2026-12-08T05:00:00Z", "LIVE")).toBe("open");
      expect(at("2026-12-08T02:30:00Z", "ENDED")).toBe("closed");
    });

    it("fills to capacity; a re-registration changes the consent without taking a seat", async () => {
      const [a, b, c] = viewers;
      await register(u(a), fair.slug, roadshowId, false);
      await register(u(b), fair.slug, roadshowId, false);
      await expect(register(u(c), fair.slug, roadshowId, true)).rejects.toMatchObject({ status: 409 });
      await register(u(a), fair.slug, roadshowId, true);
      const rows = await db().roadshowRegistration.findMany({ where: { roadshowId }, orderBy: { createdAt: "asc" } });
      expect(rows.map((r) => [r.userId, r.shareContact])).toEqual([
        [a.user.id, true],
        [b.user.id, false],
      ]);
    });

    it("an ended roadshow takes no registrations; a proposal is not found by viewers; nor another fair's slug", async () => {
      const ended = await mk({ status: "ENDED" });
      await expect(register(u(viewers[2]), fair.slug, ended.id, false)).rejects.toMatchObject({ status: 409 });
      const proposal = await mk({ status: "PROPOSED" });
      await expect(register(u(viewers[2]), fair.slug, proposal.id, false)).rejects.toMatchObject({ status: 404 });
      await expect(register(u(viewers[2]), "another-fair", roadshowId, false)).rejects.toMatchObject({ status: 404 });
      expect(await db().roadshowRegistration.count({ where: { userId: viewers[2].user.id } })).toBe(0);
    });
  });

  describe("Q&A", () => {
    let questionId: string;
    it("counts one upvote per person, even when sent twice at once", async () => {
      const [a, b] = viewers;
      questionId = (await ask(u(a), roadshowId, "What is the IRR?")).id;
      await Promise.all([upvote(u(b), questionId), upvote(u(b), questionId)]);
      await upvote(u(b), questionId);
      await upvote(u(a), questionId);
      const q = await db().roadshowQuestion.findUniqueOrThrow({ where: { id: questionId } });
      expect(q.votes).toBe(2);
      expect(await db().roadshowVote.count({ where: { questionId } })).toBe(2);
      // Someone not registered cannot vote.
      await expect(upvote(u(viewers[3]), questionId)).rejects.toMatchObject({ status: 403 });
    });

    it("hidden questions reach moderators only; viewers cannot moderate or vote on them", async () => {
      const [a, b] = viewers;
      await expect(moderate(u(a), questionId, "hidden")).rejects.toMatchObject({ status: 403 });
      await moderate(u(exhibitor), questionId, "hidden");
      expect((await questions(u(b), roadshowId)).map((q) => q.id)).not.toContain(questionId);
      expect((await questions(u(a), roadshowId)).map((q) => q.id)).not.toContain(questionId);
      expect((await questions(u(exhibitor), roadshowId)).map((q) => q.id)).toContain(questionId);
      expect((await questions(u(staff), roadshowId)).map((q) => q.id)).toContain(questionId);
      await expect(upvote(u(b), questionId)).rejects.toMatchObject({ status: 404 });
      await moderate(u(staff), questionId, "open");
      expect((await questions(u(b), roadshowId)).map((q) => q.id)).toContain(questionId);
    });
  });

  describe("stage", () => {
    const stage = async () =>
      (await db().roadshow.findUniqueOrThrow({ where: { id: roadshowId }, select: { stageUserIds: true } }))
        .stageUserIds;

    it("only moderators grant; a viewer cannot grant themselves or others", async () => {
      const [a, b] = viewers;
      await expect(setStage(u(a), roadshowId, a.user.id, true)).rejects.toMatchObject({ status: 403 });
      await expect(setStage(u(a), roadshowId, b.user.id, true)).rejects.toMatchObject({ status: 403 });
      expect(await stage()).toEqual([]);
      // Only registered people can be brought on stage.
      await expect(setStage(u(exhibitor), roadshowId, viewers[3].user.id, true)).rejects.toMatchObject({
        status: 404,
      });
      await setStage(u(exhibitor), roadshowId, a.user.id, true);
      expect(await stage()).toEqual([a.user.id]);
    });

    it("a viewer cannot revoke another; they may step down themselves; moderators revoke", async () => {
      const [a, b] = viewers;
      await setStage(u(staff), roadshowId, b.user.id, true);
      await expect(setStage(u(a), roadshowId, b.user.id, false)).rejects.toMatchObject({ status: 403 });
      expect(await stage()).toEqual([a.user.id, b.user.id]);
      await setStage(u(a), roadshowId, a.user.id, false);
      await setStage(u(exhibitor), roadshowId, b.user.id, false);
      expect(await stage()).toEqual([]);
    });
  });

  describe("socket events", () => {
    let http: HttpServer;
    let url: string;
    const sockets: Socket[] = [];
    let closeRealtime = async () => {};
    beforeAll(async () => {
      http = createServer();
      const rt = await attachRealtime(http);
      await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
      url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      closeRealtime = () => rt.close();
    });
    afterAll(async () => {
      sockets.forEach((s) => s.close());
      await closeRealtime();
    });
    const emit = (s: Socket, event: string, ...payload: unknown[]) =>
      s.timeout(5000).emitWithAck(event, ...payload) as Promise<Reply>;

    it("rejects hostile payloads with a 4xx ack and keeps serving", async () => {
      const s = await openSocket(url, sockets, viewers[0].cookie);
      const hostile: unknown[] = [
        undefined,
        null,
        "roadshow",
        42,
        [],
        [roadshowId],
        {},
        { roadshowId: 42 },
        { roadshowId: "" },
        { roadshowId: "x".repeat(10_000) },
        { roadshowId: { $ne: null } },
        { roadshowId: "\u0000" },
        { roadshowId: ["a", "b"] },
        { questionId: null },
        { roadshowId, text: "\u0000\u0000\u0000" },
        { roadshowId, text: "x".repeat(3000) },
        { roadshowId, text: 12 },
        { roadshowId, raised: "yes" },
        { roadshowId, userId: viewers[0].user.id, on: "true" },
        { roadshowId, action: "delete" },
        { questionId: "q", action: "drop table" },
        { roadshowId, identity: "x".repeat(500) },
        { roadshowId, identity: "u_\u0000" },
        { questionId: "\u0000", action: "hidden" },
        { roadshowId, userId: "\u0000", on: false },
      ];
      const events = [
        "roadshow:join",
        "roadshow:leave",
        "roadshow:chat",
        "roadshow:ask",
        "roadshow:upvote",
        "roadshow:moderate",
        "roadshow:hand",
        "roadshow:stage",
        "roadshow:control",
        "roadshow:spotlight",
      ];
      for (const event of events)
        for (const p of hostile) {
          const reply = await emit(s, event, p);
          if (reply.ok) continue; // e.g. a valid leave
          expect(reply.status, `${event} ${JSON.stringify(p)?.slice(0, 60)}`).toBeGreaterThanOrEqual(400);
          expect(reply.status).toBeLessThan(500);
          expect(typeof reply.error).toBe("string");
        }
      // No ack function at all, and extra arguments: nothing breaks.
      s.emit("roadshow:ask", { roadshowId, text: "\u0000" });
      s.emit("roadshow:join");
      // A payload over the transport limit (16 KiB) closes that socket only.
      const big = await openSocket(url, sockets, viewers[0].cookie);
      const closed = new Promise((resolve) => big.once("disconnect", resolve));
      big.emit("roadshow:ask", { roadshowId, text: "x".repeat(100_000) });
      await closed;
      // Still serving: a valid join answers with the questions.
      const joined = await emit(s, "roadshow:join", { roadshowId });
      expect(joined.ok).toBe(true);
      expect(Array.isArray(joined.questions)).toBe(true);
      expect(await db().roadshowQuestion.count({ where: { roadshowId, text: "" } })).toBe(0);
    });

    it("a viewer's socket cannot grant itself the stage or moderate", async () => {
      const s = await openSocket(url, sockets, viewers[1].cookie);
      expect(await emit(s, "roadshow:join", { roadshowId })).toMatchObject({ ok: true, moderator: false });
      expect(await emit(s, "roadshow:stage", { roadshowId, userId: viewers[1].user.id, on: true })).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(await emit(s, "roadshow:control", { roadshowId, action: "start" })).toMatchObject({
        ok: false,
        status: 403,
      });
      const anonymous = await openSocket(url, sockets);
      expect(await emit(anonymous, "roadshow:join", { roadshowId })).toMatchObject({ ok: false, status: 401 });
      expect((await db().roadshow.findUniqueOrThrow({ where: { id: roadshowId } })).stageUserIds).not.toContain(
        viewers[1].user.id,
      );
    });

    describe("the room (a roadshow in its window)", () => {
      let live: string;
      let presenter: Socket;
      let a: Socket;
      let b: Socket;
      /** The next `event` on `s` whose payload passes `pred` (5 s at most). */
      const next = <T = Record<string, unknown>>(s: Socket, event: string, pred: (p: T) => boolean = () => true) =>
        new Promise<T>((resolve, reject) => {
          const timer = setTimeout(() => (s.off(event, h), reject(new Error(`no ${event} in 5 s`))), 5000);
          const h = (p: T) => {
            if (!pred(p)) return;
            clearTimeout(timer);
            s.off(event, h);
            resolve(p);
          };
          s.on(event, h);
        });
      type Questions = {
        roadshowId: string;
        questions: { id: string; text: string; pinned: boolean; votes: number }[];
      };
      type Stage = { roadshowId: string; spotlight: string | null; hands: { userId: string }[] };

      beforeAll(async () => {
        live = (
          await mk({
            startsAt: new Date(Date.now() - 5 * MIN),
            endsAt: new Date(Date.now() + 55 * MIN),
            capacity: 10,
            boothId,
          })
        ).id;
        await register(u(viewers[2]), fair.slug, live, false);
        await register(u(viewers[3]), fair.slug, live, false);
        presenter = await openSocket(url, sockets, exhibitor.cookie);
        a = await openSocket(url, sockets, viewers[2].cookie);
        b = await openSocket(url, sockets, viewers[3].cookie);
        expect(await emit(presenter, "roadshow:join", { roadshowId: live })).toMatchObject({
          ok: true,
          moderator: true,
        });
        for (const s of [a, b])
          expect(await emit(s, "roadshow:join", { roadshowId: live })).toMatchObject({ ok: true, moderator: false });
      });

      it("chat reaches everyone in the room, and only people who joined it may chat", async () => {
        const heard = next<{ roadshowId: string; name: string; text: string }>(b, "roadshow:chat");
        const self = next<{ text: string }>(presenter, "roadshow:chat");
        expect(await emit(a, "roadshow:chat", { roadshowId: live, text: "  你好，各位  " })).toMatchObject({
          ok: true,
        });
        expect(await heard).toMatchObject({ roadshowId: live, name: viewers[2].user.name, text: "你好，各位" });
        expect((await self).text).toBe("你好，各位");
        // A registered person whose socket has not joined this room is refused.
        const outside = await openSocket(url, sockets, viewers[0].cookie);
        expect(await emit(outside, "roadshow:chat", { roadshowId: live, text: "hi" })).toMatchObject({
          ok: false,
          status: 403,
        });
      });

      it("a pinned question comes first for the audience; viewers cannot pin", async () => {
        const first = (await emit(a, "roadshow:ask", { roadshowId: live, text: "退出路径是什么？" })).id as string;
        const popular = (await emit(b, "roadshow:ask", { roadshowId: live, text: "What is the IRR?" })).id as string;
        await emit(a, "roadshow:upvote", { questionId: popular });
        expect(await emit(b, "roadshow:moderate", { questionId: first, action: "pin" })).toMatchObject({
          ok: false,
          status: 403,
        });
        const pinned = next<Questions>(b, "roadshow:questions", (p) => p.questions.some((q) => q.pinned));
        expect(await emit(presenter, "roadshow:moderate", { questionId: first, action: "pin" })).toMatchObject({
          ok: true,
        });
        const seen = (await pinned).questions.map((q) => [q.id, q.pinned, q.votes]);
        expect(seen).toEqual([
          [first, true, 0],
          [popular, false, 1],
        ]);
      });

      it("a raised hand reaches the presenter; lowered, it is gone; presenters have no hand to raise", async () => {
        const raised = next<Stage>(presenter, "roadshow:stage", (p) => p.hands.length > 0);
        expect(await emit(a, "roadshow:hand", { roadshowId: live, raised: true })).toMatchObject({ ok: true });
        expect((await raised).hands.map((h) => h.userId)).toEqual([viewers[2].user.id]);
        const lowered = next<Stage>(presenter, "roadshow:stage", (p) => p.hands.length === 0);
        await emit(a, "roadshow:hand", { roadshowId: live, raised: false });
        await lowered;
        expect(await emit(presenter, "roadshow:hand", { roadshowId: live, raised: true })).toMatchObject({
          ok: false,
          status: 409,
        });
        expect((await db().roadshow.findUniqueOrThrow({ where: { id: live } })).raisedHandIds).toEqual([]);
      });

      it("the presenter starts, pauses and spotlights a speaker; a viewer is refused each", async () => {
        const identity = `u_${exhibitor.user.id}`;
        for (const [event, payload] of [
          ["roadshow:control", { roadshowId: live, action: "start" }],
          ["roadshow:control", { roadshowId: live, action: "pause" }],
          ["roadshow:spotlight", { roadshowId: live, identity: `u_${viewers[2].user.id}` }],
        ] as const)
          expect(await emit(a, event, payload)).toMatchObject({ ok: false, status: 403 });
        expect(await db().roadshow.findUniqueOrThrow({ where: { id: live } })).toMatchObject({
          status: "SCHEDULED",
          spotlight: null,
        });

        const started = next<{ status: string }>(b, "roadshow:status", (p) => p.status === "LIVE");
        expect(await emit(presenter, "roadshow:control", { roadshowId: live, action: "start" })).toMatchObject({
          ok: true,
          status: "LIVE",
        });
        await started;
        const paused = next<{ roadshowId: string; status: string }>(b, "roadshow:status", (p) => p.status === "PAUSED");
        expect(await emit(presenter, "roadshow:control", { roadshowId: live, action: "pause" })).toMatchObject({
          ok: true,
          status: "PAUSED",
        });
        expect(await paused).toEqual({ roadshowId: live, status: "PAUSED" });
        // Pausing twice is a bad transition, not a second pause.
        expect(await emit(presenter, "roadshow:control", { roadshowId: live, action: "pause" })).toMatchObject({
          ok: false,
          status: 409,
        });

        const spot = next<Stage>(b, "roadshow:stage", (p) => p.spotlight === identity);
        expect(await emit(presenter, "roadshow:spotlight", { roadshowId: live, identity })).toMatchObject({ ok: true });
        expect((await spot).roadshowId).toBe(live);
        expect(await db().roadshow.findUniqueOrThrow({ where: { id: live } })).toMatchObject({
          status: "PAUSED",
          spotlight: identity,
        });
      });
    });
  });
});
