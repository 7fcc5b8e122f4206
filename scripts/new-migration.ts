// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// schema as of the last migration (prisma/migrations/schema.snapshot.prisma, written by this
// script; git HEAD's schema.prisma when there is no snapshot) and the edited prisma/schema.prisma.
// `prisma migrate dev` cannot run here (no native engines), so we diff two datamodels
// (server/db/schema-diff.ts) while a throwaway PGlite is up.
//   npm run db:migration -- add_meetings
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../server/db/embedded.ts";
import { readMigrations } from "../server/db/migrate.ts";
import { schemaDiffScript } from "../server/db/schema-diff.ts";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}

const tmp = await mkdtemp(path.join(tmpdir(), "cf-migration-"));
const hasMigrations = (await readMigrations().catch(() => [])).length > 0;
let from = "empty";
const SNAPSHOT = path.resolve("prisma/migrations/schema.snapshot.prisma");
if (hasMigrations && existsSync(SNAPSHOT)) {
  from = SNAPSHOT;
} else if (hasMigrations) {
  const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
  const committedPath = path.join(tmp, "schema.prisma");
  await writeFile(committedPath, committed);
  from = committedPath;
}

const pgl = await startEmbeddedPostgres();
try {
  const sql = await schemaDiffScript(from, path.resolve("prisma/schema.prisma"), pgl.url);
  const statements = sql.split("\n").filter((l) => l.trim() && !l.trim().startsWith("--"));
  if (statements.length === 0) {
    console.log("schema unchanged: no migration written");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.resolve("prisma/migrations", `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    await writeFile(path.resolve("prisma/migrations/migration_lock.toml"), 'provider = "postgresql"\n');
    await copyFile(path.resolve("prisma/schema.prisma"), SNAPSHOT);
    console.log(
      `wrote ${path.relative(process.cwd(), dir)}/migration.sql — add hand-written SQL (extensions, exclusion constraints) there`,
    );
  }
} finally {
  await pgl.stop();
}
