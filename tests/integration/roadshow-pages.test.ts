// Roadshow pages through the real app (rendered HTML, ADR 031): "request a meeting" from the room's
// project cards leads into the booth's meeting-request form with the project chosen, and sending it
// books a meeting request; with Egress configured, start → pause → end records the room and the
// egress_ended webhook puts the replay on the page; without Egress nothing is recorded and the page
// says no replay exists (the projects stay). Reminders go once per registrant however often the job
// runs, and the calendar file reads back in a strict parser with a stable UID in the fair's zone.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { setRoadshowRecorderFactory } from "../../app/domain/roadshows/recording.server.ts";
import { deliverDue } from "../../app/domain/mail/delivery.server.ts";
import { saveMailSettings } from "../../app/domain/mail/settings.server.ts";
import { control, sendRoadshowReminders } from "../../app/domain/roadshows/roadshows.server.ts";
import { startTestApp, type TestApp } from "../harness/app-server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { giveMeetingDay, makeBooth, makeFair, makeUser } from "../harness/factories.ts";
import { parseForms } from "../harness/html-forms.ts";
import { postLiveKitWebhook } from "../harness/livekit-webhooks.ts";
import { sessionUserOf } from "../harness/privacy.ts";
import { hit } from "../harness/route-requests.ts";
import { useMailpit } from "../harness/mailpit.ts";
import { LIVEKIT, UNSET_LIVEKIT } from "./route-matrix.ts";

type User = Awaited<ReturnType<typeof makeUser>>;
const MIN = 60_000;

