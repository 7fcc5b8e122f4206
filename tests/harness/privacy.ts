// A person with data in every table that can hold personal data (ADR 022), made through the app's
// own routes and domain functions where it matters (consents, audit entries, notifications), plus
// the other side of their meetings and chats. Used by the export and the deletion tests.
import { inflateRawSync } from "node:zlib";
import sharp from "sharp";
import { db } from "../../app/db/client.server.ts";
import { authenticate, requestPasswordReset } from "../../app/auth/accounts.server.ts";
import { getUser, type SessionUser } from "../../app/auth/session.server.ts";
import { updateMyName } from "../../app/domain/accounts/profile.server.ts";
import { recordVisit } from "../../app/domain/booths/visits.server.ts";
import { postMessage } from "../../app/domain/chat/chat.server.ts";
import { cancelMeeting } from "../../app/domain/meetings/changes.server.ts";
import { issueFeedToken } from "../../app/domain/meetings/calendar-feed.server.ts";
import { saveOutcome } from "../../app/domain/meetings/outcomes.server.ts";
import { fairSlots } from "../../app/domain/meetings/slots.ts";
import { grantConsent } from "../../app/domain/privacy/consents.server.ts";
import * as boothPage from "../../app/routes/booths.$id.tsx";
import * as builder from "../../app/routes/booths.$id_.edit.tsx";
import * as agendaPage from "../../app/routes/meetings.tsx";
import { call, makeBooth, makeFair, makeUser, req, TEST_PASSWORD } from "./factories.ts";

export const sessionUserOf = async (u: { cookie: string }) => (await getUser(req("/", { cookie: u.cookie })))!;

/** Values that belong to the subject and must not survive erasure anywhere in the database. */
export const SUBJECT = {
  oldName: "隐私旧名Qz7",
  name: "隐私测试人甲Qz7",
  email: "subject.qz7@privacy-test.cn",
  phone: "+86 139 0000 7788",
  chat: "QZ7-聊天内容-想了解基因治疗项目",
  request: "QZ7-预约留言-希望下周洽谈",
  notes: "QZ7-成果备注-对方团队扎实",
  nextStep: "QZ7-下一步-发送尽调清单",
  survey: "QZ7-问卷意见-组织得很好",
  cancel: "QZ7-取消原因-时间冲突",
  colleague: "QZ7-同事联系人",
  colleagueEmail: "colleague.qz7@example.cn",
};

/** What the other side wrote: it stays after the subject is erased. */
export const OTHER_SIDE = { reply: "E-REPLY-欢迎咨询-保留", notes: "E-NOTES-对方记录-保留" };

function multipart(
  path: string,
  cookie: string,
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("banner", new File([new Uint8Array(file.bytes)], file.name, { type: "image/png" }));
  return new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: cookie }, body: form });
}

