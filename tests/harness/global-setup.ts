// Vitest global setup: one temporary Postgres cluster for the whole run, with a migrated
// template database that each test file clones (CREATE DATABASE … TEMPLATE) in milliseconds.
// Where no Postgres binaries exist, test files fall back to in-process PGlite.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../../server/db/migrate.ts";
import { findPostgresBin, startTempPostgres } from "./postgres.ts";

export const TEMPLATE_DB = "cloudfair_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!findPostgresBin()) {
    console.warn("[harness] no PostgreSQL binaries: integration tests use PGlite");
    project.provide("pgAdminUrl", "");
    project.provide("pgTemplateUrl", "");
    return;
  }
  const t0 = performance.now();
  const cluster = await startTempPostgres();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrate(cluster.urlFor(TEMPLATE_DB));
  console.log(`[harness] temporary PostgreSQL ready in ${Math.round(performance.now() - t0)} ms`);
  project.provide("pgAdminUrl", cluster.url);
  project.provide("pgTemplateUrl", cluster.urlFor(TEMPLATE_DB));
  return async () => {
    await cluster.stop();
  };
}
