// Bulk onboarding end to end through the routes (ADR 027): dry run writes nothing, import creates
// organizations, draft booths, password-less users, invitations and their outbox mails (KEPT without
// SMTP_URL, readable by an admin at /admin/mail/:id); the same file again changes nothing; a corrected
// file updates; claim links are single use, expire, and die when resent; the staff list follows each
// invitee from invited to opened, claimed and booth submitted; only the fair's bureau (and admins)
// may do any of it; hostile files get localized 4xx.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { deliverDue } from "../../app/domain/mail/delivery.server.ts";
import { creditCodeCheckChar } from "../../app/domain/onboarding/credit-code.ts";
import { UNUSABLE_PASSWORD } from "../../app/domain/onboarding/invitations.server.ts";
import { appOrigin } from "../../app/lib/app-url.server.ts";
import * as outboxMailRoute from "../../app/routes/admin.mail.$id.tsx";
import * as boothBuilderRoute from "../../app/routes/booths.$id_.edit.tsx";
import * as claimRoute from "../../app/routes/claim.$token.tsx";
import * as page from "../../app/routes/staff.fairs.$id_.onboarding.tsx";
import * as templateRoute from "../../app/routes/staff.fairs.$id_.onboarding_.template.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeFair, makeUser, req } from "../harness/factories.ts";

type User = Awaited<ReturnType<typeof makeUser>>;
type Fair = Awaited<ReturnType<typeof makeFair>>;
const STRONG = "Lanterns-over-Qinhuai-47";

let seq = 0;
/** A valid credit code, different each time. */
function code(): string {
  const body = `913205${String(Date.now() % 1e8).padStart(8, "0")}${String(seq++).padStart(3, "0")}`.slice(0, 17);
  return body + creditCodeCheckChar(body);
}

const HEADER =
  "机构名称（中文） / Organization name (Chinese),Organization name (English),统一社会信用代码,联系人,邮箱,电话,行业,地区,展馆,展位类型,招商项目";
const line = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");

function upload(fair: Fair, user: User, file: File, kind = "exhibitor"): Request {
  const form = new FormData();
  form.set("intent", "check");
  form.set("kind", kind);
  form.set("file", file);
  return new Request(`http://localhost/staff/fairs/${fair.id}/onboarding`, {
    method: "POST",
    body: form,
    headers: { Cookie: user.cookie, "Accept-Language": "zh-CN" },
  });
}
const csvFile = (text: string, name = "list.csv") => new File([`\uFEFF${text}`], name, { type: "text/csv" });

async function counts() {
  const [orgs, users, booths, invitations, mails, members] = await Promise.all([
    db().organization.count(),
    db().user.count(),
    db().booth.count(),
    db().invitation.count(),
    db().mailOutbox.count(),
    db().membership.count(),
  ]);
  return { orgs, users, booths, invitations, mails, members };
}

async function check(fair: Fair, user: User, file: File, kind = "exhibitor") {
  const res = await call(page.action, upload(fair, user, file, kind), { id: fair.id });
  expect(res.status, await res.clone().text()).toBe(302);
  const jobId = new URL(res.headers.get("Location")!, "http://x").searchParams.get("job")!;
  return jobId;
}

