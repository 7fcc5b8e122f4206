// Several independent reads of one page in one statement (docs/decisions/033-signed-in-throughput.md):
// each read is a subquery whose rows come back as one JSON array column. A statement costs the app
// about 0.1 ms of Prisma's CPU and PostgreSQL a round of parse/bind/execute on a pooled connection
// of its own, whatever it reads; the dashboard's four personal reads were four of them.
// What JSON changes in a row: bigint and numeric come back as numbers, timestamps as ISO strings
// (timestamptz with its offset), arrays and json as they are. Each read's own mapping takes both.
import { db } from "~/db/client.server";
import { Prisma } from "~/generated/prisma/client";

const NAME = /^[a-z][A-Za-z0-9]*$/;

/**
 * Runs every non-null read of `reads` in one statement; a read's rows keep the order its own
 * ORDER BY gives them. A null read (nothing to ask for this user) is an empty list.
 */
export async function readTogether<K extends string>(
  reads: Record<K, Prisma.Sql | null>,
): Promise<Record<K, unknown[]>> {
  const out = {} as Record<K, unknown[]>;
  const asked: Prisma.Sql[] = [];
  for (const [name, sql] of Object.entries(reads) as [K, Prisma.Sql | null][]) {
    out[name] = [];
    if (!sql) continue;
    if (!NAME.test(name)) throw new Error(`readTogether: "${name}" is not a plain column name`);
    // json_agg takes the subquery's rows in the order the subquery produces them.
    asked.push(Prisma.sql`COALESCE((SELECT json_agg(r) FROM (${sql}) r), '[]'::json) AS ${Prisma.raw(`"${name}"`)}`);
  }
  if (asked.length === 0) return out;
  const [row] = await db().$queryRaw<Record<K, unknown[]>[]>`SELECT ${Prisma.join(asked)}`;
  return Object.assign(out, row);
}
