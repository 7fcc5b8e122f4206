// Prisma 6.19 CLI configuration, for `migrate diff` only (scripts/new-migration.ts and the
// migrations test): Prisma 7's CLI needs the native schema engine, which cannot be downloaded
// here, while 6.19's runs the Wasm one through the pg driver adapter (docs/decisions/034).
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma-6/config";

export default defineConfig({
  schema: "schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    return new PrismaPg({ connectionString, allowExitOnIdle: true });
  },
});
