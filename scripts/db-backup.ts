// npm run db:backup [-- <file>] — backs up the database (docs/decisions/029): PostgreSQL with
// pg_dump (DATABASE_URL set), else the embedded PGlite in DATA_DIR (stop the server first).
// Without <file>: <DATA_DIR>/backups/cloudfair-<kind>-<time>.{dump,tar.gz}. Booth media are not
// in it: back up MEDIA_DIR or the S3 bucket as README "Backups" says.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { config } from "../app/config.server.ts";
import { backupPGlite, backupPostgres } from "../server/db/backup.ts";

const url = config().DATABASE_URL;
const kind = url ? "postgres" : "pglite";
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const file = path.resolve(
  process.argv[2] ?? path.join(config().DATA_DIR, "backups", `cloudfair-${kind}-${stamp}.${url ? "dump" : "tar.gz"}`),
);
mkdirSync(path.dirname(file), { recursive: true });
try {
  if (url) backupPostgres(url, file);
  else await backupPGlite(path.resolve(config().DATA_DIR, "pglite"), file);
  console.log(`backup written: ${file}`);
} catch (err) {
  console.error(`backup failed: ${(err as Error).message}`);
  process.exit(1);
}
