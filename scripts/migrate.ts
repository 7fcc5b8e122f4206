// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database in
// DATA_DIR (stop `npm start` first: PGlite is single-process). `npm start` does this by itself.
import "../server/config-check.ts";
import { config } from "../app/config.server.ts";
import { startEmbeddedDefault } from "../server/db/embedded.ts";
import { migrate } from "../server/db/migrate.ts";

const embedded = config().DATABASE_URL ? null : await startEmbeddedDefault();
try {
  const applied = await migrate(config().DATABASE_URL!, console.log);
  console.log(applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
} finally {
  await embedded?.stop();
}
