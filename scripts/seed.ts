// npm run db:seed — applies migrations and seeds the demo fair into DATABASE_URL (idempotent).
import "../server/config-check.ts";
import { config } from "../app/config.server.ts";
import { createDb } from "../app/db/client.server.ts";
import { mediaStorage, prepareMediaStorage } from "../app/domain/booths/media.server.ts";
import { migrate } from "../server/db/migrate.ts";
import { seedDemo } from "../server/seed/demo-fair.ts";

const url = config().DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set (npm start seeds the embedded database by itself)");
  process.exit(2);
}
await migrate(url, console.log);
const db = createDb(url);
await prepareMediaStorage();
const summary = await seedDemo(db, mediaStorage(), console.log);
console.log(summary.skipped ? "demo fair already present" : `seeded: ${JSON.stringify(summary)}`);
await db.$disconnect();
