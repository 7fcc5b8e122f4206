// SQL that takes a database from one Prisma schema to another (`prisma migrate diff --script`),
// for scripts/new-migration.ts and the migrations test. Prisma 7's CLI runs only the native
// schema engine, which cannot be downloaded here, so this uses Prisma 6.19's CLI (the
// `prisma-6` dev dependency) with its Wasm schema engine over the pg driver adapter
// (prisma/diff.config.ts; docs/decisions/034). 6.19 wants the datasource `url` that Prisma 7
// forbids in schema.prisma, so each schema is diffed from a copy with the `url` line added.
// The engine needs a reachable database even between two datamodels (PGlite will do).
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { childProcessEnv } from "../../app/config.server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "node_modules/prisma-6/build/index.js");
const CONFIG = path.join(ROOT, "prisma/diff.config.ts");

/** The schema file's text with `url = env("DATABASE_URL")` in its datasource block (if missing). */
export function withDatasourceUrl(schema: string): string {
  return schema.replace(/datasource\s+\w+\s*\{[^}]*\}/, (block) =>
    /^\s*url\s*=/m.test(block) ? block : block.replace(/\}$/, '  url      = env("DATABASE_URL")\n}'),
  );
}

/** The migration script from `from` (a schema file, or "empty") to the schema file `to`. */
export async function schemaDiffScript(from: string, to: string, databaseUrl: string): Promise<string> {
  const tmp = await mkdtemp(path.join(tmpdir(), "cf-schema-diff-"));
  try {
    const copy = async (file: string, name: string) => {
      const target = path.join(tmp, name);
      await writeFile(target, withDatasourceUrl(await readFile(file, "utf8")));
      return target;
    };
    const fromArgs = from === "empty" ? ["--from-empty"] : ["--from-schema-datamodel", await copy(from, "from.prisma")];
    const toArgs = ["--to-schema-datamodel", await copy(to, "to.prisma")];
    // Async on purpose: an embedded PGlite may live in the calling process and must keep answering.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [CLI, "migrate", "diff", "--config", CONFIG, ...fromArgs, ...toArgs, "--script"],
      {
        cwd: ROOT,
        encoding: "utf8",
        maxBuffer: 64 << 20,
        env: childProcessEnv({
          DATABASE_URL: databaseUrl,
          PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
          PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
        }),
      },
    );
    return stdout;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
