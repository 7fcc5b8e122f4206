// Prisma CLI configuration. Native engines cannot be downloaded on our machines, so the CLI
// runs the JavaScript (Wasm) schema engine through the pg driver adapter (docs/decisions/002).
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    return new PrismaPg({ connectionString, allowExitOnIdle: true });
  },
});
