// npm run bench:recommend — request latency of "recommended for you" served from the stored
// recommendations, against computing them on the request path (baseline), on a real Postgres with
// a catalog scaled up from the demo fair. Prints a table, then a one-line JSON summary (last line).
//   --investors N (default 1000)  --projects N (default 3000)  --requests N (default 1000)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createMatcher } from "../matching";
import { configure } from "../app/config.server.ts";
import { createDb, db } from "../app/db/client.server.ts";
import {
  refreshRecommendations,
  recommendationsForInvestor,
} from "../app/domain/recommendations/recommendations.server.ts";
import type { SessionUser } from "../app/auth/session.server.ts";
import { LocalMediaStorage } from "../media/storage.ts";
import { migrate } from "../server/db/migrate.ts";
import { seedDemo } from "../server/seed/demo-fair.ts";
import { startTempPostgres } from "../tests/harness/postgres.ts";

const { values } = parseArgs({
  options: {
    investors: { type: "string", default: "1000" },
    projects: { type: "string", default: "3000" },
    requests: { type: "string", default: "1000" },
  },
});
const N_INV = Number(values.investors),
  N_PROJ = Number(values.projects),
  N_REQ = Number(values.requests);
const SECTORS = ["new-energy", "biomedicine", "semiconductors", "advanced-manufacturing", "digital-economy"];
const STAGES = ["SEED", "ANGEL", "SERIES_A", "SERIES_B", "GROWTH", "PRE_IPO"] as const;
const REGIONS = ["nanjing", "suzhou", "wuxi", "changzhou", "nantong", "shanghai", "hangzhou"];
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const cluster = await startTempPostgres();
const media = mkdtempSync(path.join(tmpdir(), "cf-bench-media-"));
try {
  const url = await cluster.createDatabase("bench");
  configure({ DATABASE_URL: url });
  await migrate(url);
  const seedDb = createDb(url);
  await seedDemo(seedDb, new LocalMediaStorage(media));
  await seedDb.$disconnect();

  // Scale the demo up: more investors with profiles, more projects on the public booths.
  const booths = await db().booth.findMany({ where: { isPublic: true }, select: { id: true, organizationId: true } });
  const t0 = performance.now();
  const extraProjects = Math.max(0, N_PROJ - (await db().project.count()));
  for (let i = 0; i < extraProjects; i += 1000) {
    await db().project.createMany({
      data: Array.from({ length: Math.min(1000, extraProjects - i) }, (_, k) => {
        const b = pick(booths);
        const sector = pick(SECTORS);
        return {
          boothId: b.id,
          organizationId: b.organizationId,
          titleZh: `${sector} 项目 ${i + k}`,
          titleEn: `${sector} project ${i + k}`,
          descriptionZh: `${pick(REGIONS)} ${sector} 产业化`,
          descriptionEn: `${sector} scale-up in ${pick(REGIONS)}`,
          sector,
          stage: pick(STAGES),
          amountSought: BigInt(Math.round(5 + rand() * 500) * 1_000_000 * 100),
          region: pick(REGIONS),
        };
      }),
    });
  }
  const extraInvestors = Math.max(0, N_INV - (await db().investorProfile.count()));
  for (let i = 0; i < extraInvestors; i++) {
    const first = Math.floor(rand() * 4);
    await db().organization.create({
      data: {
        kind: "INVESTOR",
        nameZh: `投资机构${i}`,
        nameEn: `Investor ${i}`,
        region: pick(REGIONS),
        investorProfile: {
          create: {
            sectors: [pick(SECTORS), pick(SECTORS)],
            stages: STAGES.slice(first, first + 3) as unknown as (typeof STAGES)[number][],
            ticketMin: BigInt(5_000_000 * 100),
            ticketMax: BigInt(Math.round(50 + rand() * 450) * 1_000_000 * 100),
            regions: [pick(REGIONS)],
            thesisZh: "关注硬科技",
            meetingCapacity: 5 + Math.floor(rand() * 15),
          },
        },
      },
    });
  }
  const loadS = (performance.now() - t0) / 1000;
  const investors = await db().investorProfile.findMany({ select: { organizationId: true } });
  const projects = await db().project.count();

  const refresh = await refreshRecommendations();
  const userFor = (orgId: string): SessionUser => ({
    id: "bench",
    email: "bench@x",
    name: "bench",
    locale: "zh-CN",
    timeZone: "Asia/Shanghai",
    roles: ["INVESTOR"],
    memberships: [{ organizationId: orgId, role: "INVESTOR" }],
    emailConfirmed: true,
    calendarFeed: false,
  });

  // Stored path: what GET /dashboard does for "recommended for you".
  const stored: number[] = [];
  for (let i = 0; i < 20; i++) await recommendationsForInvestor(userFor(pick(investors).organizationId)); // warm up
  for (let i = 0; i < N_REQ; i++) {
    const s = performance.now();
    await recommendationsForInvestor(userFor(pick(investors).organizationId));
    stored.push(performance.now() - s);
  }
  // Baseline: compute on the request path (load profiles + projects, score, rank for one investor).
  const onTheFly: number[] = [];
  const baselineRuns = Math.min(20, N_REQ);
  for (let i = 0; i < baselineRuns; i++) {
    const s = performance.now();
    const [profiles, projs] = await Promise.all([
      db().investorProfile.findMany(),
      db().project.findMany({ where: { booth: { isPublic: true } } }),
    ]);
    const m = createMatcher({
      investors: profiles.map((p) => ({
        id: p.organizationId,
        sectors: p.sectors,
        stages: p.stages,
        ticket: { min: Number(p.ticketMin), max: Number(p.ticketMax), currency: p.currency },
        regions: p.regions,
        thesis: p.thesisZh,
        capacity: p.meetingCapacity,
      })),
      projects: projs.map((p) => ({
        id: p.id,
        sectors: [p.sector],
        stage: p.stage,
        amountSought: Number(p.amountSought),
        currency: p.currency,
        location: { region: p.region },
        description: `${p.titleZh} ${p.descriptionZh}`,
      })),
    });
    m.projectsForInvestor(pick(investors).organizationId, { limit: 10 });
    onTheFly.push(performance.now() - s);
  }

  const row = (name: string, xs: number[]) =>
    `${name.padEnd(28)} ${String(xs.length).padStart(6)} ${pct(xs, 50).toFixed(2).padStart(9)} ${pct(xs, 95).toFixed(2).padStart(9)} ${pct(xs, 99).toFixed(2).padStart(9)}`;
  console.log(
    `catalog: ${investors.length} investors × ${projects} projects (synthetic scale-up of the demo fair, built in ${loadS.toFixed(1)} s)`,
  );
  console.log(
    `background refresh (both directions, capacity-aware): ${refresh.tookMs} ms, ${refresh.pairs} stored pairs, coverage ${(refresh.coverage * 100).toFixed(1)}%`,
  );
  console.log(
    `${"path".padEnd(28)} ${"n".padStart(6)} ${"p50 ms".padStart(9)} ${"p95 ms".padStart(9)} ${"p99 ms".padStart(9)}`,
  );
  console.log(row("stored (request path)", stored));
  console.log(row("on the fly (baseline)", onTheFly));
  const ratio = pct(onTheFly, 95) / pct(stored, 95);
  console.log(
    `stored is ${ratio.toFixed(0)}× faster at p95; target p95 ≤ 50 ms: ${pct(stored, 95) <= 50 ? "met" : "MISSED"}`,
  );
  console.log(
    JSON.stringify({
      investors: investors.length,
      projects,
      refreshMs: refresh.tookMs,
      pairs: refresh.pairs,
      stored: { p50: +pct(stored, 50).toFixed(2), p95: +pct(stored, 95).toFixed(2), p99: +pct(stored, 99).toFixed(2) },
      onTheFly: { p50: +pct(onTheFly, 50).toFixed(1), p95: +pct(onTheFly, 95).toFixed(1) },
      ratioP95: +ratio.toFixed(1),
      targetMet: pct(stored, 95) <= 50,
    }),
  );
} finally {
  await globalThis.__cloudfairDb?.$disconnect();
  await cluster.stop();
  rmSync(media, { recursive: true, force: true });
}
