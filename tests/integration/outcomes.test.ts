// Meeting outcomes (洽谈成果): the form opens once the meeting is over, each participant records
// their own side (validated, Decimal amounts, audited), edits lock after 7 days, the other side
// never sees it, the organizing bureau's staff see both, and outcomes feed matching.
import { beforeAll, describe, expect, it } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import type { MeetingStatus } from "../../app/generated/prisma/client.ts";
import {
  EDIT_DAYS,
  NEGOTIATIONS_PER_PAGE,
  negotiationsOfFair,
  outcomeForm,
  outcomeSchema,
  saveOutcome,
  type OutcomeView,
} from "../../app/domain/meetings/outcomes.server.ts";
import {
  recommendationsStale,
  refreshRecommendations,
} from "../../app/domain/recommendations/recommendations.server.ts";
import { DomainError } from "../../app/lib/errors.ts";
import * as outcomeRoute from "../../app/routes/meetings_.$id.outcome.tsx";
import * as negotiationsRoute from "../../app/routes/staff.fairs.$id_.negotiations.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req, makeMeeting, makeInvestorProfile } from "../harness/factories.ts";
import type { MessageKey } from "../../app/i18n/index.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";

// Field errors come back already translated (ADR 018).
const inZh = serverTranslator("zh-CN");

const MIN = 60_000;
const DAY = 864e5;
type TestUser = Awaited<ReturnType<typeof makeUser>>;
type Fair = Awaited<ReturnType<typeof makeFair>>;

beforeAll(async () => {
  await useTestDatabase();
});

const sessionUser = async (u: TestUser) => (await getUser(req("/", { cookie: u.cookie })))!;

/**
 * A meeting between a fresh investor and a fresh exhibitor (so participant times never overlap).
 * `endOffsetMin` is when it ends relative to now (negative: already over).
 */
async function scenario(
  opts: {
    status?: MeetingStatus;
    endOffsetMin?: number;
    fair?: Fair;
    projectId?: string;
    investor?: TestUser;
    exhibitor?: TestUser;
  } = {},
) {
  const fair = opts.fair ?? (await makeFair());
  const investor = opts.investor ?? (await makeUser("INVESTOR"));
  const exhibitor = opts.exhibitor ?? (await makeUser("EXHIBITOR"));
  const endsAt = new Date(Date.now() + (opts.endOffsetMin ?? -10) * MIN);
  const startsAt = new Date(endsAt.getTime() - 30 * MIN);
  const meeting = await makeMeeting({
    fair,
    investor,
    exhibitor,
    startsAt,
    endsAt,
    status: opts.status ?? "COMPLETED",
    projectId: opts.projectId,
  });
  return { fair, investor, exhibitor, meeting };
}

/** A next step two weeks ahead: the form refuses one dated in the past, so no fixed date would last. */
const NEXT_STEP_DATE = new Date(Date.now() + 14 * 864e5).toISOString().slice(0, 10);

const FORM = {
  intent: "outcome",
  result: "INTENT_TO_INVEST",
  amount: "1234567.89",
  currency: "USD",
  nextStep: "寄送尽调材料",
  nextStepDate: NEXT_STEP_DATE,
  notes: "团队扎实，估值偏高",
  rating: "4",
};
const INPUT = outcomeSchema.parse(FORM);

const post = (u: TestUser, meetingId: string, form: Record<string, string>) =>
  call(outcomeRoute.action, req(`/meetings/${meetingId}/outcome`, { cookie: u.cookie, form }), { id: meetingId });
const load = (u: TestUser, meetingId: string) =>
  call(outcomeRoute.loader, req(`/meetings/${meetingId}/outcome`, { cookie: u.cookie }), { id: meetingId });
const without = (o: Record<string, string>, key: string) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

async function rejects(p: Promise<unknown>, key: string, status: number) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect(err).toMatchObject({ key, status });
}

const outcomesOf = (meetingId: string) =>
  db().meetingOutcome.findMany({ where: { meetingId }, orderBy: { createdAt: "asc" } });
const auditsOf = (entityId: string) =>
  db().auditLog.findMany({ where: { entityType: "MeetingOutcome", entityId }, orderBy: { createdAt: "asc" } });