/** The href of the link carrying `testId` in server-rendered HTML. */
function hrefOf(html: string, testId: string): string[] {
  return [...html.matchAll(/<a\s[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => tag.includes(`data-testid="${testId}"`))
    .map((tag) => /href="([^"]*)"/.exec(tag)![1].replace(/&amp;/g, "&"));
}

let app: TestApp;
let fair: Awaited<ReturnType<typeof makeFair>>;
let exhibitor: User;
let investor: User;
let booth: Awaited<ReturnType<typeof makeBooth>>;
let projectId: string;

beforeAll(async () => {
  await useTestDatabase();
  configure({ LOG_LEVEL: "silent", ...LIVEKIT });
  fair = await makeFair();
  await giveMeetingDay(fair, "2026-12-09");
  exhibitor = await makeUser("EXHIBITOR");
  investor = await makeUser("INVESTOR");
  booth = await makeBooth(fair, exhibitor.organizationId!);
  projectId = (await db().project.findFirstOrThrow({ where: { boothId: booth.id } })).id;
  app = await startTestApp();
}, 300_000);
afterAll(async () => {
  await app?.close();
  setRoadshowRecorderFactory(null);
  configure({ ...UNSET_LIVEKIT, LIVEKIT_EGRESS: false });
});

const roadshow = (data: { startsAt: Date; endsAt: Date; status?: "SCHEDULED" | "LIVE" | "ENDED" }) =>
  db().roadshow.create({
    data: {
      fairId: fair.id,
      titleZh: "生物医药推介会",
      titleEn: "Biomedicine roadshow",
      boothId: booth.id,
      projectIds: [projectId],
      ...data,
    },
  });
const page = (id: string, cookie?: string) =>
  hit(app, { method: "GET", path: `/fairs/${fair.slug}/roadshows/${id}`, cookie });

describe("request a meeting from the room", () => {
  it("the project card and the presenter link go to the booth's meeting form, which books a request", async () => {
    const now = Date.now();
    const r = await roadshow({ startsAt: new Date(now - 5 * MIN), endsAt: new Date(now + 55 * MIN), status: "LIVE" });
    await db().roadshowRegistration.create({ data: { roadshowId: r.id, userId: investor.user.id } });
    const res = await page(r.id, investor.cookie);
    expect(res.status).toBe(200);
    expect(hrefOf(res.text, "roadshow-request-presenter")).toEqual([`/booths/${booth.id}#request-meeting`]);
    const [href] = hrefOf(res.text, "roadshow-request-meeting");
    expect(href).toBe(`/booths/${booth.id}?project=${projectId}#request-meeting`);

    // Following it: the booth page's meeting-request form, the roadshow's project chosen.
    const target = href.split("#")[0];
    const boothPage = await hit(app, { method: "GET", path: target, cookie: investor.cookie });
    expect(boothPage.status).toBe(200);
    const form = parseForms(boothPage.text).find((f) =>
      f.fields.some((x) => x.name === "intent" && x.value === "request-meeting"),
    );
    expect(form).toBeDefined();
    expect(form!.fields.find((x) => x.name === "projectId")?.value).toBe(projectId);
    const slot = form!.fields.find((x) => x.name === "slots")!.attrs.value;
    expect(slot).toBeTruthy();

    // Sending it is the existing meeting flow: a request to the presenting exhibitor about the project.
    const sent = await hit(app, {
      method: "POST",
      path: target,
      cookie: investor.cookie,
      form: [
        ["intent", "request-meeting"],
        ["slots", slot],
        ["projectId", projectId],
        ["message", "看了推介，想进一步沟通"],
      ],
    });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain("邀请已发送");
    const requests = await db().meetingRequest.findMany({ where: { fromUserId: investor.user.id } });
    expect(requests.map((q) => [q.toOrgId, q.projectId, q.fairId])).toEqual([
      [exhibitor.organizationId, projectId, fair.id],
    ]);
  });
});

describe("replay", () => {
  const calls: string[][] = [];
  beforeAll(() => {
    setRoadshowRecorderFactory(() => ({
      start: async (room, filepath) => (calls.push(["start", room, filepath]), { egressId: `EG_rs_${calls.length}` }),
      stop: async (egressId) => void calls.push(["stop", egressId]),
    }));
  });

  it("with Egress: recorded while live, stopped on pause and end, and the finished file is the replay", async () => {
    configure({ LIVEKIT_EGRESS: true });
    try {
      const now = Date.now();
      const r = await roadshow({ startsAt: new Date(now - 5 * MIN), endsAt: new Date(now + 55 * MIN) });
      const presenter = await sessionUserOf(exhibitor);
      await control(presenter, fair.slug, r.id, "start");
      expect(calls).toHaveLength(1);
      const [verb, room, filepath] = calls[0];
      expect([verb, room]).toEqual(["start", `roadshow-${r.id}`]);
      expect(filepath).toMatch(new RegExp(`^recordings/roadshows/${r.id}/.+\\.mp4$`));
      await control(presenter, fair.slug, r.id, "pause");
      // Resumed before Egress reported the first file: the rest is recorded too, then stopped at the end.
      await control(presenter, fair.slug, r.id, "start");
      await control(presenter, fair.slug, r.id, "end");
      expect(calls.map(([v, id]) => (v === "start" ? "start" : `stop ${id}`))).toEqual([
        "start",
        "stop EG_rs_1",
        "start",
        "stop EG_rs_3",
      ]);
      // Before Egress reports the file, there is no replay yet.
      expect((await page(r.id, investor.cookie)).text).toContain('data-testid="roadshow-no-replay"');

      const reply = await postLiveKitWebhook(
        { apiKey: LIVEKIT.LIVEKIT_API_KEY, apiSecret: LIVEKIT.LIVEKIT_API_SECRET },
        {
          event: "egress_ended",
          id: `EV_egress_${r.id}`,
          createdAt: String(Math.floor(Date.now() / 1000)),
          egressInfo: {
            egressId: "EG_rs_1",
            roomName: `roadshow-${r.id}`,
            status: "EGRESS_COMPLETE",
            fileResults: [{ filename: "roadshow.mp4", location: `/media/roadshows/${r.id}.mp4` }],
          },
        },
      );
      expect(reply).toEqual({ status: 200, text: "applied" });
      const html = (await page(r.id)).text; // public: anyone may watch the replay
      expect(html).toContain('data-testid="roadshow-replays"');
      expect(html).toContain(`src="/media/roadshows/${r.id}.mp4"`);
      expect(html).not.toContain('data-testid="roadshow-no-replay"');
    } finally {
      configure({ LIVEKIT_EGRESS: false });
    }
  });

  it("without Egress: nothing is recorded and the page says no replay exists, projects still shown", async () => {
    const before = calls.length;
    const now = Date.now();
    const r = await roadshow({ startsAt: new Date(now - 5 * MIN), endsAt: new Date(now + 55 * MIN) });
    const presenter = await sessionUserOf(exhibitor);
    for (const a of ["start", "pause", "end"] as const) await control(presenter, fair.slug, r.id, a);
    expect(calls).toHaveLength(before);
    expect(await db().roadshowRecording.count({ where: { roadshowId: r.id } })).toBe(0);
    const html = (await page(r.id, investor.cookie)).text;
    expect(html).toMatch(/data-testid="roadshow-no-replay"[^>]*>本场推介没有回放。推介资料与项目仍可查看。</);
    expect(html).not.toContain('data-testid="roadshow-replays"');
    expect(html).toContain('data-testid="roadshow-projects"');
    expect(html).toContain("基因治疗产业化项目");
  });
});

describe("reminders and the calendar file", () => {
  it("reminds each registrant once, however often the job runs", async () => {
    const now = Date.now();
    const soon = await roadshow({ startsAt: new Date(now + 8 * MIN), endsAt: new Date(now + 68 * MIN) });
    const later = await roadshow({ startsAt: new Date(now + 3 * 60 * MIN), endsAt: new Date(now + 4 * 60 * MIN) });
    const [a, b] = [investor, await makeUser("INVESTOR")];
    for (const u of [a, b])
      await db().roadshowRegistration.create({ data: { roadshowId: soon.id, userId: u.user.id } });
    await db().roadshowRegistration.create({ data: { roadshowId: later.id, userId: b.user.id } });
    const [first, second] = [await sendRoadshowReminders(), await sendRoadshowReminders()];
    expect([first, second]).toEqual([2, 0]);
    const sent = await db().notification.findMany({
      where: { kind: "roadshow.starting", userId: { in: [a.user.id, b.user.id] } },
    });
    expect(sent.map((n) => n.userId).sort()).toEqual([a.user.id, b.user.id].sort());
    expect(sent.every((n) => (n.data as { roadshowId?: string }).roadshowId === soon.id)).toBe(true);
  });

  it("the .ics reads back in a strict parser: stable UID, DTSTART in the fair's TZID at the right instant", async () => {
    await db().fair.update({ where: { id: fair.id }, data: { timeZone: "Europe/Berlin" } });
    try {
      const startsAt = new Date("2026-12-09T09:30:00Z"); // 10:30 in Berlin
      const r = await roadshow({ startsAt, endsAt: new Date(startsAt.getTime() + 90 * MIN) });
      const read = async () => {
        const res = await hit(app, { method: "GET", path: `/fairs/${fair.slug}/roadshows/${r.id}.ics` });
        expect(res.status).toBe(200);
        expect(String(res.headers["content-type"])).toContain("text/calendar");
        const cal = new ICAL.Component(ICAL.parse(res.text));
        const zones = cal.getAllSubcomponents("vtimezone").map((z) => new ICAL.Timezone(z));
        const ev = cal.getFirstSubcomponent("vevent")!;
        const start = ev.getFirstProperty("dtstart")!;
        const t = start.getFirstValue() as ICAL.Time;
        const zone = zones.find((z) => z.tzid === start.getParameter("tzid"));
        if (!zone) throw new Error("no VTIMEZONE for the DTSTART's TZID");
        t.zone = zone;
        return {
          uid: ev.getFirstPropertyValue("uid"),
          tzid: start.getParameter("tzid"),
          wall: [t.hour, t.minute],
          start: t.toJSDate().toISOString(),
        };
      };
      const one = await read();
      expect(one).toEqual({
        uid: `roadshow-${r.id}@cloudfair`,
        tzid: "Europe/Berlin",
        wall: [10, 30],
        start: startsAt.toISOString(),
      });
      expect((await read()).uid).toBe(one.uid);
    } finally {
      await db().fair.update({ where: { id: fair.id }, data: { timeZone: "Asia/Shanghai" } });
    }
  });
});

describe("the reminder by mail (Mailpit)", () => {
  let mp: Awaited<ReturnType<typeof useMailpit>>;
  const APP = "https://fair.example.cn";
  beforeAll(async () => {
    configure({ APP_URL: APP });
    mp = await useMailpit();
  }, 60_000);
  afterAll(async () => {
    await mp?.stop();
    configure({ APP_URL: undefined });
  });
  const confirmed = async (locale: string, timeZone: string) => {
    const u = await makeUser("INVESTOR");
    await db().user.update({ where: { id: u.user.id }, data: { emailVerifiedAt: new Date(), locale, timeZone } });
    return u;
  };
  const drain = async () => {
    for (let i = 0; i < 10; i++) {
      const r = await deliverDue();
      if (r.sent + r.kept + r.retried + r.failed === 0) return;
    }
  };

  it("registrants get one mail in their language with both zones and the room's link; opting out stops it", async () => {
    const now = Date.now();
    const r = await roadshow({ startsAt: new Date(now + 9 * MIN), endsAt: new Date(now + 69 * MIN) });
    const zh = await confirmed("zh-CN", "Asia/Shanghai");
    const en = await confirmed("en", "Europe/Berlin");
    const off = await confirmed("zh-CN", "Asia/Shanghai");
    await saveMailSettings(off.user.id, { off: ["roadshow.reminder"], digest: false });
    for (const u of [zh, en, off])
      await db().roadshowRegistration.create({ data: { roadshowId: r.id, userId: u.user.id } });

    expect(await sendRoadshowReminders()).toBe(3); // in-app, for everyone
    expect(await sendRoadshowReminders()).toBe(0);
    await drain();
    await drain();

    const [zhMail] = await mp.to(zh.email);
    expect((await mp.to(zh.email)).map((m) => m.Subject)).toEqual(["即将开播：生物医药推介会"]);
    const zhText = (await mp.get(zhMail.ID)).Text;
    expect(zhText).toContain(`${APP}/fairs/${fair.slug}/roadshows/${r.id}`);
    expect(zhText).toContain("Asia/Shanghai");

    expect((await mp.to(en.email)).map((m) => m.Subject)).toEqual(["Starting soon: Biomedicine roadshow"]);
    const enText = (await mp.get((await mp.to(en.email))[0].ID)).Text;
    expect(enText).toContain("Central European"); // the recipient's zone …
    expect(enText).toContain("Asia/Shanghai"); // … and the fair's, named
    expect(enText).toContain(`${APP}/fairs/${fair.slug}/roadshows/${r.id}`);

    expect(await mp.to(off.email)).toEqual([]);
    expect(await db().notification.count({ where: { userId: off.user.id, kind: "roadshow.starting" } })).toBe(1);
  });
});
