import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "~/config.server";
import { PrismaClient } from "~/generated/prisma/client";

export type Db = PrismaClient;

/** Creates a Prisma client over the pg driver adapter. DB_POOL_MAX=1 is required on PGlite. */
export function createDb(connectionString = config().DATABASE_URL): Db {
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const max = config().DB_POOL_MAX;
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }) });
}

declare global {
  var __cloudfairDb: Db | undefined;
}

/** The process-wide client, created on first use. */
export function db(): Db {
  globalThis.__cloudfairDb ??= createDb();
  return globalThis.__cloudfairDb;
}
