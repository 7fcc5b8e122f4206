// Preloaded into the server by `bench:load --count-queries` (node --import): counts the SQL
// statements every pg client of this process sends (Prisma's driver adapter uses pg, on Postgres and
// on the embedded PGlite alike) and writes the running total, a few times a second, to
// <tmpdir>/cf-bench-queries-<server pid>-<this pid> (a cluster worker names its primary's pid).
// Per HTTP request it also records, in <that file>.requests, one line
// `URL\tstatements\tCPU ms\tsigned in (1/0)\tarrival (epoch ms)`: the statements sent within the
// request's async context (background jobs' statements are not in it), the process's CPU time
// (process.cpuUsage) from the request's arrival to its response's end, whether it carried a session
// cookie (the anonymous and the signed-in booth page share a URL) and when it arrived (the bench
// merges the workers' files in time order).
import { AsyncLocalStorage } from "node:async_hooks";
import cluster from "node:cluster";
import { appendFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

let count = 0;
/** Statements sent within requests (only they are listed). */
let inRequests = 0;
/** The last statements sent within requests, for a look at what a page asks (written beside the count). */
const recent: string[] = [];
const inRequest = new AsyncLocalStorage<{ statements: number }>();
const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const query = proto.query;
proto.query = function (this: unknown, ...args: unknown[]) {
  count++;
  const store = inRequest.getStore();
  if (store) {
    // Only a request's own statements, one line each (a job's multi-line SQL would split the list).
    store.statements++;
    inRequests++;
    const q = args[0] as string | { text?: string };
    recent.push(
      String(typeof q === "string" ? q : q?.text)
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 300),
    );
    if (recent.length > 400) recent.shift();
  }
  return query.apply(this, args);
};
const root = cluster.isWorker ? process.ppid : process.pid;
const file = path.join(tmpdir(), `cf-bench-queries-${root}-${process.pid}`);

const emit = http.Server.prototype.emit as (this: http.Server, event: string, ...args: unknown[]) => boolean;
http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
  if (event !== "request") return emit.call(this, event, ...args);
  const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
  const store = { statements: 0 };
  const cpu0 = process.cpuUsage();
  const arrived = Date.now();
  const signedIn = /(^|;\s*)cf_session=/.test(req.headers.cookie ?? "") ? 1 : 0;
  res.once("finish", () => {
    const cpu = process.cpuUsage(cpu0);
    appendFileSync(
      `${file}.requests`,
      `${req.url}\t${store.statements}\t${(cpu.user + cpu.system) / 1000}\t${signedIn}\t${arrived}\n`,
    );
  });
  return inRequest.run(store, () => emit.call(this, event, ...args));
} as typeof http.Server.prototype.emit;

let written = -1;
let writtenSql = -1;
setInterval(() => {
  if (count !== written) {
    written = count;
    writeFileSync(file, String(count));
  }
  // Rewritten only when a request sent statements, so the newest list is the last request's process.
  if (inRequests !== writtenSql) {
    writtenSql = inRequests;
    writeFileSync(`${file}.sql`, recent.join("\n"));
  }
}, 100).unref();
