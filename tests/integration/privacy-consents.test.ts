// Consents (ADR 022): recorded with the exact words in the language shown; withdrawing lead or
// contact sharing takes effect at once in the exhibitor's leads page and CSV and in the bureau's
// lists and exports; a recording consent withdrawn before the start blocks the recording, during it
// stops it, after it leaves the file to the other party. Views of personal data are logged.
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import { localeCookie } from "../../app/i18n/locale.server.ts";
import { db } from "../../app/db/client.server.ts";
import { fairSlots } from "../../app/domain/meetings/slots.ts";
import {
  consentToRecording,
  roomPage,
  setRecorderFactory,
  withdrawRecordingConsent,
} from "../../app/domain/video/rooms.server.ts";
import * as accountPage from "../../app/routes/account._index.tsx";
import * as boothPage from "../../app/routes/booths.$id.tsx";
import * as leadsCsv from "../../app/routes/exhibitor.leads[.csv].tsx";
import * as leadsPage from "../../app/routes/exhibitor.leads.tsx";
import * as listRoute from "../../app/routes/staff.fairs.$id_.dashboard_.$list.tsx";
import * as exportRoute from "../../app/routes/staff.fairs.$id_.dashboard_.$list_.export.tsx";
import * as negotiations from "../../app/routes/staff.fairs.$id_.negotiations.tsx";
import * as privacyLog from "../../app/routes/staff.fairs.$id_.privacy-log.tsx";
import { hasTool, startLiveKit } from "../../server/services/processes.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";
import { sessionUserOf } from "../harness/privacy.ts";

type User = Awaited<ReturnType<typeof makeUser>>;
const MIN = 60_000;

async function text(res: Response): Promise<string> {
  return new TextDecoder().decode(await res.arrayBuffer());
}

