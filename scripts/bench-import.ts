/**
 * Benchmark of bulk onboarding (ADR 027): a generated list of exhibitors (every column filled, one
 * project each, credit codes on two rows of three) is checked (dry run) and imported into a fair on
 * a temporary PostgreSQL, then imported again (must change nothing). The baseline, measured in the
 * same run, is parsing and checking the file alone (no database).
 *
 *   npm run bench:import                  # 5,000 rows (target: import ≤ 30 s)
 *   npm run bench:import -- --rows 500    # CI slice
 *
 * Prints a table, then, as the very last line of stdout, a one-line JSON summary. Exit code 1 when
 * the import is wrong (counts, or a second import that changes anything) or, at 5,000 rows or more,
 * when the import misses the 30 s target (smaller runs, like CI's 500 rows, only report the time).
 * The machine's load average is printed with it: the time is machine-dependent, so compare it with
 * the baseline before blaming the code.
 */
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { configure } from "../app/config.server.ts";
import { db } from "../app/db/client.server.ts";
import type { SessionUser } from "../app/auth/session.server.ts";
import { creditCodeCheckChar } from "../app/domain/onboarding/credit-code.ts";
import { checkUpload, runImport } from "../app/domain/onboarding/import.server.ts";
import { readSheet } from "../app/domain/onboarding/read-sheet.server.ts";
import { checkSheet } from "../app/domain/onboarding/rows.ts";
import { migrate } from "../server/db/migrate.ts";
import { startTempPostgres } from "../tests/harness/postgres.ts";

const { values } = parseArgs({ options: { rows: { type: "string", default: "5000" } } });
const N = Math.max(1, Math.min(10_000, Number(values.rows) || 5000));
const TARGET_MS = 30_000;
const log = (...a: unknown[]) => console.log(...a);

