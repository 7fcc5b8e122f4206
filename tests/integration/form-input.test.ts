// Wrong input through the real actions (ADR 018): a field sent twice, a malformed slot or date, a
// number out of range, conform's own control names — each a localized 4xx, never a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { acceptRequest } from "../../app/domain/meetings/booking.server.ts";
import { requestMeeting } from "../../app/domain/meetings/requests.server.ts";
import { fairSlots } from "../../app/domain/meetings/slots.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import { localeCookie } from "../../app/i18n/locale.server.ts";
import * as admin from "../../app/routes/admin._index.tsx";
import * as boothPage from "../../app/routes/booths.$id.tsx";
import * as locale from "../../app/routes/locale.tsx";
import * as agenda from "../../app/routes/meetings.tsx";
import * as invite from "../../app/routes/meetings_.invite.$investorOrgId.tsx";
import * as signup from "../../app/routes/signup.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser } from "../harness/factories.ts";

const inZh = serverTranslator("zh-CN");
const inEn = serverTranslator("en");

const post = (path: string, entries: [string, string][], cookie?: string) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: cookie ? { Cookie: cookie } : {},
    body: new URLSearchParams(entries),
  });

describe("wrong form input gets localized field errors, never a 500", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let slots: string[];
  let inv: Awaited<ReturnType<typeof makeUser>>;
  let ex: Awaited<ReturnType<typeof makeUser>>;
  let boothId: string;
  const me = async (u: { cookie: string }) => (await getUser(post("/", [], u.cookie)))!;

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    const day = new Date(Date.now() + 9 * 864e5).toISOString().slice(0, 10);
    const grid = { meetingDays: [day], sessionStart: "09:00", sessionEnd: "11:00", slotMinutes: 20 };
    await db().fair.update({ where: { id: fair.id }, data: grid });
    slots = fairSlots({ ...grid, timeZone: "Asia/Shanghai" }).map((s) => s.startsAt.toISOString());
    [inv, ex] = await Promise.all([makeUser("INVESTOR"), makeUser("EXHIBITOR")]);
    boothId = (await makeBooth(fair, ex.organizationId!, "APPROVED")).id;
  });

  it("parses the meeting request once: the booth page and the investor invite answer alike", async () => {
    const fromBooth = (entries: [string, string][]) =>
      call(boothPage.action, post(`/booths/${boothId}`, [["intent", "request-meeting"], ...entries], inv.cookie), {
        id: boothId,
      });
    const fromInvite = (entries: [string, string][]) =>
      call(invite.action, post(`/meetings/invite/${inv.organizationId}`, entries, ex.cookie), {
        investorOrgId: inv.organizationId!,
      });
    const cases: [[string, string][], Record<string, string>][] = [
      [[["message", "你好"]], { slots: inZh("meetings.error.pickSlot") }],
      [slots.slice(0, 4).map((s) => ["slots", s]), { slots: inZh("meetings.error.tooManySlots") }],
      [[["slots", "next tuesday"]], { slots: inZh("meetings.error.badSlot") }],
      [
        [
          ["slots", slots[0]],
          ["message", "a"],
          ["message", "b"],
        ],
        { message: inZh("error.invalidValue") },
      ],
      [
        [
          ["slots", slots[0]],
          ["message", "长".repeat(1001)],
        ],
        { message: inZh("error.tooLong") },
      ],
    ];
    for (const [entries, errors] of cases) {
      for (const res of [await fromBooth(entries), await fromInvite(entries)]) {
        expect(res.status, JSON.stringify(entries).slice(0, 60)).toBe(400);
        const body = await res.json();
        expect(body.errors).toEqual(errors);
        expect(body.sent).toBe(false);
        expect([body.values.message ?? ""].flat().at(-1)).toBe(entries.findLast(([k]) => k === "message")?.[1] ?? "");
      }
    }
    const kept = await (await fromBooth(slots.slice(0, 4).map((s) => ["slots", s]))).json();
    expect(kept.values.slots).toEqual(slots.slice(0, 4)); // the checked slots come back checked
    expect(await db().meetingRequest.count({ where: { fairId: fair.id } })).toBe(0);
    const ok = await fromBooth([
      ["slots", slots[0]],
      ["slots", slots[1]],
      ["message", "想了解基因治疗项目"],
    ]);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ intent: "request-meeting", sent: true });
    const stored = await db().meetingRequest.findFirstOrThrow({ where: { fairId: fair.id }, include: { slots: true } });
    expect(stored).toMatchObject({ toOrgId: ex.organizationId, message: "想了解基因治疗项目" });
    expect(stored.slots).toHaveLength(2);
  });

  it("answers malformed counter-proposals and reschedules on the agenda with 400", async () => {
    const r = await requestMeeting(await me(inv), fair.id, {
      toOrgId: ex.organizationId!,
      message: "",
      slots: [slots[2]],
    });
    const agendaPost = (u: { cookie: string }, entries: [string, string][]) =>
      call(agenda.action, post("/meetings", entries, u.cookie));
    const counter = await agendaPost(ex, [
      ["intent", "counter"],
      ["id", r.id],
      ["slots", "garbage"],
    ]);
    expect(counter.status).toBe(400);
    expect(await counter.json()).toMatchObject({
      intent: "counter",
      errors: { slots: inZh("meetings.error.badSlot") },
      formError: inZh("error.formGeneric"),
    });
    const s = await db().proposedSlot.findFirstOrThrow({ where: { requestId: r.id } });
    const meeting = await acceptRequest(await me(ex), r.id, s.id);
    for (const startsAt of ["garbage", "", "9".repeat(10_000)]) {
      const res = await agendaPost(inv, [
        ["intent", "reschedule"],
        ["id", meeting.id],
        ["startsAt", startsAt],
      ]);
      expect(res.status, startsAt.slice(0, 10)).toBe(400);
      expect((await res.json()).errors.startsAt).toBe(inZh("meetings.error.badSlot"));
    }
    for (const intent of ["constructor", "toString", "nope"]) {
      const res = await agendaPost(inv, [["intent", intent]]);
      expect(res.status, intent).toBe(400);
      expect((await res.json()).formError).toBe(inZh("error.invalidChoice"));
    }
    expect((await db().meeting.findUniqueOrThrow({ where: { id: meeting.id } })).startsAt.toISOString()).toBe(slots[2]);
  });

  it("refuses a field sent twice and NUL bytes at sign-up, in the visitor's language", async () => {
    const base: [string, string][] = [
      ["accountType", "visitor"],
      ["name", "Ada"],
      ["email", "ada-twice@example.com"],
      ["password", "long-enough-1"],
    ];
    const twice = await call(signup.action, post("/signup", [...base, ["email", "other@example.com"]]));
    expect(twice.status).toBe(400);
    expect((await twice.json()).errors).toEqual({ email: inZh("error.invalidValue") });
    const en = new Request("http://localhost/signup", {
      method: "POST",
      headers: { Cookie: (await localeCookie.serialize("en")).split(";")[0] },
      body: new URLSearchParams([...base.filter(([k]) => k !== "name"), ["name", "A\u0000da"]]),
    });
    const nul = await call(signup.action, en);
    expect(nul.status).toBe(400);
    const body = await nul.json();
    expect(body.errors).toEqual({ name: inEn("input.control") });
    expect(body.values.password).toBeUndefined();
    expect(await db().user.count({ where: { email: { in: ["ada-twice@example.com", "other@example.com"] } } })).toBe(0);
  });

  it("ignores conform's control names and bad language switches instead of failing", async () => {
    const res = await call(
      locale.action,
      post("/locale", [
        ["__state__", "not json"],
        ["__intent__", "{"],
        ["locale", "en"],
        ["locale", "zh-CN"],
        ["redirectTo", "/fairs"],
      ]),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/fairs");
    expect(res.headers.get("Set-Cookie")).toBeNull(); // two languages at once: nothing changes
  });

  it("answers revoking an unknown API key with 404, not 500", async () => {
    const a = await makeUser("ADMIN");
    const res = await call(
      admin.action,
      post(
        "/admin",
        [
          ["intent", "key-revoke"],
          ["id", "no-such-key"],
        ],
        a.cookie,
      ),
    );
    expect(res.status).toBe(404);
  });
});
