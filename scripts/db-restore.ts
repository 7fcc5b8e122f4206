// npm run db:restore -- <file> — restores a backup made by `npm run db:backup` (docs/decisions/029)
// into DATABASE_URL (pg_restore, replacing what the backup contains, in one transaction) or, with
// no DATABASE_URL, into the embedded PGlite (stop the server first; the old directory is kept).
import path from "node:path";
import { existsSync } from "node:fs";
import { config } from "../app/config.server.ts";
import { backupKindOf, restorePGlite, restorePostgres } from "../server/db/backup.ts";

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error("usage: npm run db:restore -- <backup file>   (made by npm run db:backup)");
  process.exit(2);
}
const url = config().DATABASE_URL;
const kind = backupKindOf(file);
const target = url ? "postgres" : "pglite";
if (kind !== target) {
  console.error(
    kind
      ? `${file} is a ${kind} backup, but the target is ${target === "postgres" ? "DATABASE_URL (PostgreSQL)" : "the embedded PGlite (DATABASE_URL unset)"}`
      : `${file} is not a CloudFair backup (neither pg_dump custom format nor a PGlite .tar.gz)`,
  );
  process.exit(2);
}
try {
  if (url) restorePostgres(url, path.resolve(file));
  else {
    const { previous } = await restorePGlite(path.resolve(config().DATA_DIR, "pglite"), path.resolve(file));
    if (previous) console.log(`the previous embedded database is kept in ${previous}`);
  }
  console.log(`restored from ${file}`);
} catch (err) {
  console.error(`restore failed: ${(err as Error).message}`);
  process.exit(1);
}
