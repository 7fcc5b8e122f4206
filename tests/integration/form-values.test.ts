// Impossible and out-of-range values through the real route actions (issue 14; issue 15 item 8):
// each is a 400 with a field error in the user's language and nothing is stored; amounts typed with
// separators or full-width digits are stored exactly, in minor units.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import type { MessageKey } from "../../app/i18n/index.ts";
import { utcToWallTime } from "../../app/lib/time.ts";
import * as boothPage from "../../app/routes/booths.$id.tsx";
import * as builder from "../../app/routes/booths.$id_.edit.tsx";
import * as profileRoute from "../../app/routes/investor.profile.tsx";
import * as outcomeRoute from "../../app/routes/meetings_.$id.outcome.tsx";
import * as staffFair from "../../app/routes/staff.fairs.$id.tsx";
import * as newFair from "../../app/routes/staff.fairs.new.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req, makeMeeting, fairFormFields } from "../harness/factories.ts";

const inZh = serverTranslator("zh-CN");
const inEn = serverTranslator("en");
const DAY = 864e5;
/** A calendar day `n` days from now, in Shanghai (the fairs' zone here). */
const dayFromNow = (n: number) => utcToWallTime(new Date(Date.now() + n * DAY), "Asia/Shanghai").slice(0, 10);

beforeAll(async () => {
  await useTestDatabase();
});

/** Posts and expects a 400 whose field errors are exactly `errors` (translated). */
async function refused(res: Response, errors: Record<string, string>, label: string) {
  expect(res.status, label).toBe(400);
  expect((await res.json()).errors, label).toEqual(errors);
}

describe("fairs: no impossible, ancient or far-future dates; meeting days inside the fair", () => {
  const start = dayFromNow(30);
  const end = dayFromNow(32);
  const base = () => ({
    slug: `values-${Date.now().toString(36)}`,
    titleZh: "值测试展",
    titleEn: "Values Fair",
    timeZone: "Asia/Shanghai",
    startsAt: `${start}T09:00`,
    endsAt: `${end}T17:00`,
    meetingDays: start,
  });

  it("refuses them on a new fair and stores nothing", async () => {
    const staff = await makeUser("STAFF");
    const create = (form: Record<string, string>) =>
      call(newFair.action, req("/staff/fairs/new", { cookie: staff.cookie, form }));
    const cases: [Record<string, string>, Record<string, MessageKey>][] = [
      [
        { startsAt: "2026-02-30T09:00", endsAt: "2026-03-05T17:00", meetingDays: "" },
        { startsAt: "staff.error.datetime" },
      ],
      [{ startsAt: "0001-01-01T09:00" }, { startsAt: "error.date.outOfRange" }],
      [{ endsAt: "9999-12-31T17:00" }, { endsAt: "error.date.outOfRange" }],
      [
        { startsAt: "2020-05-01T09:00", endsAt: "2020-05-03T17:00", meetingDays: "" },
        { startsAt: "staff.error.startsInPast" },
      ],
      [{ meetingDays: "2026-02-30" }, { meetingDays: "staff.error.meetingDays" }],
      [{ meetingDays: dayFromNow(40) }, { meetingDays: "staff.error.meetingDayOutside" }],
      [{ meetingDays: dayFromNow(29) }, { meetingDays: "staff.error.meetingDayOutside" }],
    ];
    for (const [change, keys] of cases) {
      const form = { ...base(), ...change };
      const errors = Object.fromEntries(Object.entries(keys).map(([f, k]) => [f, inZh(k)]));
      await refused(await create(form), errors, JSON.stringify(change));
      expect(await db().fair.count({ where: { slug: form.slug } })).toBe(0);
    }
    const ok = await create(base());
    expect(ok.status).toBe(302);
  });

  it("refuses an impossible meeting day or start on an existing fair, leaving it as it was", async () => {
    const fair = await makeFair();
    const staff = await makeUser("STAFF", fair.organizerId);
    const edit = (form: Record<string, string>) =>
      call(
        staffFair.action,
        req(`/staff/fairs/${fair.id}`, { cookie: staff.cookie, form: { intent: "fair", ...form } }),
        {
          id: fair.id,
        },
      );
    const form = fairFormFields(fair.slug);
    const before = await db().fair.findUniqueOrThrow({ where: { id: fair.id } });
    // 2026-02-30 would have been stored as 2 March, and its slots offered outside the fair.
    await refused(
      await edit({ ...form, meetingDays: "2026-02-30" }),
      { meetingDays: inZh("staff.error.meetingDays") },
      "02-30",
    );
    await refused(
      await edit({ ...form, meetingDays: "2026-12-08, 2027-03-02" }),
      { meetingDays: inZh("staff.error.meetingDayOutside") },
      "outside",
    );
    await refused(
      await edit({ ...form, startsAt: "2026-11-31T09:00" }),
      { startsAt: inZh("staff.error.datetime") },
      "11-31",
    );
    // An existing fair stays editable after it started (only new fairs must start today or later).
    expect(before).toEqual(await db().fair.findUniqueOrThrow({ where: { id: fair.id } }));
    expect((await edit({ ...form, meetingDays: "2026-12-09" })).status).toBe(302);
    expect((await db().fair.findUniqueOrThrow({ where: { id: fair.id } })).meetingDays).toEqual(["2026-12-09"]);
  });

  it("stores tier fees exactly: 12.345 and 1e14 refused, separators and full-width digits read", async () => {
    const fair = await makeFair();
    const staff = await makeUser("STAFF", fair.organizerId);
    const tier = (code: string, fee: string) =>
      call(
        staffFair.action,
        req(`/staff/fairs/${fair.id}`, {
          cookie: staff.cookie,
          form: { intent: "tier", code, nameZh: "金牌展位", nameEn: "Gold", fee, currency: "CNY" },
        }),
        { id: fair.id },
      );
    for (const fee of ["12.345", "1e14", "-5", "", "10,000,000.01", "１２.３４５"])
      await refused(await tier("gold", fee), { fee: inZh("staff.error.fee") }, fee);
    expect((await tier("gold", "12\u0000")).status).toBe(400); // NUL: refused before the form (ADR 020)
    expect(await db().boothTier.count({ where: { fairId: fair.id, code: "gold" } })).toBe(0);
    expect((await tier("gold", "12,000.50")).status).toBe(302);
    expect((await tier("wide", "１２３")).status).toBe(302);
    const fees = await db().boothTier.findMany({ where: { fairId: fair.id, code: { in: ["gold", "wide"] } } });
    expect(Object.fromEntries(fees.map((t) => [t.code, t.feeAmount]))).toEqual({ gold: 1_200_050, wide: 12_300 });
  });
});

