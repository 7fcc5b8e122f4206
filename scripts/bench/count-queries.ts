// Preloaded into the server by `bench:load --count-queries` (node --import): counts the SQL
// statements every pg client of this process sends (Prisma's driver adapter uses pg, on Postgres and
// on the embedded PGlite alike) and writes the running total, a few times a second, to
// <tmpdir>/cf-bench-queries-<server pid>-<this pid> (a cluster worker names its primary's pid).
import cluster from "node:cluster";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

let count = 0;
/** The last statements, first line of each, for a look at what a page asks (written beside the count). */
const recent: string[] = [];
const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const query = proto.query;
proto.query = function (this: unknown, ...args: unknown[]) {
  count++;
  const q = args[0] as string | { text?: string };
  recent.push(String(typeof q === "string" ? q : q?.text).slice(0, 300));
  if (recent.length > 400) recent.shift();
  return query.apply(this, args);
};
const root = cluster.isWorker ? process.ppid : process.pid;
const file = path.join(tmpdir(), `cf-bench-queries-${root}-${process.pid}`);
let written = -1;
setInterval(() => {
  if (count === written) return;
  written = count;
  writeFileSync(file, String(count));
  writeFileSync(`${file}.sql`, recent.join("\n"));
}, 100).unref();
