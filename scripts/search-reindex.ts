// npm run search:reindex — rebuilds the catalog index from the database, with a progress bar.
// With MEILI_URL it rebuilds that Meilisearch index. The embedded engine lives inside the server
// process and rebuilds itself at every start; here it is built once to check the documents.
import "../server/config-check.ts";
import { config } from "../app/config.server.ts";
import { reindexAll } from "../app/search/indexer.server.ts";
import { searchEngine } from "../app/search/service.server.ts";
import { startEmbeddedDefault } from "../server/db/embedded.ts";
import { migrate } from "../server/db/migrate.ts";

let stopDb = async () => {};
if (!config().DATABASE_URL) stopDb = (await startEmbeddedDefault()).stop;
await migrate(config().DATABASE_URL!);
const engine = searchEngine();
const t0 = performance.now();
const bar = (done: number, total: number) => {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} booths`);
};
try {
  const { booths, docs, roadshowFairs } = await reindexAll(engine, bar);
  process.stderr.write("\n");
  console.log(
    `${engine.name}: indexed ${docs} documents from ${booths} public booths and the roadshows of ${roadshowFairs} fairs in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (engine.name === "embedded")
    console.log(
      "note: the embedded index lives in the server process and is rebuilt at every start; set MEILI_URL to rebuild a Meilisearch index",
    );
} catch (err) {
  process.stderr.write("\n");
  console.error(`reindex failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await globalThis.__cloudfairDb?.$disconnect();
  await stopDb();
}