describe("amounts on the booth builder and the investor profile", () => {
  it("project amounts: 1e14 says the range, 12,000,000.50 is stored to the cent", async () => {
    const fair = await makeFair();
    const ex = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, ex.organizationId!, "DRAFT");
    const save = (amount: string) =>
      call(
        builder.action,
        req(`/booths/${booth.id}/edit`, {
          cookie: ex.cookie,
          form: {
            intent: "project-save",
            titleZh: "储能项目",
            titleEn: "Storage project",
            sector: "new-energy",
            stage: "SERIES_A",
            region: "suzhou",
            amount,
            currency: "CNY",
          },
        }),
        { id: booth.id },
      );
    for (const amount of ["1e14", "100000000000000", "12.345", "-5", "0", ""])
      await refused(await save(amount), { amount: inZh("booth.error.amount") }, amount);
    expect(inZh("booth.error.amount")).not.toBe("请输入大于 0 的金额。");
    expect(await db().project.count({ where: { boothId: booth.id, titleEn: "Storage project" } })).toBe(0);
    expect((await save("12,000,000.50")).status).toBe(302);
    const p = await db().project.findFirstOrThrow({ where: { boothId: booth.id, titleEn: "Storage project" } });
    expect(p.amountSought).toBe(1_200_000_050n);
  });

  it("investor tickets read separators and full-width digits", async () => {
    const inv = await makeUser("INVESTOR");
    const post = (min: string, max: string) =>
      call(
        profileRoute.action,
        new Request("http://localhost/investor/profile", {
          method: "POST",
          headers: { Cookie: inv.cookie },
          body: new URLSearchParams([
            ["sectors", "semiconductors"],
            ["stages", "SERIES_A"],
            ["ticketMin", min],
            ["ticketMax", max],
            ["meetingCapacity", "8"],
          ]),
        }),
      );
    await refused(await post("1e14", "1"), { ticketMin: inZh("profile.error.ticketAmount") }, "1e14");
    await refused(await post("0", "12.345"), { ticketMax: inZh("profile.error.ticketAmount") }, "12.345");
    expect(await db().investorProfile.count({ where: { organizationId: inv.organizationId! } })).toBe(0);
    expect((await post("1,000,000", "２,５００,０００.５０")).status).toBe(302);
    expect(
      await db().investorProfile.findUniqueOrThrow({ where: { organizationId: inv.organizationId! } }),
    ).toMatchObject({
      ticketMin: 100_000_000n,
      ticketMax: 250_000_050n,
    });
  });
});

