// Creates a staff or admin account (never possible through sign-up).
//   npm run user:create -- --email li@bureau.gov.cn --name 李明 --role STAFF --bureau nanjing [--password …]
// STAFF, BUREAU_ADMIN and VIEWER join the bureau whose slug is given (ADR 028); ADMIN the platform.
// Uses DATABASE_URL, or the embedded database in .data/ (stop `npm start` first: PGlite is single-process).
import "../server/config-check.ts";
import { parseArgs } from "node:util";
import { createStaffAccount } from "../app/auth/accounts.server.ts";
import { staffAccountSchema } from "../app/auth/schemas.ts";
import { config } from "../app/config.server.ts";
import { db } from "../app/db/client.server.ts";
import { startEmbeddedDefault } from "../server/db/embedded.ts";
import { migrate } from "../server/db/migrate.ts";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "STAFF" },
    password: { type: "string" },
    bureau: { type: "string" },
  },
});
const password = values.password ?? config().NEW_USER_PASSWORD;
let stop = async () => {};
if (!config().DATABASE_URL) stop = (await startEmbeddedDefault()).stop;
await migrate(config().DATABASE_URL!);
const bureau = values.bureau
  ? await db().organization.findFirst({ where: { slug: values.bureau, kind: "BUREAU" }, select: { id: true } })
  : null;
if (values.bureau && !bureau) console.error(`no bureau with the slug "${values.bureau}"`);
const { bureau: _slug, ...rest } = values;
const parsed = staffAccountSchema.safeParse({
  ...rest,
  password,
  role: values.role?.toUpperCase(),
  bureauId: bureau?.id,
});
if (!parsed.success) {
  console.error(
    "usage: npm run user:create -- --email E --name N --role STAFF|BUREAU_ADMIN|VIEWER|ADMIN [--bureau SLUG] --password P (or NEW_USER_PASSWORD)",
  );
  console.error(parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n"));
  await stop();
  process.exit(2);
}
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