describe("the form opens once the meeting is over", () => {
  it("refuses a scheduled meeting, or one in progress before its end, with 409 and a localized message", async () => {
    for (const [status, endOffsetMin] of [
      ["SCHEDULED", 60],
      ["SCHEDULED", -10],
      ["IN_PROGRESS", 10],
      ["CANCELLED", -10],
      ["NO_SHOW", -10],
    ] as const) {
      const { investor, meeting } = await scenario({ status, endOffsetMin });
      await rejects(saveOutcome(await sessionUser(investor), meeting.id, INPUT), "outcome.error.notOver", 409);
      const res = await post(investor, meeting.id, FORM);
      expect(res.status, `${status} ${endOffsetMin}`).toBe(409);
      const body = await res.json();
      expect(body.formError).toBe("洽谈结束后才能填写成果。");
      expect(body.values.notes).toBe(FORM.notes);
      const page = await load(investor, meeting.id);
      expect(page.status).toBe(200);
      expect((await page.json()).form).toMatchObject({ open: false, editable: false, outcome: null });
      expect(await outcomesOf(meeting.id)).toHaveLength(0);
    }
  });

  it("opens an in-progress meeting at its end and a completed one", async () => {
    const running = await scenario({ status: "IN_PROGRESS", endOffsetMin: 5 });
    const inv = await sessionUser(running.investor);
    const end = running.meeting.endsAt;
    expect((await outcomeForm(inv, running.meeting.id, new Date(end.getTime() - 1))).open).toBe(false);
    await rejects(
      saveOutcome(inv, running.meeting.id, INPUT, new Date(end.getTime() - 1)),
      "outcome.error.notOver",
      409,
    );
    expect((await outcomeForm(inv, running.meeting.id, end)).open).toBe(true);
    expect((await saveOutcome(inv, running.meeting.id, INPUT, new Date(end.getTime() + MIN))).side).toBe("INVESTOR");

    const overrun = await scenario({ status: "IN_PROGRESS", endOffsetMin: -1 });
    expect((await (await load(overrun.exhibitor, overrun.meeting.id)).json()).form).toMatchObject({
      open: true,
      editable: true,
      side: "EXHIBITOR",
    });
    expect((await post(overrun.exhibitor, overrun.meeting.id, FORM)).status).toBe(302);

    const done = await scenario({ status: "COMPLETED", endOffsetMin: 30 }); // ended early: completed counts regardless of endsAt
    expect((await (await load(done.investor, done.meeting.id)).json()).form).toMatchObject({
      open: true,
      editable: true,
      outcome: null,
    });
    expect((await post(done.investor, done.meeting.id, FORM)).status).toBe(302);
  });
});