async function runImport(fair: Fair, user: User, jobId: string) {
  const res = await call(
    page.action,
    req(`/staff/fairs/${fair.id}/onboarding`, { cookie: user.cookie, form: { intent: "import", jobId } }),
    { id: fair.id },
  );
  expect(res.status).toBe(302);
  for (let i = 0; i < 600; i++) {
    const job = await db().importJob.findUniqueOrThrow({ where: { id: jobId } });
    if (job.status === "DONE" || job.status === "FAILED") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("import did not finish");
}

async function jobPage(fair: Fair, user: User, jobId: string, lang = "zh-CN") {
  const r = new Request(`http://localhost/staff/fairs/${fair.id}/onboarding?job=${jobId}`, {
    headers: { Cookie: user.cookie, "Accept-Language": lang },
  });
  const res = await call(page.loader, r, { id: fair.id });
  return { status: res.status, body: res.status === 200 ? await res.json() : null };
}

describe("bulk onboarding", () => {
  let fair: Fair;
  let otherFair: Fair;
  let staff: User;
  let staffB: User;
  let admin: User;
  let exhibitor: User;
  const codes = [code(), code(), code()];
  const tag = Date.now().toString(36);
  const email = (i: number) => `onb-${tag}-${i}@example.cn`;
  let rows: string[][];
  const csv = () => [HEADER, ...rows.map(line)].join("\r\n");

  beforeAll(async () => {
    await useTestDatabase();
    [fair, otherFair] = await Promise.all([makeFair(), makeFair()]);
    [staff, staffB, admin, exhibitor] = await Promise.all([
      makeUser("STAFF", fair.organizerId),
      makeUser("STAFF", otherFair.organizerId),
      makeUser("ADMIN"),
      makeUser("EXHIBITOR"),
    ]);
    rows = [
      [
        "苏州甲生物",
        "Suzhou A Bio",
        codes[0],
        "张三",
        email(0),
        "+86 512 1111 2222",
        "生物医药",
        "苏州",
        "生物医药馆",
        "标准展位",
        "基因治疗项目 | A 轮 | 50000000",
      ],
      ["南京乙科技", "", codes[1], "李四", email(1), "", "", "南京", "bio", "premium", ""],
      ["无锡丙公司", "Wuxi C", "", "王五", email(2), "", "", "", "Biomedicine Hall", "standard", ""],
      ["无锡丁公司", "", codes[2], "Zhao Liu", email(3), "", "", "", "bio", "standard", ""],
    ];
  });

  it("a dry run checks every row, reports errors per row and column, and imports nothing", async () => {
    const before = await counts();
    const bad = [
      ...rows,
      ["坏行", "", "91350100M000100Y44", "", "not-an-email", "", "", "", "nowhere", "standard", ""],
      rows[1],
    ];
    const jobId = await check(fair, staff, csvFile([HEADER, ...bad.map(line)].join("\r\n")));
    expect(await counts()).toEqual(before);
    const zh = await jobPage(fair, staff, jobId);
    expect(zh.body.job).toMatchObject({ status: "CHECKED", total: 4, errorCount: 5 });
    expect(zh.body.job.errors).toEqual(
      expect.arrayContaining([
        { row: 6, column: "email", key: "invalidFormat" },
        { row: 6, column: "creditCode", key: "creditChecksum" },
        { row: 6, column: "contactName", key: "required" },
        { row: 6, column: "hall", key: "unknownHall" },
        { row: 7, column: "creditCode", key: "duplicate", params: { other: 3 } },
      ]),
    );
  });

  it("imports: organizations, draft booths, users without a usable password, invitations mailed through the outbox", async () => {
    const before = await counts();
    const jobId = await check(fair, staff, csvFile(csv()));
    const job = await runImport(fair, staff, jobId);
    expect(job).toMatchObject({ status: "DONE", processed: 4, created: 4, updated: 0, unchanged: 0 });
    const after = await counts();
    expect(after.orgs - before.orgs).toBe(4);
    expect(after.booths - before.booths).toBe(4);
    expect(after.users - before.users).toBe(4);
    expect(after.mails - before.mails).toBe(4);
    const org = await db().organization.findUniqueOrThrow({
      where: { creditCode: codes[0] },
      include: { booths: { include: { projects: true } } },
    });
    expect(org).toMatchObject({
      kind: "EXHIBITOR",
      nameZh: "苏州甲生物",
      nameEn: "Suzhou A Bio",
      region: "suzhou",
      sector: "biomedicine",
      contactEmail: email(0),
    });
    expect(org.booths[0]).toMatchObject({
      status: "DRAFT",
      fairId: fair.id,
      hallId: fair.halls[0].id,
      tierId: fair.tiers[0].id,
    });
    expect(org.booths[0].projects.map((p) => [p.titleZh, p.stage, p.amountSought])).toEqual([
      ["基因治疗项目", "SERIES_A", 5_000_000_000n],
    ]);
    const premium = await db().organization.findUniqueOrThrow({
      where: { creditCode: codes[1] },
      include: { booths: true },
    });
    expect(premium.booths[0]).toMatchObject({ tierId: fair.tiers[1].id, paymentStatus: "UNPAID", feeAmount: 500_000 });
    const user = await db().user.findUniqueOrThrow({ where: { email: email(0) }, include: { memberships: true } });
    expect(user.passwordHash).toBe(UNUSABLE_PASSWORD);
    expect(user.memberships).toEqual([expect.objectContaining({ organizationId: org.id, role: "EXHIBITOR" })]);
    expect((await db().user.findUniqueOrThrow({ where: { email: email(3) } })).locale).toBe("en");
    const inv = await db().invitation.findFirstOrThrow({ where: { fairId: fair.id, organizationId: org.id } });
    expect(inv.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(inv.expiresAt!.getTime() - Date.now()).toBeGreaterThan(13.9 * 864e5);
    const mail = await db().mailOutbox.findFirstOrThrow({ where: { toEmail: email(0) } });
    expect(mail).toMatchObject({
      kind: "exhibitor-invite",
      locale: "zh-CN",
      userId: user.id,
      eventKey: `invitation:${inv.id}:1`,
    });
    const data = mail.data as { claimPath: string };
    expect(data.claimPath).toMatch(/^\/claim\/[\w-]{40,}$/);
    expect(JSON.stringify(inv)).not.toContain(data.claimPath.slice(7)); // only the hash is kept
    // Staff see them on the page.
    const listed = await jobPage(fair, staff, jobId);
    expect(listed.body.invitees.total).toBe(4);
  });

  it("the same file again changes nothing; a corrected file updates", async () => {
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all([
          db().organization.findMany({
            where: { contactEmail: { in: rows.map((r) => r[4]) } },
            orderBy: { id: "asc" },
          }),
          db().booth.findMany({ where: { fairId: fair.id }, orderBy: { id: "asc" }, include: { projects: true } }),
          db().invitation.findMany({ where: { fairId: fair.id }, orderBy: { id: "asc" } }),
          db().mailOutbox.count(),
        ]),
        (_, v) => (typeof v === "bigint" ? v.toString() : v),
      );
    const before = await snapshot();
    const again = await runImport(fair, staff, await check(fair, staff, csvFile(csv())));
    expect(again).toMatchObject({ status: "DONE", created: 0, updated: 0, unchanged: 4 });
    expect(await snapshot()).toBe(before);

    // XLSX with the same rows, one name corrected and a hall changed: one row updated.
    rows[2] = ["无锡丙公司", "Wuxi C Corrected", "", "王五", email(2), "", "", "", "Biomedicine Hall", "premium", ""];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.addRow(HEADER.split(","));
    for (const r of rows) ws.addRow(r);
    const buf = await wb.xlsx.writeBuffer();
    const fixed = await runImport(fair, staff, await check(fair, staff, new File([buf as ArrayBuffer], "fixed.xlsx")));
    expect(fixed).toMatchObject({ status: "DONE", created: 0, updated: 1, unchanged: 3 });
    const org = await db().organization.findFirstOrThrow({
      where: { contactEmail: email(2) },
      include: { booths: true },
    });
    expect(org.nameEn).toBe("Wuxi C Corrected");
    expect(org.booths[0].tierId).toBe(fair.tiers[1].id);
  });

  it("claim: the link opens, sets a password once, signs in to the booth builder; expired and resent links are dead", async () => {
    const tokenOf = async (to: string) => {
      const m = await db().mailOutbox.findFirstOrThrow({ where: { toEmail: to }, orderBy: { createdAt: "desc" } });
      return (m.data as { claimPath: string }).claimPath.slice("/claim/".length);
    };
    /** The staff list's row for an invitee, as the onboarding page's loader gives it. */
    const listed = async (to: string) => {
      const { body } = await jobPage(fair, staff, "");
      type Row = { email: string; openedAt: string | null; claimedAt: string | null; submitted: boolean | null };
      return (body.invitees.invitations as Row[]).find((i) => i.email === to);
    };

    // No SMTP_URL here: the mail worker keeps the invitation (KEPT), and an admin reads it, claim link
    // and all, at /admin/mail/:id; nobody else may.
    await deliverDue();
    const kept = await db().mailOutbox.findFirstOrThrow({
      where: { toEmail: email(0), kind: "exhibitor-invite" },
      orderBy: { createdAt: "desc" },
    });
    expect(kept.status).toBe("KEPT");
    const outboxPage = (u: User) =>
      call(outboxMailRoute.loader, req(`/admin/mail/${kept.id}`, { cookie: u.cookie }), { id: kept.id });
    const asAdmin = await outboxPage(admin);
    expect(asAdmin.status).toBe(200);
    const { mail } = await asAdmin.json();
    expect(mail).toMatchObject({ status: "KEPT", toEmail: email(0), subject: "测试展会 邀请您参加：请激活账户" });
    expect(mail.text).toContain("苏州甲生物");
    const link = new RegExp(`${appOrigin()}/claim/([\\w-]{40,})`).exec(mail.text);
    expect(link, mail.text).not.toBeNull();
    expect(mail.html).toContain(`href="${link![0]}"`);
    for (const other of [staff, exhibitor]) expect((await outboxPage(other)).status).toBe(403);
    const token = link![1];
    expect(token).toBe(await tokenOf(email(0)));

    expect(await listed(email(0))).toMatchObject({ openedAt: null, claimedAt: null, submitted: false });
    const open = await call(claimRoute.loader, req(`/claim/${token}`), { token });
    expect((await open.json()).invite).toMatchObject({ email: email(0), orgZh: "苏州甲生物" });
    const inv = await db().invitation.findFirstOrThrow({
      where: { userId: (await db().user.findUniqueOrThrow({ where: { email: email(0) } })).id },
    });
    expect(inv.openedAt).not.toBeNull();
    // Staff see the link opened (only opened: not claimed, nothing submitted).
    expect(await listed(email(0))).toMatchObject({
      openedAt: inv.openedAt!.toISOString(),
      claimedAt: null,
      submitted: false,
    });

    const weak = await call(claimRoute.action, req(`/claim/${token}`, { form: { password: "password1234" } }), {
      token,
    });
    expect(weak.status).toBe(400);
    const ok = await call(claimRoute.action, req(`/claim/${token}`, { form: { password: STRONG } }), { token });
    expect(ok.status).toBe(302);
    const booth = await db().booth.findFirstOrThrow({ where: { fairId: fair.id, organizationId: inv.organizationId } });
    expect(ok.headers.get("Location")).toBe(`/booths/${booth.id}/edit`);
    expect(ok.headers.get("Set-Cookie")).toContain("cf_session=");
    const again = await call(claimRoute.action, req(`/claim/${token}`, { form: { password: STRONG } }), { token });
    expect(again.status).toBe(400);
    expect((await (await call(claimRoute.loader, req(`/claim/${token}`), { token })).json()).invite).toBeNull();
    expect(await listed(email(0))).toMatchObject({
      openedAt: inv.openedAt!.toISOString(),
      claimedAt: expect.any(String),
      submitted: false,
    });

    // Signed in by the claim, the exhibitor describes the booth and submits it: staff see it submitted.
    const session = ok.headers.get("Set-Cookie")!.split(";")[0];
    const build = (form: Record<string, string>) =>
      call(boothBuilderRoute.action, req(`/booths/${booth.id}/edit`, { cookie: session, form }), { id: booth.id });
    expect((await build({ intent: "details", descriptionZh: "基因治疗研发", descriptionEn: "" })).status).toBe(302);
    expect((await build({ intent: "submit" })).status).toBe(302);
    expect((await db().booth.findUniqueOrThrow({ where: { id: booth.id } })).status).toBe("SUBMITTED");
    expect(await listed(email(0))).toMatchObject({ openedAt: inv.openedAt!.toISOString(), submitted: true });

    // Expired.
    const t1 = await tokenOf(email(1));
    const inv1 = await db().invitation.findFirstOrThrow({
      where: { fairId: fair.id, userId: (await db().user.findUniqueOrThrow({ where: { email: email(1) } })).id },
    });
    await db().invitation.update({ where: { id: inv1.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await (await call(claimRoute.loader, req(`/claim/${t1}`), { token: t1 })).json()).invite).toBeNull();
    expect(
      (await call(claimRoute.action, req(`/claim/${t1}`, { form: { password: STRONG } }), { token: t1 })).status,
    ).toBe(400);

    // Resend: a new link (new mail), the old one dead, the new one works.
    const resend = await call(
      page.action,
      req(`/staff/fairs/${fair.id}/onboarding`, {
        cookie: staff.cookie,
        form: { intent: "resend", invitationId: inv1.id },
      }),
      { id: fair.id },
    );
    expect(resend.status).toBe(302);
    const t2 = await tokenOf(email(1));
    expect(t2).not.toBe(t1);
    expect(await db().mailOutbox.count({ where: { eventKey: `invitation:${inv1.id}:2` } })).toBe(1);
    expect(
      (await call(claimRoute.action, req(`/claim/${t1}`, { form: { password: STRONG } }), { token: t1 })).status,
    ).toBe(400);
    const claimed = await call(claimRoute.action, req(`/claim/${t2}`, { form: { password: STRONG } }), { token: t2 });
    expect(claimed.status).toBe(302);
    // A claimed invitation cannot be resent.
    const late = await call(
      page.action,
      req(`/staff/fairs/${fair.id}/onboarding`, {
        cookie: staff.cookie,
        form: { intent: "resend", invitationId: inv1.id },
      }),
      { id: fair.id },
    );
    expect(late.status).toBe(409);
    const user = await db().user.findUniqueOrThrow({ where: { email: email(1) } });
    expect(user.passwordHash).not.toBe(UNUSABLE_PASSWORD);
  });

  it("an existing account with a password gets no claim link (no takeover), and other kinds of accounts are refused", async () => {
    const text = [
      HEADER,
      line(["已有账户公司", "", "", "已有", exhibitor.email, "", "", "", "bio", "standard", ""]),
      line(["员工", "", "", "员工", staffB.email, "", "", "", "bio", "standard", ""]),
    ].join("\n");
    const before = await db().mailOutbox.count();
    const jobId = await check(fair, staff, csvFile(text));
    const { body } = await jobPage(fair, staff, jobId);
    expect(body.job.errors).toEqual([{ row: 3, column: "email", key: "accountTaken" }]);
    const job = await runImport(fair, staff, jobId);
    expect(job.status).toBe("DONE");
    expect(await db().mailOutbox.count()).toBe(before);
    const inv = await db().invitation.findFirstOrThrow({ where: { fairId: fair.id, userId: exhibitor.user.id } });
    expect(inv).toMatchObject({ tokenHash: null });
    expect(inv.claimedAt).not.toBeNull();
    expect((await db().user.findUniqueOrThrow({ where: { id: exhibitor.user.id } })).passwordHash).not.toBe(
      UNUSABLE_PASSWORD,
    );
  });

  it("investors: organization and investment preferences", async () => {
    const head = "机构名称（中文）,联系人,邮箱,关注行业,投资阶段,单笔投资下限,单笔投资上限,币种,关注地区";
    const text = [
      head,
      line([
        "紫金资本",
        "钱七",
        `inv-${tag}@example.cn`,
        "生物医药; 新能源",
        "A 轮、B 轮",
        "1,000,000",
        "50000000.50",
        "usd",
        "南京; 苏州",
      ]),
    ].join("\n");
    const job = await runImport(fair, staff, await check(fair, staff, csvFile(text), "investor"));
    expect(job).toMatchObject({ status: "DONE", created: 1 });
    const org = await db().organization.findFirstOrThrow({
      where: { contactEmail: `inv-${tag}@example.cn` },
      include: { investorProfile: true },
    });
    expect(org.kind).toBe("INVESTOR");
    expect(org.investorProfile).toMatchObject({
      sectors: ["biomedicine", "new-energy"],
      stages: ["SERIES_A", "SERIES_B"],
      regions: ["nanjing", "suzhou"],
      ticketMin: 100_000_000n,
      ticketMax: 5_000_000_050n,
      currency: "USD",
    });
    const mail = await db().mailOutbox.findFirstOrThrow({ where: { toEmail: `inv-${tag}@example.cn` } });
    expect(mail.kind).toBe("investor-invite");
    const token = (mail.data as { claimPath: string }).claimPath.slice(7);
    const claimed = await call(claimRoute.action, req(`/claim/${token}`, { form: { password: STRONG } }), { token });
    expect(claimed.headers.get("Location")).toBe("/investor/profile");
  });

  it("only the fair's bureau staff and admins: others get 403 and change nothing; another fair's invitation is 404", async () => {
    const before = await counts();
    for (const who of [staffB, exhibitor]) {
      expect(
        (await call(page.loader, req(`/staff/fairs/${fair.id}/onboarding`, { cookie: who.cookie }), { id: fair.id }))
          .status,
      ).toBe(403);
      expect((await call(page.action, upload(fair, who, csvFile(csv())), { id: fair.id })).status).toBe(403);
      expect(
        (
          await call(templateRoute.loader, req(`/staff/fairs/${fair.id}/onboarding/template`, { cookie: who.cookie }), {
            id: fair.id,
          })
        ).status,
      ).toBe(403);
    }
    expect(await counts()).toEqual(before);
    expect(
      (await call(page.loader, req(`/staff/fairs/${fair.id}/onboarding`, { cookie: admin.cookie }), { id: fair.id }))
        .status,
    ).toBe(200);
    const inv = await db().invitation.findFirstOrThrow({ where: { fairId: fair.id, claimedAt: null } });
    const cross = await call(
      page.action,
      req(`/staff/fairs/${otherFair.id}/onboarding`, {
        cookie: staffB.cookie,
        form: { intent: "resend", invitationId: inv.id },
      }),
      { id: otherFair.id },
    );
    expect(cross.status).toBe(404);
    // Another fair's job is not found from this fair.
    const jobId = await check(otherFair, staffB, csvFile(csv()));
    expect((await jobPage(fair, staff, jobId)).body.job).toBeNull();
    const foreign = await call(
      page.action,
      req(`/staff/fairs/${fair.id}/onboarding`, { cookie: staff.cookie, form: { intent: "import", jobId } }),
      { id: fair.id },
    );
    expect(foreign.status).toBe(404);
  });

  it("hostile files get a localized 4xx, never a 500", async () => {
    const cases: [File, number, string][] = [
      [new File(["MZ\0\0binary"], "tool.exe"), 415, "请上传 .xlsx 或 .csv 文件"],
      [new File(["not a zip at all"], "list.xlsx"), 400, "无法读取该文件"],
      [new File([new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])], "list.xlsx"), 400, "无法读取该文件"],
      [new File([new Uint8Array(11 * 1024 * 1024).fill(65)], "big.csv"), 413, "文件过大"],
      [csvFile("a,b\n1,2\n"), 400, "缺少必填列"],
      [csvFile(HEADER), 400, "没有数据行"],
      [new File([new Uint8Array([0xff, 0xfe, 0x00, 0x41, 0x00])], "bad.csv"), 400, "无法读取该文件"],
    ];
    for (const [file, status, text] of cases) {
      const res = await call(page.action, upload(fair, staff, file), { id: fair.id });
      expect(res.status, file.name).toBe(status);
      expect(JSON.stringify(await res.json()), file.name).toContain(text);
    }
    const noFile = new FormData();
    noFile.set("intent", "check");
    noFile.set("kind", "exhibitor");
    const res = await call(
      page.action,
      new Request(`http://localhost/staff/fairs/${fair.id}/onboarding`, {
        method: "POST",
        body: noFile,
        headers: { Cookie: staff.cookie },
      }),
      { id: fair.id },
    );
    expect(res.status).toBe(400);
    const badKind = await call(page.action, upload(fair, staff, csvFile(csv()), "admin"), { id: fair.id });
    expect(badKind.status).toBe(400);
  });

  it("the template has both languages' headers and formula-safe cells", async () => {
    const csvRes = await call(
      templateRoute.loader,
      req(`/staff/fairs/${fair.id}/onboarding/template?kind=exhibitor&format=csv`, { cookie: staff.cookie }),
      { id: fair.id },
    );
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
    expect(bytes.subarray(3).toString("utf8").startsWith("机构名称（中文） / Organization name (Chinese),")).toBe(true);
    await db().hall.update({ where: { id: fair.halls[0].id }, data: { nameZh: '=HYPERLINK("http://x")' } });
    const evil = await (
      await call(
        templateRoute.loader,
        req(`/staff/fairs/${fair.id}/onboarding/template?kind=exhibitor&format=csv`, { cookie: staff.cookie }),
        { id: fair.id },
      )
    ).text();
    expect(evil).toContain(`"'=HYPERLINK(""http://x"")"`);
    await db().hall.update({ where: { id: fair.halls[0].id }, data: { nameZh: fair.halls[0].nameZh } });
    const xlsx = await call(
      templateRoute.loader,
      req(`/staff/fairs/${fair.id}/onboarding/template?kind=investor&format=xlsx`, { cookie: staff.cookie }),
      { id: fair.id },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as never);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe("机构名称（中文） / Organization name (Chinese)");
    // The template itself passes the dry run.
    const jobId = await check(
      fair,
      staff,
      new File(
        [
          await (
            await call(
              templateRoute.loader,
              req(`/staff/fairs/${fair.id}/onboarding/template?kind=exhibitor&format=xlsx`, { cookie: staff.cookie }),
              { id: fair.id },
            )
          ).arrayBuffer(),
        ],
        "t.xlsx",
      ),
    );
    expect((await jobPage(fair, staff, jobId)).body.job.errors).toEqual([]);
  });
});
