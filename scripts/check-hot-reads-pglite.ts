// One-off check (ADR 033): the hot raw reads answer on the embedded PGlite as on PostgreSQL.
//   npx tsx scripts/check-hot-reads-pglite.ts
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { configure } from "../app/config.server.ts";
import { createSession, readSessionToken, userFromToken } from "../app/auth/session.server.ts";
import { createDb, db } from "../app/db/client.server.ts";
import { investorDashboard } from "../app/domain/accounts/personal-dashboard.server.ts";
import { getBoothForViewer, viewerBoothState } from "../app/domain/booths/booth-page.server.ts";
import { listBookmarks } from "../app/domain/booths/engagement.server.ts";
import { pendingSurveys } from "../app/domain/reports/surveys.server.ts";
import { agenda } from "../app/domain/meetings/agenda.server.ts";
import { listNotifications } from "../app/domain/notifications/notifications.server.ts";
import {
  recommendationsForInvestor,
  refreshRecommendations,
} from "../app/domain/recommendations/recommendations.server.ts";
import { LocalMediaStorage } from "../media/storage.ts";
import { PGLITE_DB_CONFIG, startEmbeddedPostgres } from "../server/db/embedded.ts";
import { migrate } from "../server/db/migrate.ts";
import { seedDemo } from "../server/seed/demo-fair.ts";

const embedded = await startEmbeddedPostgres();
try {
  await migrate(embedded.url);
  configure({ DATABASE_URL: embedded.url, ...PGLITE_DB_CONFIG });
  const seedDb = createDb(embedded.url);
  await seedDemo(seedDb, new LocalMediaStorage(mkdtempSync(path.join(tmpdir(), "cf-pgl-"))), () => {});
  await seedDb.$disconnect();
  await refreshRecommendations();
  const investor = await db().user.findUniqueOrThrow({ where: { email: "investor01@demo.cloudfair.cn" } });
  await db().notification.create({ data: { userId: investor.id, kind: "fair.survey", data: { nameZh: "x" } } });
  const cookie = await createSession(investor.id);
  const user = (await userFromToken(await readSessionToken(cookie.split(";")[0])))!;
  console.log("session", user.email, user.memberships.length, user.emailConfirmed, user.calendarFeed);
  const recs = await recommendationsForInvestor(user);
  console.log("recommendations", recs.length, recs[0] && typeof recs[0].amountSought, recs[0]?.reasons);
  const n = await listNotifications(user, 1);
  console.log("notifications", n.pages, n.items.length, n.items[0]);
  console.log("notifications page 9", await listNotifications(user, 9));
  const a = await agenda(user);
  console.log("agenda", a.incoming.length, a.outgoing.length, a.meetings.length, a.past.length, a.outgoing[0]);
  const booth = await db().booth.findFirstOrThrow({ where: { isPublic: true } });
  const page = await getBoothForViewer(booth.id, user);
  console.log("booth", page?.booth.id, page?.meeting?.slots.length, page?.booth.contactsHidden);
  console.log("viewer", await viewerBoothState(user.id, booth.id));
  await db().bookmark.create({ data: { userId: user.id, boothId: booth.id } });
  console.log("dashboard profile", await investorDashboard(user));
  console.log("dashboard bookmarks", await listBookmarks(user));
  console.log("dashboard surveys", await pendingSurveys(user, new Date("2030-01-01T00:00:00Z")));
} finally {
  await db().$disconnect();
  await embedded.stop();
}