export async function buildSubject() {
  const fair = await makeFair();
  const day = new Date(Date.now() + 20 * 864e5).toISOString().slice(0, 10);
  const grid = { meetingDays: [day], sessionStart: "09:00", sessionEnd: "12:00", slotMinutes: 20 };
  await db().fair.update({ where: { id: fair.id }, data: { ...grid, status: "LIVE" } });
  const slots = fairSlots({ ...grid, timeZone: "Asia/Shanghai" });

  // The other side: an exhibitor with a public booth, and the bureau's staff.
  const exhibitor = await makeUser("EXHIBITOR");
  await db().user.update({ where: { id: exhibitor.user.id }, data: { email: "other.side.e@privacy-test.cn" } });
  await db().organization.update({
    where: { id: exhibitor.organizationId! },
    data: { contactEmail: "other.side.e@privacy-test.cn", contactPhone: "+86 512 5555 0101" },
  });
  const booth = await makeBooth(fair, exhibitor.organizationId!, "APPROVED");
  const staff = await makeUser("STAFF", fair.organizerId);

  // The subject: an investor (alone in their organization) who later also runs an exhibitor organization.
  const s = await makeUser("INVESTOR");
  await db().user.update({ where: { id: s.user.id }, data: { email: SUBJECT.email, name: SUBJECT.oldName } });
  await db().organization.update({
    where: { id: s.organizationId! },
    data: {
      nameZh: "测试投资机构Qz7",
      nameEn: "Qz7 Capital",
      contactName: SUBJECT.oldName,
      contactEmail: SUBJECT.email,
      contactPhone: SUBJECT.phone,
    },
  });
  let me = await sessionUserOf(s);
  await updateMyName(me, { name: SUBJECT.name }); // the old name is in the audit log now
  await db().organization.update({ where: { id: s.organizationId! }, data: { contactName: SUBJECT.name } });
  me = await sessionUserOf(s);

  // Bookmark and meeting request through the booth page (lead and contact consents recorded).
  const bp = (form: Record<string, string>) =>
    call(boothPage.action, req(`/booths/${booth.id}`, { cookie: s.cookie, form }), { id: booth.id });
  await bp({ bookmark: "on" });
  const project = await db().project.findFirstOrThrow({ where: { boothId: booth.id } });
  const sent = await bp({
    intent: "request-meeting",
    slots: slots[0].startsAt.toISOString(),
    message: SUBJECT.request,
    projectId: project.id,
  });
  if (sent.status !== 200) throw new Error(`request failed: ${sent.status} ${await sent.text()}`);
  await recordVisit({
    boothId: booth.id,
    timeZone: "Asia/Shanghai",
    userId: s.user.id,
    visitorId: null,
    fromCookie: false,
    ip: "203.0.113.7",
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0",
  });

  // The exhibitor accepts: a future meeting the subject alone attends for their side.
  const request = await db().meetingRequest.findFirstOrThrow({
    where: { fromUserId: s.user.id },
    include: { slots: true },
  });
  const accepted = await call(
    agendaPage.action,
    req("/meetings", {
      cookie: exhibitor.cookie,
      form: { intent: "accept", id: request.id, slotId: request.slots[0].id },
    }),
  );
  if (accepted.status !== 302) throw new Error(`accept failed: ${accepted.status}`);
  const future = await db().meeting.findFirstOrThrow({ where: { requestId: request.id } });

  // Chat: the subject writes, the exhibitor answers.
  const ex = await sessionUserOf(exhibitor);
  const mine = await postMessage(me, { boothId: booth.id, body: SUBJECT.chat });
  await postMessage(ex, { boothId: booth.id, threadId: mine.threadId, body: OTHER_SIDE.reply });

  // A past meeting with both outcomes, and a cancelled one with the subject's reason.
  const past = await db().meeting.create({
    data: {
      fairId: fair.id,
      investorOrgId: s.organizationId!,
      exhibitorOrgId: exhibitor.organizationId!,
      projectId: project.id,
      startsAt: new Date(Date.now() - 3 * 3600_000),
      endsAt: new Date(Date.now() - 3 * 3600_000 + 20 * 60_000),
      status: "COMPLETED",
      recordingConsent: [s.user.id, exhibitor.user.id],
      participants: {
        create: [s.user.id, exhibitor.user.id].map((userId) => ({
          userId,
          startsAt: new Date(Date.now() - 3 * 3600_000),
          endsAt: new Date(Date.now() - 3 * 3600_000 + 20 * 60_000),
        })),
      },
      attendance: {
        create: {
          userId: s.user.id,
          participantSid: `PA_${s.user.id}`,
          joinedAt: new Date(Date.now() - 3 * 3600_000),
        },
      },
    },
  });
  await saveOutcome(me, past.id, {
    result: "INTENT_TO_INVEST",
    amount: "1200000.00",
    currency: "CNY",
    nextStep: SUBJECT.nextStep,
    notes: SUBJECT.notes,
    rating: 5,
  });
  await saveOutcome(ex, past.id, {
    result: "INTENT_TO_INVEST",
    amount: "1000000.00",
    currency: "CNY",
    nextStep: "",
    notes: OTHER_SIDE.notes,
    rating: 4,
  });
  await grantConsent({
    userId: s.user.id,
    wording: "recording",
    scopeType: "meeting",
    scopeId: past.id,
    orgId: exhibitor.organizationId!,
    locale: "zh-CN",
    source: "room",
  });
  const toCancel = await db().meeting.create({
    data: {
      fairId: fair.id,
      investorOrgId: s.organizationId!,
      exhibitorOrgId: exhibitor.organizationId!,
      startsAt: slots[3].startsAt,
      endsAt: slots[3].endsAt,
      participants: {
        create: [s.user.id, exhibitor.user.id].map((userId) => ({
          userId,
          startsAt: slots[3].startsAt,
          endsAt: slots[3].endsAt,
        })),
      },
    },
  });
  await cancelMeeting(me, toCancel.id, SUBJECT.cancel);

  await db().fairSurvey.create({
    data: { fairId: fair.id, userId: s.user.id, role: "INVESTOR", nps: 9, satisfaction: 5, comment: SUBJECT.survey },
  });
  await db().availability.create({ data: { userId: s.user.id, fairId: fair.id, startsAt: slots[5].startsAt } });
  await db().matchFeedback.create({
    data: { investorOrgId: s.organizationId!, projectId: project.id, by: "investor", userId: s.user.id },
  });
  await issueFeedToken(me);
  await requestPasswordReset(SUBJECT.email, "http://localhost");
  await authenticate(SUBJECT.email, "not-the-password", "198.51.100.9").catch(() => {});

  // Later the subject also runs an exhibitor organization alone: booth, banner upload, contacts.
  const exOrg = await db().organization.create({
    data: {
      kind: "EXHIBITOR",
      nameZh: "测试展商Qz7",
      nameEn: "Qz7 Exhibits",
      contactName: SUBJECT.name,
      contactEmail: SUBJECT.email,
      contactPhone: SUBJECT.phone,
      memberships: { create: { userId: s.user.id, role: "EXHIBITOR" } },
    },
  });
  const ownBooth = await makeBooth(fair, exOrg.id, "APPROVED");
  const png = await sharp({ create: { width: 600, height: 200, channels: 3, background: "#0b7a75" } })
    .png()
    .toBuffer();
  const asExhibitor: SessionUser = {
    ...me,
    roles: ["EXHIBITOR"],
    memberships: [{ organizationId: exOrg.id, role: "EXHIBITOR" }],
  };
  const edit = `/booths/${ownBooth.id}/edit`;
  const up = await call(
    builder.action,
    multipart(edit, s.cookie, { intent: "banner" }, { name: "b.png", bytes: png }),
    {
      id: ownBooth.id,
    },
  );
  if (up.status >= 400) throw new Error(`upload failed: ${up.status} ${await up.text()}`);
  for (const c of [
    { name: SUBJECT.name, email: SUBJECT.email, phone: SUBJECT.phone },
    { name: SUBJECT.colleague, email: SUBJECT.colleagueEmail, phone: "" },
  ]) {
    const r = await call(
      builder.action,
      req(edit, { cookie: s.cookie, form: { intent: "contact-add", title: "IR", ...c } }),
      { id: ownBooth.id },
    );
    if (r.status >= 400) throw new Error(`contact failed: ${r.status} ${await r.text()}`);
  }

  // The bureau's staff and the exhibitor look at their leads (logged views, counts only).
  return {
    fair,
    booth,
    ownBooth,
    exhibitor,
    staff,
    subject: s,
    me,
    asExhibitor,
    exOrgId: exOrg.id,
    futureMeetingId: future.id,
    pastMeetingId: past.id,
    cancelledMeetingId: toCancel.id,
    png,
    password: TEST_PASSWORD,
  };
}

/** Reads a ZIP (stored or deflated entries, sizes from the central directory): name → bytes. */
export function readZip(buf: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory");
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    files.set(name, method === 0 ? Buffer.from(raw) : inflateRawSync(raw));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}