describe("consents and their withdrawal", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let exhibitor: User;
  let staff: User;
  let booth: { id: string; organizationId: string };
  let slots: { startsAt: Date }[];

  const leadsJson = async () => {
    const res = await call(leadsPage.loader, req("/exhibitor/leads", { cookie: exhibitor.cookie }));
    expect(res.status).toBe(200);
    return res.text();
  };
  const csv = async () => text(await call(leadsCsv.loader, req("/exhibitor/leads.csv", { cookie: exhibitor.cookie })));
  const staffLeads = async () =>
    (
      await call(listRoute.loader, req(`/staff/fairs/${fair.id}/dashboard/leads`, { cookie: staff.cookie }), {
        id: fair.id,
        list: "leads",
      })
    ).text();
  const staffExport = async () =>
    text(
      await call(
        exportRoute.loader,
        req(`/staff/fairs/${fair.id}/dashboard/leads/export?format=csv`, { cookie: staff.cookie }),
        { id: fair.id, list: "leads" },
      ),
    );
  const everywhere = async () => [await leadsJson(), await csv(), await staffLeads(), await staffExport()];
  const withdraw = (u: User, kind: string, scope: string) =>
    call(accountPage.action, req("/account", { cookie: u.cookie, form: { intent: "withdraw", kind, scope } }));

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    const day = new Date(Date.now() + 20 * 864e5).toISOString().slice(0, 10);
    const grid = { meetingDays: [day], sessionStart: "09:00", sessionEnd: "12:00", slotMinutes: 20 };
    await db().fair.update({ where: { id: fair.id }, data: { ...grid, status: "LIVE" } });
    slots = fairSlots({ ...grid, timeZone: "Asia/Shanghai" });
    exhibitor = await makeUser("EXHIBITOR");
    staff = await makeUser("STAFF", fair.organizerId);
    booth = await makeBooth(fair, exhibitor.organizationId!, "APPROVED");
  });

  it("records lead and contact sharing with the words shown, in the page's language", async () => {
    const investor = await makeUser("INVESTOR");
    await db().organization.update({
      where: { id: investor.organizationId! },
      data: { contactPhone: "+86 21 6000 0001" },
    });
    const english = `${investor.cookie}; ${(await localeCookie.serialize("en")).split(";")[0]}`;
    const post = (form: Record<string, string>) =>
      call(boothPage.action, req(`/booths/${booth.id}`, { cookie: english, form }), { id: booth.id });
    expect((await post({ bookmark: "on" })).status).toBe(200);
    expect(
      (await post({ intent: "request-meeting", slots: slots[0].startsAt.toISOString(), message: "hello" })).status,
    ).toBe(200);
    const rows = await db().consent.findMany({ where: { userId: investor.user.id }, orderBy: { kind: "asc" } });
    expect(rows.map((r) => [r.kind, r.version, r.source, r.locale, r.scopeId, r.withdrawnAt])).toEqual([
      ["LEAD_SHARING", "lead-sharing/1", "bookmark", "en", booth.organizationId, null],
      ["CONTACT_SHARING", "contact-sharing/1", "meeting.request", "en", booth.organizationId, null],
    ]);
    const org = await db().organization.findUniqueOrThrow({ where: { id: booth.organizationId } });
    expect(rows[1].wording).toContain(`By sending this request you agree that ${org.nameEn} sees your name`);
    // The booth page shows the same words it recorded.
    const page = await call(boothPage.loader, req(`/booths/${booth.id}`, { cookie: english }), { id: booth.id });
    expect(page.status).toBe(200);
    // Bookmarking again records nothing new while the consent is live.
    await post({ bookmark: "on" });
    expect(await db().consent.count({ where: { userId: investor.user.id } })).toBe(2);
  });

  it("withdrawing contact sharing hides email and phone everywhere at once; lead sharing removes the lead", async () => {
    const investor = await makeUser("INVESTOR");
    const phone = "+86 21 6000 0002";
    await db().organization.update({ where: { id: investor.organizationId! }, data: { contactPhone: phone } });
    const asked = await call(
      boothPage.action,
      req(`/booths/${booth.id}`, {
        cookie: investor.cookie,
        form: { intent: "request-meeting", slots: slots[1].startsAt.toISOString(), message: "" },
      }),
      { id: booth.id },
    );
    expect(asked.status).toBe(200);
    for (const view of await everywhere()) {
      expect(view).toContain(investor.email);
      expect(view).toContain(phone);
    }

    const res = await withdraw(investor, "CONTACT_SHARING", booth.organizationId);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account?saved=withdraw");
    for (const view of await everywhere()) {
      expect(view).not.toContain(investor.email);
      expect(view).not.toContain(phone);
      expect(view).toContain(investor.user.name); // still a lead, by name
    }
    const overview = await (await call(accountPage.loader, req("/account", { cookie: investor.cookie }))).json();
    expect(overview.consents.leads).toEqual([
      expect.objectContaining({ orgId: booth.organizationId, listed: "shared", contacts: "withdrawn" }),
    ]);

    expect((await withdraw(investor, "LEAD_SHARING", booth.organizationId)).status).toBe(302);
    for (const view of await everywhere()) expect(view).not.toContain(investor.user.name);

    // Asking again, with the words shown again, gives consent again.
    await call(
      boothPage.action,
      req(`/booths/${booth.id}`, {
        cookie: investor.cookie,
        form: { intent: "request-meeting", slots: slots[2].startsAt.toISOString(), message: "" },
      }),
      { id: booth.id },
    );
    expect(await leadsJson()).toContain(investor.email);
  });

  it("lets people withdraw consent implied by meetings from before consents were recorded", async () => {
    const investor = await makeUser("INVESTOR");
    await db().meeting.create({
      data: {
        fairId: fair.id,
        investorOrgId: investor.organizationId!,
        exhibitorOrgId: booth.organizationId,
        startsAt: new Date(Date.now() - 60 * MIN),
        endsAt: new Date(Date.now() - 40 * MIN),
        status: "COMPLETED",
        participants: {
          create: {
            userId: investor.user.id,
            startsAt: new Date(Date.now() - 60 * MIN),
            endsAt: new Date(Date.now() - 40 * MIN),
          },
        },
      },
    });
    expect(await leadsJson()).toContain(investor.email);
    expect(await db().consent.count({ where: { userId: investor.user.id } })).toBe(0);
    const overview = await (await call(accountPage.loader, req("/account", { cookie: investor.cookie }))).json();
    expect(overview.consents.leads).toEqual([
      expect.objectContaining({ orgId: booth.organizationId, listed: "shared", contacts: "shared" }),
    ]);
    expect((await withdraw(investor, "CONTACT_SHARING", booth.organizationId)).status).toBe(302);
    expect(await leadsJson()).not.toContain(investor.email);
    const [record] = await db().consent.findMany({ where: { userId: investor.user.id } });
    expect(record).toMatchObject({ kind: "CONTACT_SHARING", version: "implied/1", source: "implied" });
    expect(record.withdrawnAt).not.toBeNull();
  });

  it("answers hostile withdrawals with a localized 4xx", async () => {
    const investor = await makeUser("INVESTOR");
    const other = await makeUser("EXHIBITOR");
    expect((await withdraw(investor, "LEAD_SHARING", other.organizationId!)).status).toBe(404);
    expect((await withdraw(investor, "RECORDING", "no-such-meeting")).status).toBe(404);
    const bad = await withdraw(investor, "EVERYTHING", booth.organizationId);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.kind).toBe(serverTranslator("zh-CN")("error.invalidChoice"));
    expect((await withdraw(investor, "LEAD_SHARING", "x".repeat(5000))).status).toBe(400);
    expect((await withdraw(investor, "LEAD_SHARING", "a\u0000b")).status).toBe(400);
    const twice = await call(
      accountPage.action,
      req("/account?", {
        cookie: investor.cookie,
        form: { intent: "withdraw", kind: "LEAD_SHARING", scope: booth.organizationId },
      }),
    );
    expect(twice.status).toBe(404); // no lead there: nothing to withdraw
    expect((await call(accountPage.action, req("/account", { form: { intent: "withdraw" } }))).status).toBe(302);
  });

  it("logs staff and exhibitor views of personal data for the bureau, counts only", async () => {
    await db().auditLog.deleteMany({ where: { action: "privacy.view" } });
    await leadsJson();
    await csv();
    await staffLeads();
    await staffExport();
    await call(negotiations.loader, req(`/staff/fairs/${fair.id}/negotiations`, { cookie: staff.cookie }), {
      id: fair.id,
    });
    const { loader: boothLoader } = boothPage;
    await call(boothLoader, req(`/booths/${booth.id}`, { cookie: staff.cookie }), { id: booth.id });
    const logs = await db().auditLog.findMany({
      where: { action: "privacy.view", entityType: "Fair", entityId: fair.id },
      orderBy: { createdAt: "asc" },
    });
    expect(logs.map((l) => (l.after as { what: string }).what)).toEqual([
      "leads.page",
      "leads.export",
      "report.list",
      "report.export",
      "negotiations",
      "booth.contacts",
    ]);
    const staffExportLog = logs[3].after as { rows: number; contacts: number; list: string };
    expect(staffExportLog).toMatchObject({ list: "leads", rows: expect.any(Number), contacts: expect.any(Number) });
    expect(staffExportLog.contacts).toBeGreaterThan(0);
    // Never the data itself.
    const investors = await db().user.findMany({ where: { memberships: { some: { role: "INVESTOR" } } } });
    for (const l of logs) for (const i of investors) expect(JSON.stringify(l.after)).not.toContain(i.email);

    // The fair's bureau and admins read the log; another bureau's staff and exhibitors cannot.
    const page = await call(privacyLog.loader, req(`/staff/fairs/${fair.id}/privacy-log`, { cookie: staff.cookie }), {
      id: fair.id,
    });
    expect(page.status).toBe(200);
    const body = await page.json();
    expect(body.total).toBe(6);
    expect(body.entries[0]).toMatchObject({ what: "booth.contacts", viewer: staff.user.name, role: "STAFF" });
    const admin = await makeUser("ADMIN");
    const open = (u: User, id = fair.id, q = "") =>
      call(privacyLog.loader, req(`/staff/fairs/${id}/privacy-log${q}`, { cookie: u.cookie }), { id });
    expect((await open(admin)).status).toBe(200);
    expect((await open(await makeUser("STAFF"))).status).toBe(403);
    expect((await open(exhibitor)).status).toBe(403);
    expect((await open(staff, "no-such-fair")).status).toBe(404);
    // Hostile paging is clamped, not an error.
    for (const q of ["?page=-1", "?page=abc", "?page=99999999999", "?page=2&page=3"])
      expect((await open(staff, fair.id, q)).status).toBe(200);
  });
});

