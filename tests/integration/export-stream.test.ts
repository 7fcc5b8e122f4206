// Large exports stream: rows are read in keyset batches while the response is being consumed (a
// row added after the first bytes left still arrives at the end), and CSV and XLSX carry every row
// exactly once.
// EXPORT_BENCH_ROWS=100000 npx vitest run tests/integration/export-stream.test.ts measures a big one.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { exportResponse } from "../../app/domain/reports/exports.server.ts";
import { listSource, parseListQuery } from "../../app/domain/reports/lists.server.ts";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeBooth, makeFair, makeUser } from "../harness/factories.ts";

const N = Number(process.env.EXPORT_BENCH_ROWS ?? 2_500);
const TIMEOUT = N > 10_000 ? 600_000 : 30_000;

describe("streamed exports", () => {
  let fairId: string;
  let investorUserId: string;
  let orgs: { investor: string; exhibitor: string };
  const ctx = { t: serverTranslator("zh-CN"), locale: "zh-CN" as const, timeZone: "Asia/Shanghai" };
  const source = (kind: "meetings" | "outcomes") =>
    listSource(kind, { fairId, timeZone: ctx.timeZone, filters: {} }, parseListQuery(new URLSearchParams()));

  beforeAll(async () => {
    await useTestDatabase();
    const fair = await makeFair();
    fairId = fair.id;
    const [exhibitor, investor] = await Promise.all([makeUser("EXHIBITOR"), makeUser("INVESTOR")]);
    await makeBooth(fair, exhibitor.organizationId!);
    investorUserId = investor.user.id;
    orgs = { investor: investor.organizationId!, exhibitor: exhibitor.organizationId! };
    await db().$executeRaw`
      INSERT INTO "Meeting" (id, "fairId", "investorOrgId", "exhibitorOrgId", "startsAt", "endsAt", status, "updatedAt")
      SELECT 'm' || lpad(i::text, 7, '0'), ${fairId}, ${investor.organizationId}, ${exhibitor.organizationId},
             timestamptz '2026-12-08 01:00Z' + (i % 300) * interval '20 minutes', timestamptz '2026-12-08 01:20Z' + (i % 300) * interval '20 minutes',
             'COMPLETED', now()
      FROM generate_series(1, ${N}) AS i`;
    await db().$executeRaw`
      INSERT INTO "MeetingOutcome" (id, "meetingId", "authorId", side, result, amount, currency, rating, notes, "updatedAt")
      SELECT 'o' || substr(m.id, 2), m.id, ${investor.user.id}, 'INVESTOR', 'INTENT_TO_INVEST', 1000.50, 'CNY', 4, '第 ' || m.id || ' 场，"引号", 逗号', now()
      FROM "Meeting" m WHERE m."fairId" = ${fairId}`;
    await db().$executeRaw`ANALYZE`; // what autovacuum does after a bulk load; plans without statistics are not the ones production gets
  });

  it(
    "reads rows in batches while the client consumes the CSV, and writes each row once",
    async () => {
      const t0 = performance.now();
      const res = await exportResponse(source("outcomes"), ctx, "csv", "outcomes");
      expect(res.headers.get("X-Total-Rows")).toBe(String(N));
      const reader = res.body!.getReader();
      const first = await reader.read();
      let text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(first.value);
      expect(text).toContain("开始时间");
      // Rows are not read up front: one sorting after all others, added now, still arrives (keyset paging).
      const late = await db().meeting.create({
        data: {
          id: "m9999999",
          fairId,
          investorOrgId: orgs.investor,
          exhibitorOrgId: orgs.exhibitor,
          startsAt: new Date("2027-01-01T00:00:00Z"),
          endsAt: new Date("2027-01-01T00:20:00Z"),
          status: "COMPLETED",
        },
      });
      await db().meetingOutcome.create({
        data: { meetingId: late.id, authorId: investorUserId, side: "INVESTOR", result: "FOLLOW_UP", rating: 3 },
      });
      let bytes = first.value!.length;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
        text += new TextDecoder().decode(value);
      }
      const ms = Math.round(performance.now() - t0);
      await db().meeting.delete({ where: { id: late.id } });
      const lines = text.split("\r\n").filter(Boolean);
      expect(lines).toHaveLength(N + 2);
      expect(lines.at(-1)).toMatch(/,m9999999$/);
      expect(new Set(lines.slice(1).map((l) => l.split(",").at(-1))).size).toBe(N + 1); // meeting ids: none repeated, none missing
      expect(lines.find((l) => l.endsWith(",m0000001"))).toContain('"第 m0000001 场，""引号"", 逗号"');
      console.log(`[export] CSV ${N} outcome rows, ${(bytes / 1e6).toFixed(1)} MB in ${ms} ms`);
    },
    TIMEOUT,
  );

  it(
    "streams XLSX through exceljs and reads back every row",
    async () => {
      const t0 = performance.now();
      const res = await exportResponse(source("meetings"), ctx, "xlsx", "meetings");
      const buf = Buffer.from(await res.arrayBuffer());
      const ms = Math.round(performance.now() - t0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as never);
      expect(wb.worksheets[0].actualRowCount).toBe(N + 1);
      console.log(`[export] XLSX ${N} meeting rows, ${(buf.length / 1e6).toFixed(1)} MB in ${ms} ms`);
    },
    TIMEOUT,
  );
});
