// A bureau's rollup (ADR 028): its own fairs and those of every bureau below it, over a chosen
// period, with a row per city (each direct child bureau, with everything below it; the bureau's own
// fairs form a row of their own). Attribution follows the fair report (ADR 015):
// - a fair counts once, under its organizing bureau (co-organizers do not count it again);
// - booths: approved booths of fairs overlapping the period; meetings and their outcomes: on the
//   meeting's start (days in Asia/Shanghai, the platform's zone);
// - intended investment: per currency, one outcome per meeting (the investor side's, else the
//   exhibitor's, and only when it states an intent with an amount) — so each deal counts once;
//   sector = the project's, else the booth hall's; country = the investor organization's.
import { subtreeOf } from "~/auth/fair-access.server";
import { db } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";
import type { Cell } from "~/lib/csv";
import { dayRange, NONE, type FilterProblem, readReportFilters } from "./filters";
import { currencyDigits, decimalToMinor, rate } from "./math";
import { INTENT_RESULTS } from "./scope.server";
import { OUTCOME_RESULTS } from "~/domain/meetings/outcome-codes";

const { sql, join, empty } = Prisma;
export const ROLLUP_ZONE = "Asia/Shanghai";

export interface RollupPeriod {
  from?: string;
  to?: string;
}

export interface MoneyTotal {
  key: string;
  currency: string;
  minor: number;
  deals: number;
}

export interface CityRow {
  bureauId: string;
  nameZh: string;
  nameEn: string;
  own: boolean;
  fairs: number;
  booths: number;
  held: number;
  noShows: number;
  noShowRate: number | null;
  outcomes: number;
  money: MoneyTotal[];
}

/** The period from a query string (from/to days; a wrong day is ignored and reported). */
export function readPeriod(params: URLSearchParams): { period: RollupPeriod; problems: FilterProblem[] } {
  const { filters, problems } = readReportFilters(params);
  return { period: { from: filters.from, to: filters.to }, problems };
}

/** Adds a deal's amount into `acc` under (key, currency). */
function addMoney(acc: Map<string, MoneyTotal>, key: string, currency: string, minor: number) {
  const id = `${key}\u0000${currency}`;
  const row = acc.get(id) ?? { key, currency, minor: 0, deals: 0 };
  row.minor += minor;
  row.deals += 1;
  acc.set(id, row);
}
const sortedMoney = (m: Map<string, MoneyTotal>) =>
  [...m.values()].sort(
    (a, b) => a.currency.localeCompare(b.currency) || b.minor - a.minor || a.key.localeCompare(b.key),
  );