describe("recording consent", () => {
  let lk: Awaited<ReturnType<typeof startLiveKit>>;
  const started: string[] = [];
  const stopped: string[] = [];

  beforeAll(async () => {
    if (!hasTool("livekit-server")) throw new Error("livekit-server missing: run scripts/setup");
    lk = await startLiveKit();
    configure({
      LIVEKIT_URL: lk.url,
      LIVEKIT_API_KEY: lk.apiKey,
      LIVEKIT_API_SECRET: lk.apiSecret,
      LIVEKIT_EGRESS: true,
    });
    setRecorderFactory(() => ({
      start: async (room) => (started.push(room), { egressId: `EG_${started.length}` }),
      stop: async (id) => void stopped.push(id),
    }));
  }, 60_000);
  afterAll(async () => {
    setRecorderFactory(null);
    configure({ LIVEKIT_EGRESS: false });
    await lk?.stop();
  });

  it("blocks the recording when withdrawn before the start, stops it during, keeps the file after", async () => {
    const fair = await makeFair();
    const investor = await makeUser("INVESTOR");
    const exhibitor = await makeUser("EXHIBITOR");
    const startsAt = new Date(Date.now() - 5 * MIN);
    const endsAt = new Date(startsAt.getTime() + 20 * MIN);
    const meeting = await db().meeting.create({
      data: {
        fairId: fair.id,
        investorOrgId: investor.organizationId!,
        exhibitorOrgId: exhibitor.organizationId!,
        startsAt,
        endsAt,
        participants: { create: [investor, exhibitor].map((u) => ({ userId: u.user.id, startsAt, endsAt })) },
      },
    });
    const inv = await sessionUserOf(investor);
    const exh = await sessionUserOf(exhibitor);

    await consentToRecording(inv, meeting.id, new Date(), "zh-CN");
    const given = await db().consent.findFirstOrThrow({ where: { userId: investor.user.id, kind: "RECORDING" } });
    const exOrg = await db().organization.findUniqueOrThrow({ where: { id: exhibitor.organizationId! } });
    expect(given).toMatchObject({ scopeId: meeting.id, version: "recording/1", source: "room", locale: "zh-CN" });
    expect(given.wording).toContain(`同意录制本次与${exOrg.nameZh}的洽谈`);

    // Withdrawn before everyone agreed: the other side's agreement starts nothing.
    const res = await withdrawFromAccount(investor, meeting.id);
    expect(res.status).toBe(302);
    expect((await roomPage(inv, meeting.id)).consented).toBe(false);
    expect((await consentToRecording(exh, meeting.id)).recording).toBe(false);
    expect(started).toEqual([]);

    // Given again: recording starts; withdrawn during it: it stops.
    expect((await consentToRecording(inv, meeting.id)).recording).toBe(true);
    expect(started).toHaveLength(1);
    expect(await db().consent.count({ where: { userId: investor.user.id, kind: "RECORDING" } })).toBe(2);
    const during = await withdrawRecordingConsent(exh, meeting.id);
    expect(during).toMatchObject({ stopped: 1, recording: false });
    expect(stopped).toEqual(["EG_1"]);

    // Once a file exists, withdrawing is recorded and the file stays for the participants.
    await db().meetingRecording.updateMany({
      where: { meetingId: meeting.id },
      data: { status: "complete", filename: "kept.mp4" },
    });
    await withdrawRecordingConsent(inv, meeting.id);
    expect((await roomPage(exh, meeting.id)).recordings).toEqual([expect.objectContaining({ filename: "kept.mp4" })]);
    expect(
      await db().auditLog.count({ where: { action: "meeting.recordingConsent.withdraw", entityId: meeting.id } }),
    ).toBe(3);
    const overview = await (await call(accountPage.loader, req("/account", { cookie: investor.cookie }))).json();
    expect(overview.consents.recordings).toEqual([
      expect.objectContaining({ meetingId: meeting.id, state: "withdrawn" }),
    ]);
    // Someone outside the meeting cannot withdraw anything there.
    const outsider = await makeUser("INVESTOR");
    expect((await withdrawFromAccount(outsider, meeting.id)).status).toBe(404);
  });

  const withdrawFromAccount = (u: User, meetingId: string) =>
    call(
      accountPage.action,
      req("/account", { cookie: u.cookie, form: { intent: "withdraw", kind: "RECORDING", scope: meetingId } }),
    );
});