describe("outcomes: a next step is not dated in the past; amounts exact", () => {
  async function meeting() {
    const fair = await makeFair();
    const [investor, exhibitor] = [await makeUser("INVESTOR"), await makeUser("EXHIBITOR")];
    const endsAt = new Date(Date.now() - 10 * 60_000);
    const startsAt = new Date(endsAt.getTime() - 30 * 60_000);
    const m = await makeMeeting({ fair, investor, exhibitor, startsAt, endsAt, status: "COMPLETED" });
    return { investor, exhibitor, m };
  }
  const form = { intent: "outcome", result: "FOLLOW_UP", rating: "4" };
  const post = (cookie: string, id: string, fields: Record<string, string>) =>
    call(outcomeRoute.action, req(`/meetings/${id}/outcome`, { cookie, form: { ...form, ...fields } }), { id });

  it("refuses yesterday, 2026-02-30, 0001 and 12.345, in the user's language, storing nothing", async () => {
    const { investor, exhibitor, m } = await meeting();
    await db().user.update({ where: { id: exhibitor.user.id }, data: { locale: "en" } });
    const cases: [string, Record<string, string>, Record<string, string>][] = [
      [investor.cookie, { nextStepDate: dayFromNow(-1) }, { nextStepDate: inZh("outcome.error.datePast") }],
      [exhibitor.cookie, { nextStepDate: dayFromNow(-1) }, { nextStepDate: inEn("outcome.error.datePast") }],
      [investor.cookie, { nextStepDate: "2020-01-15" }, { nextStepDate: inZh("outcome.error.datePast") }],
      [investor.cookie, { nextStepDate: "2026-02-30" }, { nextStepDate: inZh("outcome.error.date") }],
      [investor.cookie, { nextStepDate: "0001-01-01" }, { nextStepDate: inZh("error.date.outOfRange") }],
      [exhibitor.cookie, { nextStepDate: "9999-12-31" }, { nextStepDate: inEn("error.date.outOfRange") }],
      [investor.cookie, { amount: "12.345" }, { amount: inZh("outcome.error.amount") }],
      [investor.cookie, { amount: "1e14" }, { amount: inZh("outcome.error.amount") }],
    ];
    for (const [cookie, fields, errors] of cases)
      await refused(await post(cookie, m.id, fields), errors, JSON.stringify(fields));
    expect(await db().meetingOutcome.count({ where: { meetingId: m.id } })).toBe(0);
    expect(inEn("outcome.error.datePast")).not.toBe("outcome.error.datePast");
  });

  it("accepts today and later, separators in amounts, and keeps a date saved earlier", async () => {
    const { investor, m } = await meeting();
    const today = dayFromNow(0);
    expect((await post(investor.cookie, m.id, { nextStepDate: today, amount: "12,000,000.50" })).status).toBe(302);
    const row = await db().meetingOutcome.findFirstOrThrow({ where: { meetingId: m.id } });
    expect(row.amount?.toFixed(2)).toBe("12000000.50");
    expect(row.nextStepDate?.toISOString().slice(0, 10)).toBe(today);
    // The saved day has passed since: editing the notes keeps it (it is not re-dated).
    const yesterday = dayFromNow(-1);
    await db().meetingOutcome.update({
      where: { id: row.id },
      data: { nextStepDate: new Date(`${yesterday}T00:00:00Z`) },
    });
    expect((await post(investor.cookie, m.id, { nextStepDate: yesterday, notes: "补充" })).status).toBe(302);
  });
});

describe("meeting slots", () => {
  it("refuses a slot on a day that does not exist or out of range, storing no request", async () => {
    const fair = await makeFair();
    const day = dayFromNow(9);
    await db().fair.update({
      where: { id: fair.id },
      data: { meetingDays: [day], sessionStart: "09:00", sessionEnd: "11:00", slotMinutes: 20 },
    });
    const [inv, ex] = [await makeUser("INVESTOR"), await makeUser("EXHIBITOR")];
    const booth = await makeBooth(fair, ex.organizationId!, "APPROVED");
    for (const slot of ["2026-02-30T01:00:00.000Z", "9999-01-01T01:00:00.000Z", `${day}T24:00:00Z`]) {
      const res = await call(
        boothPage.action,
        req(`/booths/${booth.id}`, { cookie: inv.cookie, form: { intent: "request-meeting", slots: slot } }),
        { id: booth.id },
      );
      expect(res.status, slot).toBe(400);
      const errors = (await res.json()).errors;
      expect(Object.keys(errors), slot).toEqual(["slots"]);
      expect([inZh("meetings.error.badSlot"), inZh("error.date.outOfRange")]).toContain(errors.slots);
    }
    expect(await db().meetingRequest.count({ where: { fairId: fair.id } })).toBe(0);
  });
});
