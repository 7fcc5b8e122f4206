// Creates a staff or admin account (never possible through sign-up).
//   npm run user:create -- --email li@bureau.gov.cn --name 李明 --role STAFF [--password …]
// Uses DATABASE_URL, or the embedded database in .data/ (stop `npm start` first: PGlite is single-process).
import path from "node:path";
import { parseArgs } from "node:util";
import { createStaffAccount } from "../app/auth/accounts.server.ts";
import { staffAccountSchema } from "../app/auth/schemas.ts";
import { startEmbeddedPostgres } from "../server/db/embedded.ts";
import { migrate } from "../server/db/migrate.ts";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "STAFF" },
    password: { type: "string" },
  },
});
const password = values.password ?? process.env.NEW_USER_PASSWORD;
const parsed = staffAccountSchema.safeParse({ ...values, password, role: values.role?.toUpperCase() });
if (!parsed.success) {
  console.error(
    "usage: npm run user:create -- --email E --name N --role STAFF|ADMIN --password P (or NEW_USER_PASSWORD)",
  );
  console.error(parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n"));
  process.exit(2);
}
let stop = async () => {};
if (!process.env.DATABASE_URL) {
  const embedded = await startEmbeddedPostgres(path.resolve(process.env.DATA_DIR ?? ".data", "pglite"));
  process.env.DATABASE_URL = embedded.url;
  process.env.DB_POOL_MAX = "1";
  stop = embedded.stop;
}
await migrate(process.env.DATABASE_URL);
try {
  const { id } = await createStaffAccount(parsed.data, null);
  console.log(`created ${parsed.data.role} ${parsed.data.email} (${id})`);
} catch (err) {
  console.error((err as Error).message === "error.emailTaken" ? "that email is already registered" : err);
  process.exitCode = 1;
} finally {
  await globalThis.__cloudfairDb?.$disconnect();
  await stop();
}