describe("each participant saves their own outcome", () => {
  it("stores both sides through the route, amounts as exact decimals, and audits create then update", async () => {
    const { investor, exhibitor, meeting, fair } = await scenario();
    const res = await post(investor, meeting.id, FORM);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/meetings/${meeting.id}/outcome?saved=outcome`);
    const [row] = await outcomesOf(meeting.id);
    expect(row).toMatchObject({
      authorId: investor.user.id,
      side: "INVESTOR",
      result: "INTENT_TO_INVEST",
      currency: "USD",
      nextStep: "寄送尽调材料",
      notes: "团队扎实，估值偏高",
      rating: 4,
    });
    expect(row.amount?.toFixed(2)).toBe("1234567.89");
    expect(row.nextStepDate?.toISOString()).toBe(`${NEXT_STEP_DATE}T00:00:00.000Z`);

    const ex = await post(exhibitor, meeting.id, {
      ...FORM,
      result: "NEED_INFO",
      amount: "99999999999999.99",
      currency: "CNY",
      nextStepDate: "",
      rating: "2",
    });
    expect(ex.status).toBe(302);
    const rows = await outcomesOf(meeting.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      authorId: exhibitor.user.id,
      side: "EXHIBITOR",
      result: "NEED_INFO",
      currency: "CNY",
      nextStepDate: null,
      rating: 2,
    });
    expect(rows[1].amount?.toFixed(2)).toBe("99999999999999.99"); // the largest amount the form accepts, to the cent

    // The page shows what was saved, editable for 7 days.
    const form = (await (await load(investor, meeting.id)).json()).form;
    expect(form).toMatchObject({
      open: true,
      editable: true,
      side: "INVESTOR",
      counterpart: { nameZh: expect.stringMatching(/^机构/) },
    });
    expect(form.outcome).toMatchObject({
      side: "INVESTOR",
      amount: "1234567.89",
      nextStepDate: NEXT_STEP_DATE,
      rating: 4,
    });
    expect(new Date(form.outcome.editableUntil).getTime() - row.createdAt.getTime()).toBe(EDIT_DAYS * DAY);

    // Editing: same row, blank amount clears it, currency defaults to CNY.
    const edit = await post(investor, meeting.id, {
      intent: "outcome",
      result: "FOLLOW_UP",
      amount: "",
      nextStep: "",
      nextStepDate: "",
      notes: "改为再次洽谈",
      rating: "5",
    });
    expect(edit.status).toBe(302);
    const edited = await db().meetingOutcome.findUniqueOrThrow({ where: { id: row.id } });
    expect(edited).toMatchObject({
      result: "FOLLOW_UP",
      amount: null,
      currency: "CNY",
      nextStep: "",
      nextStepDate: null,
      notes: "改为再次洽谈",
      rating: 5,
      side: "INVESTOR",
    });
    expect(edited.createdAt).toEqual(row.createdAt);
    expect(await db().meetingOutcome.count({ where: { meetingId: meeting.id, authorId: investor.user.id } })).toBe(1);

    const audits = await auditsOf(row.id);
    expect(audits.map((a) => a.action)).toEqual(["outcome.create", "outcome.update"]);
    expect(audits.every((a) => a.actorId === investor.user.id)).toBe(true);
    expect(audits[0].before).toBeNull();
    expect(audits[0].after).toMatchObject({
      side: "INVESTOR",
      result: "INTENT_TO_INVEST",
      amount: "1234567.89",
      currency: "USD",
      rating: 4,
    });
    expect(audits[1].before).toMatchObject({
      result: "INTENT_TO_INVEST",
      amount: "1234567.89",
      notes: "团队扎实，估值偏高",
      rating: 4,
    });
    expect(audits[1].after).toMatchObject({
      result: "FOLLOW_UP",
      amount: "",
      currency: "CNY",
      notes: "改为再次洽谈",
      rating: 5,
    });
    expect((await auditsOf(rows[1].id)).map((a) => a.action)).toEqual(["outcome.create"]);
    expect(fair.id).toBe(meeting.fairId);
  });
});

describe("bad input gets field errors and loses nothing", () => {
  it("rejects each bad field with 400, echoes what was typed and writes nothing", async () => {
    const { investor, meeting } = await scenario();
    const cases: [Record<string, string>, string, string][] = [
      [without(FORM, "rating"), "rating", "outcome.error.rating"],
      [{ ...FORM, rating: "" }, "rating", "outcome.error.rating"],
      [{ ...FORM, rating: "6" }, "rating", "outcome.error.rating"],
      [{ ...FORM, rating: "0" }, "rating", "outcome.error.rating"],
      [{ ...FORM, rating: "3.5" }, "rating", "outcome.error.rating"],
      [{ ...FORM, rating: "four" }, "rating", "outcome.error.rating"],
      [{ ...FORM, amount: "12,5" }, "amount", "outcome.error.amount"],
      [{ ...FORM, amount: "-3" }, "amount", "outcome.error.amount"],
      [{ ...FORM, amount: "1.234" }, "amount", "outcome.error.amount"],
      [{ ...FORM, amount: "1e5" }, "amount", "outcome.error.amount"],
      [{ ...FORM, amount: "100000000000000" }, "amount", "outcome.error.amount"], // 15 digits: beyond Decimal(16,2)
      [{ ...FORM, nextStepDate: "tomorrow" }, "nextStepDate", "outcome.error.date"],
      [{ ...FORM, nextStepDate: "20.12.2026" }, "nextStepDate", "outcome.error.date"],
      [{ ...FORM, nextStepDate: "2026-13-45" }, "nextStepDate", "outcome.error.date"], // right shape, no such day
      [{ ...FORM, nextStepDate: "2026-02-30" }, "nextStepDate", "outcome.error.date"], // would silently become 2 March
      [{ ...FORM, notes: "长".repeat(2001) }, "notes", "error.tooLong"],
      [{ ...FORM, nextStep: "x".repeat(501) }, "nextStep", "error.tooLong"],
      [without(FORM, "result"), "result", "error.invalidChoice"],
      [{ ...FORM, result: "MAYBE" }, "result", "error.invalidChoice"],
      [{ ...FORM, currency: "BTC" }, "currency", "error.invalidChoice"],
    ];
    for (const [form, field, key] of cases) {
      const res = await post(investor, meeting.id, form);
      const label = `${field}=${JSON.stringify(form[field])?.slice(0, 20)}`;
      expect(res.status, label).toBe(400);
      const body = await res.json();
      expect(body.errors, label).toEqual({ [field]: inZh(key as MessageKey) });
      expect(body.formError).toBe("请检查标出的项目。");
      expect(body.values, label).toEqual(form); // everything typed comes back, the bad value included
    }
    expect(await outcomesOf(meeting.id)).toHaveLength(0);
    expect(await db().auditLog.count({ where: { entityType: "MeetingOutcome", actorId: investor.user.id } })).toBe(0);

    // The limits themselves are allowed.
    const ok = await post(investor, meeting.id, {
      ...FORM,
      notes: "长".repeat(2000),
      nextStep: "x".repeat(500),
      amount: "0.5",
      rating: "1",
      nextStepDate: "2028-02-29",
    });
    expect(ok.status).toBe(302);
    const [row] = await outcomesOf(meeting.id);
    expect(row.notes).toHaveLength(2000);
    expect(row.amount?.toFixed(2)).toBe("0.50");
    expect(row.nextStepDate?.toISOString().slice(0, 10)).toBe("2028-02-29");
  });
});

/** An investor's outcome of a finished meeting, and `at(ms)`: a time that long after it was first saved. */
async function firstOutcome() {
  const { investor, meeting } = await scenario();
  const inv = await sessionUser(investor);
  await saveOutcome(inv, meeting.id, INPUT);
  const row = await db().meetingOutcome.findUniqueOrThrow({
    where: { meetingId_authorId: { meetingId: meeting.id, authorId: investor.user.id } },
  });
  const at = (ms: number) => new Date(row.createdAt.getTime() + ms);
  return { investor, inv, meeting, row, at };
}

describe("the author may edit for 7 days", () => {
  it("allows edits up to createdAt + 7 days and locks them after, leaving the row unchanged", async () => {
    const { inv, meeting, row, at } = await firstOutcome();

    expect((await outcomeForm(inv, meeting.id, at(6 * DAY))).editable).toBe(true);
    await saveOutcome(inv, meeting.id, { ...INPUT, rating: 3 }, at(6 * DAY));
    expect((await outcomeForm(inv, meeting.id, at(EDIT_DAYS * DAY))).editable).toBe(true);
    await saveOutcome(inv, meeting.id, { ...INPUT, rating: 2, notes: "最后一次修改" }, at(EDIT_DAYS * DAY));
    const last = await db().meetingOutcome.findUniqueOrThrow({ where: { id: row.id } });
    expect(last).toMatchObject({ rating: 2, notes: "最后一次修改" });

    const late = at(EDIT_DAYS * DAY + MIN);
    await rejects(
      saveOutcome(inv, meeting.id, { ...INPUT, rating: 5, notes: "太晚了" }, late),
      "outcome.error.locked",
      409,
    );
    expect(await db().meetingOutcome.findUniqueOrThrow({ where: { id: row.id } })).toEqual(last);
    const form = await outcomeForm(inv, meeting.id, late);
    expect(form).toMatchObject({ open: true, editable: false, outcome: { rating: 2, notes: "最后一次修改" } });
    expect((await auditsOf(row.id)).map((a) => a.action)).toEqual([
      "outcome.create",
      "outcome.update",
      "outcome.update",
    ]);
  });

  it("is seven days, as promised to users: a minute before the seventh day ends it saves, a minute after not", async () => {
    // Literal 7, not EDIT_DAYS: changing the constant must fail this test (the rule is in the README and the UI).
    const SEVEN_DAYS = 7 * DAY;
    const { inv, meeting, row, at } = await firstOutcome();
    await saveOutcome(inv, meeting.id, { ...INPUT, rating: 1 }, at(SEVEN_DAYS - MIN));
    expect((await db().meetingOutcome.findUniqueOrThrow({ where: { id: row.id } })).rating).toBe(1);
    expect((await outcomeForm(inv, meeting.id, at(SEVEN_DAYS + MIN))).editable).toBe(false);
    await rejects(
      saveOutcome(inv, meeting.id, { ...INPUT, rating: 5 }, at(SEVEN_DAYS + MIN)),
      "outcome.error.locked",
      409,
    );
    expect((await db().meetingOutcome.findUniqueOrThrow({ where: { id: row.id } })).rating).toBe(1);
    expect(inZh("outcome.error.locked")).toBe("填写已超过 7 天，不能再修改。");
  });

  it("locks through the route too: 409 with the message, the page read-only", async () => {
    const { exhibitor, meeting } = await scenario();
    expect((await post(exhibitor, meeting.id, FORM)).status).toBe(302);
    const [row] = await outcomesOf(meeting.id);
    await db().meetingOutcome.update({
      where: { id: row.id },
      data: { createdAt: new Date(Date.now() - EDIT_DAYS * DAY - MIN) },
    });
    const res = await post(exhibitor, meeting.id, { ...FORM, rating: "1" });
    expect(res.status).toBe(409);
    expect((await res.json()).formError).toBe("填写已超过 7 天，不能再修改。");
    expect((await db().meetingOutcome.findUniqueOrThrow({ where: { id: row.id } })).rating).toBe(4);
    expect((await (await load(exhibitor, meeting.id)).json()).form).toMatchObject({
      open: true,
      editable: false,
      outcome: { rating: 4 },
    });
  });
});

describe("privacy", () => {
  it("shows each side only its own outcome", async () => {
    const { investor, exhibitor, meeting } = await scenario();
    expect(
      (
        await post(investor, meeting.id, {
          ...FORM,
          notes: "INVESTOR-SECRET-NOTE",
          amount: "7777777.77",
          nextStep: "内部讨论估值",
        })
      ).status,
    ).toBe(302);
    const before = await (await load(exhibitor, meeting.id)).text();
    expect(JSON.parse(before).form).toMatchObject({ side: "EXHIBITOR", outcome: null });
    for (const secret of ["INVESTOR-SECRET-NOTE", "7777777.77", "内部讨论估值", "INTENT_TO_INVEST"])
      expect(before).not.toContain(secret);

    expect(
      (await post(exhibitor, meeting.id, { ...FORM, result: "NOT_A_FIT", notes: "EXHIBITOR-OWN-NOTE", amount: "" }))
        .status,
    ).toBe(302);
    const after = await (await load(exhibitor, meeting.id)).text();
    expect(JSON.parse(after).form.outcome).toMatchObject({
      side: "EXHIBITOR",
      result: "NOT_A_FIT",
      notes: "EXHIBITOR-OWN-NOTE",
    });
    for (const secret of ["INVESTOR-SECRET-NOTE", "7777777.77", "内部讨论估值"]) expect(after).not.toContain(secret);
    const mine = await (await load(investor, meeting.id)).text();
    expect(JSON.parse(mine).form.outcome).toMatchObject({ side: "INVESTOR", notes: "INVESTOR-SECRET-NOTE" });
    expect(mine).not.toContain("EXHIBITOR-OWN-NOTE");
  });

  it("refuses non-participants (another investor, a colleague, the bureau's staff) with 403 and writes nothing", async () => {
    const { investor, meeting, fair } = await scenario();
    const strangers = [
      await makeUser("INVESTOR"),
      await makeUser("INVESTOR", investor.organizationId!),
      await makeUser("STAFF", fair.organizerId),
    ];
    for (const s of strangers) {
      expect((await load(s, meeting.id)).status).toBe(403);
      expect((await post(s, meeting.id, FORM)).status).toBe(403);
      await rejects(saveOutcome(await sessionUser(s), meeting.id, INPUT), "errorPage.403.title", 403);
      await rejects(outcomeForm(await sessionUser(s), meeting.id), "errorPage.403.title", 403);
    }
    expect(await outcomesOf(meeting.id)).toHaveLength(0);
    expect(
      await db().auditLog.count({
        where: { entityType: "MeetingOutcome", actorId: { in: strangers.map((s) => s.user.id) } },
      }),
    ).toBe(0);
    expect((await load(investor, "no-such-meeting")).status).toBe(404);
    expect((await post(investor, "no-such-meeting", FORM)).status).toBe(404);
    const anonymous = await call(outcomeRoute.action, req(`/meetings/${meeting.id}/outcome`, { form: FORM }), {
      id: meeting.id,
    });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?next=/);
    expect(await outcomesOf(meeting.id)).toHaveLength(0);
  });
});

describe("staff negotiations view", () => {
  type Row = {
    id: string;
    status: string;
    startsAt: string;
    investorOutcome: OutcomeView | null;
    exhibitorOutcome: OutcomeView | null;
  };
  const negotiations = async (u: TestUser, fairId: string, query = "") =>
    call(negotiationsRoute.loader, req(`/staff/fairs/${fairId}/negotiations${query}`, { cookie: u.cookie }), {
      id: fairId,
    });

  it("shows the organizing bureau's staff both sides' outcomes, filtered by status, and refuses everyone else", async () => {
    const fair = await makeFair();
    const staff = await makeUser("STAFF", fair.organizerId);
    const done = await scenario({ fair });
    const scheduled = await scenario({ fair, status: "SCHEDULED", endOffsetMin: 120 });
    const cancelled = await scenario({ fair, status: "CANCELLED", endOffsetMin: -300 });
    expect((await post(done.investor, done.meeting.id, { ...FORM, notes: "投资方备注" })).status).toBe(302);
    expect(
      (
        await post(done.exhibitor, done.meeting.id, {
          ...FORM,
          result: "FOLLOW_UP",
          amount: "",
          notes: "展商备注",
          rating: "5",
        })
      ).status,
    ).toBe(302);

    const res = await negotiations(staff, fair.id);
    expect(res.status).toBe(200);
    const { list, status } = await res.json();
    expect(status).toBe("");
    expect(list).toMatchObject({ total: 3, page: 1, pages: 1, timeZone: "Asia/Shanghai" });
    expect(list.meetings.map((m: Row) => m.id)).toEqual([scheduled.meeting.id, done.meeting.id, cancelled.meeting.id]); // newest first
    const row = list.meetings.find((m: Row) => m.id === done.meeting.id);
    expect(row.investorOutcome).toMatchObject({
      side: "INVESTOR",
      result: "INTENT_TO_INVEST",
      amount: "1234567.89",
      currency: "USD",
      notes: "投资方备注",
      rating: 4,
    });
    expect(row.exhibitorOutcome).toMatchObject({
      side: "EXHIBITOR",
      result: "FOLLOW_UP",
      amount: "",
      notes: "展商备注",
      rating: 5,
    });
    expect(row.investor.id).toBe(done.investor.organizationId);
    expect(row.exhibitor.id).toBe(done.exhibitor.organizationId);
    expect(list.meetings.find((m: Row) => m.id === scheduled.meeting.id)).toMatchObject({
      investorOutcome: null,
      exhibitorOutcome: null,
    });

    const completed = (await (await negotiations(staff, fair.id, "?status=COMPLETED")).json()).list;
    expect(completed.total).toBe(1);
    expect(completed.meetings.map((m: Row) => m.id)).toEqual([done.meeting.id]);
    const cancelledOnly = (await (await negotiations(staff, fair.id, "?status=CANCELLED")).json()).list;
    expect(cancelledOnly.meetings.map((m: Row) => m.id)).toEqual([cancelled.meeting.id]);
    expect((await (await negotiations(staff, fair.id, "?status=BOGUS")).json()).list.total).toBe(3); // unknown status: no filter
    const one = (await (await negotiations(staff, fair.id, `?meeting=${done.meeting.id}`)).json()).list;
    expect(one.meetings.map((m: Row) => m.id)).toEqual([done.meeting.id]);

    // The domain function applies the same check.
    expect(
      (await negotiationsOfFair(await sessionUser(staff), fair.id, { status: "COMPLETED" })).meetings[0]
        .exhibitorOutcome?.notes,
    ).toBe("展商备注");
    const otherStaff = await makeUser("STAFF");
    const thrown = await negotiationsOfFair(await sessionUser(otherStaff), fair.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(403);
    for (const outsider of [otherStaff, done.investor, done.exhibitor])
      expect((await negotiations(outsider, fair.id)).status).toBe(403);
    expect((await negotiations(staff, "no-such-fair")).status).toBe(404);
  });

  it(`pages ${NEGOTIATIONS_PER_PAGE} meetings at a time`, async () => {
    const fair = await makeFair();
    const staff = await makeUser("STAFF", fair.organizerId);
    const inv = await makeUser("INVESTOR");
    const exh = await makeUser("EXHIBITOR");
    const base = Date.parse("2026-12-08T02:00:00Z");
    await db().meeting.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        fairId: fair.id,
        investorOrgId: inv.organizationId!,
        exhibitorOrgId: exh.organizationId!,
        status: "COMPLETED" as const,
        startsAt: new Date(base + i * 30 * MIN),
        endsAt: new Date(base + i * 30 * MIN + 20 * MIN),
      })),
    });
    const page = async (q: string) =>
      (await (await negotiations(staff, fair.id, q)).json()).list as {
        total: number;
        page: number;
        pages: number;
        meetings: Row[];
      };
    const p1 = await page("");
    const p2 = await page("?page=2");
    expect(p1).toMatchObject({ total: 30, page: 1, pages: 2 });
    expect(p1.meetings).toHaveLength(25);
    expect(p2).toMatchObject({ total: 30, page: 2, pages: 2 });
    expect(p2.meetings).toHaveLength(5);
    const all = [...p1.meetings, ...p2.meetings];
    expect(new Set(all.map((m) => m.id)).size).toBe(30);
    const starts = all.map((m) => Date.parse(m.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(p2.meetings.at(-1)!.startsAt).toBe(new Date(base).toISOString());
    expect((await page("?page=3")).meetings).toHaveLength(0);
    expect((await page("?page=-4")).page).toBe(1);
    expect((await page("?status=COMPLETED&page=2")).meetings).toHaveLength(5);
  });
});

describe("outcomes feed matching", () => {
  it("marks recommendations stale, and a positive outcome about a project shows as interest", async () => {
    const fair = await makeFair();
    const investor = await makeUser("INVESTOR");
    const exhibitor = await makeUser("EXHIBITOR");
    await makeInvestorProfile(investor.organizationId!, { thesisZh: "生物医药早期项目" });
    const booth = await makeBooth(fair, exhibitor.organizationId!);
    const project = await db().project.findFirstOrThrow({ where: { boothId: booth.id } });
    const { meeting } = await scenario({ fair, investor, exhibitor, projectId: project.id });

    const interest = async () => {
      const rec = await db().recommendation.findFirst({
        where: { direction: "FOR_INVESTOR", investorOrgId: investor.organizationId!, projectId: project.id },
      });
      expect(rec, "the project is recommended to the investor").not.toBeNull();
      return (rec!.reasons as { code: string; params: { kind?: string } }[]).find((r) => r.code === "showed-interest")
        ?.params.kind;
    };

    await refreshRecommendations();
    expect(await recommendationsStale()).toBe(false);
    expect(await interest()).toBeUndefined();

    expect((await post(investor, meeting.id, FORM)).status).toBe(302);
    expect(await recommendationsStale()).toBe(true);
    await refreshRecommendations();
    expect(await recommendationsStale()).toBe(false);
    expect(await interest()).toBe("meeting-outcome");

    // An edit (even by the other side) makes it stale again.
    expect((await post(exhibitor, meeting.id, { ...FORM, result: "NOT_A_FIT" })).status).toBe(302);
    expect(await recommendationsStale()).toBe(true);
  });
});