export async function bureauRollup(bureauId: string, period: RollupPeriod) {
  const tree = await subtreeOf(bureauId);
  const bureaus = await db().organization.findMany({
    where: { id: { in: tree } },
    select: { id: true, parentId: true, nameZh: true, nameEn: true },
  });
  const byId = new Map(bureaus.map((b) => [b.id, b]));
  /** The city row a bureau's fairs count under: the root itself, or the root's child above it. */
  const cityOf = (id: string): string => {
    let cur = byId.get(id);
    for (let i = 0; cur && i < 12; i++) {
      if (cur.id === bureauId || cur.parentId === bureauId) return cur.id;
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    return bureauId;
  };
  const { gte, lt } = dayRange(period, ROLLUP_ZONE);
  const meetingIn = sql`${gte ? sql` AND m."startsAt" >= ${gte}` : empty}${lt ? sql` AND m."startsAt" < ${lt}` : empty}`;
  const fairIn = sql`${gte ? sql` AND f."endsAt" >= ${gte}` : empty}${lt ? sql` AND f."startsAt" < ${lt}` : empty}`;
  const inTree = tree.length ? join(tree) : sql`NULL`;

  const fairs = await db().$queryRaw<{ id: string; organizerId: string; booths: number }[]>(sql`
    SELECT f.id, f."organizerId", (SELECT count(*)::int FROM "Booth" b WHERE b."fairId" = f.id AND b.status = 'APPROVED') AS booths
    FROM "Fair" f WHERE f."organizerId" IN (${inTree})${fairIn}`);
  const meetings = await db().$queryRaw<{ organizerId: string; status: string; n: number }[]>(sql`
    SELECT f."organizerId", m.status::text AS status, count(*)::int AS n
    FROM "Meeting" m JOIN "Fair" f ON f.id = m."fairId"
    WHERE f."organizerId" IN (${inTree})${meetingIn} GROUP BY 1, 2`);
  const outcomes = await db().$queryRaw<{ organizerId: string; result: string; n: number }[]>(sql`
    SELECT f."organizerId", o.result::text AS result, count(*)::int AS n
    FROM "MeetingOutcome" o JOIN "Meeting" m ON m.id = o."meetingId" JOIN "Fair" f ON f.id = m."fairId"
    WHERE f."organizerId" IN (${inTree})${meetingIn} GROUP BY 1, 2`);
  // One counted outcome per meeting (the same rule as scopedOutcomes in ./scope.server).
  const deals = await db().$queryRaw<
    { organizerId: string; currency: string; amount: string; sector: string | null; country: string | null }[]
  >(sql`
    SELECT f."organizerId", o.currency, o.amount::text AS amount, COALESCE(p.sector, h.sector) AS sector, io.country
    FROM "MeetingOutcome" o
    JOIN "Meeting" m ON m.id = o."meetingId" JOIN "Fair" f ON f.id = m."fairId"
    LEFT JOIN "Project" p ON p.id = m."projectId"
    LEFT JOIN "Booth" b ON b."fairId" = m."fairId" AND b."organizationId" = m."exhibitorOrgId"
    LEFT JOIN "Hall" h ON h.id = b."hallId"
    LEFT JOIN "Organization" io ON io.id = m."investorOrgId"
    WHERE f."organizerId" IN (${inTree})${meetingIn}
      AND o.amount IS NOT NULL AND o.currency IS NOT NULL AND o.result::text IN (${join([...INTENT_RESULTS])})
      AND o.id = (SELECT o2.id FROM "MeetingOutcome" o2 WHERE o2."meetingId" = o."meetingId"
                  ORDER BY (o2.side = 'INVESTOR') DESC, o2."createdAt", o2.id LIMIT 1)`);

  const cities = new Map<string, CityRow & { moneyAcc: Map<string, MoneyTotal> }>();
  const city = (organizerId: string) => {
    const id = cityOf(organizerId);
    let row = cities.get(id);
    if (!row) {
      const b = byId.get(id)!;
      row = {
        bureauId: id,
        nameZh: b.nameZh,
        nameEn: b.nameEn,
        own: id === bureauId,
        fairs: 0,
        booths: 0,
        held: 0,
        noShows: 0,
        noShowRate: null,
        outcomes: 0,
        money: [],
        moneyAcc: new Map(),
      };
      cities.set(id, row);
    }
    return row;
  };
  // Every direct child is a row even without fairs: the comparison shows who had none.
  for (const b of bureaus) if (b.parentId === bureauId) city(b.id);
  for (const f of fairs) {
    const c = city(f.organizerId);
    c.fairs += 1;
    c.booths += f.booths;
  }
  const results = Object.fromEntries(OUTCOME_RESULTS.map((r) => [r, 0])) as Record<string, number>;
  for (const m of meetings) {
    const c = city(m.organizerId);
    if (m.status === "COMPLETED") c.held += m.n;
    if (m.status === "NO_SHOW") c.noShows += m.n;
  }
  for (const o of outcomes) {
    city(o.organizerId).outcomes += o.n;
    results[o.result] = (results[o.result] ?? 0) + o.n;
  }
  const bySector = new Map<string, MoneyTotal>();
  const byCountry = new Map<string, MoneyTotal>();
  const byCity = new Map<string, MoneyTotal>();
  const totals = new Map<string, MoneyTotal>();
  for (const d of deals) {
    const minor = decimalToMinor(d.amount, d.currency);
    const c = city(d.organizerId);
    addMoney(c.moneyAcc, "", d.currency, minor);
    addMoney(byCity, c.bureauId, d.currency, minor);
    addMoney(bySector, d.sector ?? NONE, d.currency, minor);
    addMoney(byCountry, d.country ?? NONE, d.currency, minor);
    addMoney(totals, "", d.currency, minor);
  }
  const rows: CityRow[] = [...cities.values()]
    .map(({ moneyAcc, ...r }) => ({
      ...r,
      noShowRate: rate(r.noShows, r.noShows + r.held),
      money: sortedMoney(moneyAcc),
    }))
    .sort((a, b) => Number(b.own) - Number(a.own) || a.nameZh.localeCompare(b.nameZh, "zh-CN"));
  const sum = (k: "fairs" | "booths" | "held" | "noShows" | "outcomes") => rows.reduce((a, r) => a + r[k], 0);
  return {
    period,
    totals: {
      fairs: sum("fairs"),
      booths: sum("booths"),
      held: sum("held"),
      noShows: sum("noShows"),
      noShowRate: rate(sum("noShows"), sum("noShows") + sum("held")),
      outcomes: sum("outcomes"),
      money: sortedMoney(totals),
    },
    results,
    cities: rows,
    money: { city: sortedMoney(byCity), sector: sortedMoney(bySector), country: sortedMoney(byCountry) },
  };
}

export type Rollup = Awaited<ReturnType<typeof bureauRollup>>;

/**
 * The export's rows under ROLLUP_COLUMNS: one per city (counts), then one per amount of the money
 * tables (by city, sector, investor country; a currency per row, amounts in major units).
 */
export function rollupTable(
  r: Rollup,
  names: { section: (s: string) => string; city: (row: CityRow) => string; key: (dim: string, key: string) => string },
): Cell[][] {
  const out: Cell[][] = [];
  for (const c of r.cities)
    out.push([
      names.section("city"),
      names.city(c),
      c.fairs,
      c.booths,
      c.held,
      c.noShows,
      c.noShowRate === null ? null : Math.round(c.noShowRate * 1000) / 10,
      c.outcomes,
      null,
      null,
    ]);
  for (const dim of ["city", "sector", "country"] as const)
    for (const m of r.money[dim])
      out.push([
        names.section(`money.${dim}`),
        names.key(dim, m.key),
        null,
        null,
        null,
        null,
        null,
        m.deals,
        m.currency,
        minorToMajor(m.minor, m.currency),
      ]);
  return out;
}

/** Minor units → a major-unit number (exact for the amounts a spreadsheet holds). */
export const minorToMajor = (minor: number, currency: string) => minor / 10 ** currencyDigits(currency);

export const ROLLUP_COLUMNS = [
  "rollup.col.section",
  "rollup.col.name",
  "rollup.col.fairs",
  "rollup.col.booths",
  "rollup.col.held",
  "rollup.col.noShows",
  "rollup.col.noShowRate",
  "rollup.col.count",
  "rollup.col.currency",
  "rollup.col.amount",
] as const;