const SECTORS = ["生物医药", "新能源", "集成电路", "高端装备", "数字经济"];
const REGIONS = ["南京", "苏州", "无锡", "常州", "南通"];
const HEADER = [
  "机构名称（中文）",
  "机构名称（英文）",
  "统一社会信用代码",
  "联系人",
  "邮箱",
  "电话",
  "行业",
  "地区",
  "展馆",
  "展位类型",
  "招商项目",
];
function rows(): string[][] {
  return Array.from({ length: N }, (_, i) => {
    const body = `91320${String(100000000000 + i).slice(-12)}`;
    const code = i % 3 === 2 ? "" : body + creditCodeCheckChar(body);
    return [
      `江苏测试企业${i}有限公司`,
      `Jiangsu Test Co. ${i}`,
      code,
      `联系人${i}`,
      `bench-${i}@example.cn`,
      `+86 25 ${String(10000000 + i)}`,
      SECTORS[i % 5],
      REGIONS[i % 5],
      i % 2 ? "bio" : "energy",
      i % 4 ? "standard" : "premium",
      `项目${i} | A 轮 | ${(i % 50) + 1}000000`,
    ];
  });
}
const csvOf = (cells: string[][]) => `\uFEFF${[HEADER, ...cells].map((r) => r.join(",")).join("\r\n")}`;
async function xlsxOf(cells: string[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("s");
  ws.addRow(HEADER);
  for (const r of cells) ws.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await f();
  return [out, performance.now() - t0];
};

const cluster = await startTempPostgres();
const outcome = { failed: true };
try {
  const url = await cluster.createDatabase("bench");
  configure({ DATABASE_URL: url, LOG_LEVEL: "warn" });
  await migrate(url);
  const bureau = await db().organization.create({ data: { kind: "BUREAU", nameZh: "商务局", nameEn: "Bureau" } });
  const fair = await db().fair.create({
    data: {
      slug: "bench-import",
      titleZh: "导入基准展会",
      titleEn: "Import bench fair",
      organizerId: bureau.id,
      startsAt: new Date("2027-05-10T01:00:00Z"),
      endsAt: new Date("2027-05-12T09:00:00Z"),
      halls: {
        create: [
          { slug: "bio", nameZh: "生物医药馆", nameEn: "Biomedicine Hall", sector: "biomedicine" },
          { slug: "energy", nameZh: "新能源馆", nameEn: "New Energy Hall", sector: "new-energy", position: 1 },
        ],
      },
      tiers: {
        create: [
          { code: "standard", nameZh: "标准展位", nameEn: "Standard" },
          { code: "premium", nameZh: "特装展位", nameEn: "Premium", feeAmount: 500_000, position: 1 },
        ],
      },
    },
    include: { halls: true, tiers: true },
  });
  const staffUser = await db().user.create({
    data: {
      email: "bench-staff@example.cn",
      name: "Bench staff",
      passwordHash: "!",
      memberships: { create: { organizationId: bureau.id, role: "STAFF" } },
    },
  });
  const staff = { id: staffUser.id, roles: ["STAFF"], memberships: [] } as unknown as SessionUser;

  const cells = rows();
  const csv = new TextEncoder().encode(csvOf(cells));
  const xlsx = await xlsxOf(cells);
  const ctx = { halls: fair.halls, tiers: fair.tiers };
  const parse = async (name: string, bytes: Uint8Array) => {
    const r = checkSheet("exhibitor", await readSheet(name, bytes), ctx);
    if ("fileProblem" in r || r.errors.length)
      throw new Error(`bench file does not check: ${JSON.stringify(r).slice(0, 300)}`);
    return r;
  };
  const [, parseCsvMs] = await time(() => parse("bench.csv", csv));
  const [, parseXlsxMs] = await time(() => parse("bench.xlsx", xlsx));
  const [summary, dryRunMs] = await time(() => checkUpload(staff, fair.id, "exhibitor", "bench.xlsx", xlsx));
  const [, importMs] = await time(() => runImport(summary.jobId));
  const first = await db().importJob.findUniqueOrThrow({ where: { id: summary.jobId } });
  const [again, reimportMs] = await time(async () => {
    const s = await checkUpload(staff, fair.id, "exhibitor", "bench.csv", csv);
    await runImport(s.jobId);
    return db().importJob.findUniqueOrThrow({ where: { id: s.jobId } });
  });
  const [orgs, booths, invitations, mails, projects] = await Promise.all([
    db().organization.count({ where: { kind: "EXHIBITOR" } }),
    db().booth.count({ where: { fairId: fair.id } }),
    db().invitation.count({ where: { fairId: fair.id } }),
    db().mailOutbox.count({ where: { kind: "exhibitor-invite" } }),
    db().project.count(),
  ]);
  const correct =
    first.status === "DONE" &&
    first.created === N &&
    again.status === "DONE" &&
    again.unchanged === N &&
    [orgs, booths, invitations, mails, projects].every((n) => n === N);
  const withinTarget = N < 5000 || importMs <= TARGET_MS;
  outcome.failed = !correct || !withinTarget;

  log(
    `bulk onboarding, ${N} exhibitor rows (XLSX ${(xlsx.length / 1024).toFixed(0)} KB, CSV ${(csv.length / 1024).toFixed(0)} KB)`,
  );
  log("step                                   ms      rows/s");
  const line = (name: string, ms: number) =>
    log(`${name.padEnd(34)} ${ms.toFixed(0).padStart(8)} ${(N / (ms / 1000)).toFixed(0).padStart(10)}`);
  line("baseline: parse + check CSV", parseCsvMs);
  line("baseline: parse + check XLSX", parseXlsxMs);
  line("dry run (XLSX, with DB checks)", dryRunMs);
  line("import (background job)", importMs);
  line("re-import same file (CSV)", reimportMs);
  log(
    `import / parse-XLSX baseline: ${(importMs / parseXlsxMs).toFixed(1)}x; target ≤ ${TARGET_MS / 1000} s at 5,000 rows: ${withinTarget ? "met" : "MISSED"}`,
  );
  log(
    `rows: orgs ${orgs}, booths ${booths}, invitations ${invitations}, mails ${mails}, projects ${projects}; second import unchanged ${again.unchanged}/${N}`,
  );
  log(
    JSON.stringify({
      bench: "import",
      rows: N,
      parseCsvMs: Math.round(parseCsvMs),
      parseXlsxMs: Math.round(parseXlsxMs),
      dryRunMs: Math.round(dryRunMs),
      importMs: Math.round(importMs),
      reimportMs: Math.round(reimportMs),
      targetMs: TARGET_MS,
      withinTarget,
      correct,
      loadAvg1m: Number(loadavg()[0].toFixed(1)),
      cpus: availableParallelism(),
    }),
  );
  if (!withinTarget)
    console.error(
      `bench:import: the import of ${N} rows took ${(importMs / 1000).toFixed(1)} s, over the ${TARGET_MS / 1000} s target`,
    );
} finally {
  await db()
    .$disconnect()
    .catch(() => {});
  await cluster.stop();
}
process.exit(outcome.failed ? 1 : 0);
