// Prisma CLI configuration (Prisma 7: the connection URL lives here, not in schema.prisma).
// The app applies migrations itself (server/db/migrate.ts); the CLI only generates the client.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  // Optional: `prisma generate` needs no database.
  datasource: { url: process.env.DATABASE_URL },
});
