import pg from "pg";
const seen: { text: string; values: unknown[] }[] = [];
const orig = pg.Client.prototype.query as any;
(pg.Client.prototype as any).query = function (this: any, config: any, values?: any, cb?: any) {
  if (typeof config === "object" && config?.text) seen.push({ text: config.text, values: config.values ?? values ?? [] });
  else if (typeof config === "string") seen.push({ text: config, values: Array.isArray(values) ? values : [] });
  return orig.call(this, config, values, cb);
};
const { db } = await import("~/db/client.server");
const { userFromSession } = await import("~/auth/session.server");
const { investorDashboard } = await import("~/domain/accounts/personal-dashboard.server");
const { listBookmarks } = await import("~/domain/booths/engagement.server");
const { pendingSurveys } = await import("~/domain/reports/surveys.server");
const { recommendationsForInvestor } = await import("~/domain/recommendations/recommendations.server");
const s = await db().session.findFirst({ where: { user: { email: "investor01@demo.cloudfair.cn" } }, orderBy: { createdAt: "desc" } });
seen.length = 0;
const user = (await userFromSession(s!.id, new Date(), true))!;
await Promise.all([investorDashboard(user), listBookmarks(user), pendingSurveys(user), recommendationsForInvestor(user)]);
const stmts = seen.filter((q) => !/^(BEGIN|COMMIT|SET|DEALLOCATE)/i.test(q.text));
const client = new pg.Client(process.env.DATABASE_URL);
await client.connect();
for (const q of stmts) {
  let plan = 0, exec = 0;
  const N = 30;
  for (let i = 0; i < N; i++) {
    const r = await orig.call(client, { text: "EXPLAIN (ANALYZE, SUMMARY, FORMAT JSON) " + q.text, values: q.values });
    const j = r.rows[0]["QUERY PLAN"][0];
    if (i >= 5) { plan += j["Planning Time"]; exec += j["Execution Time"]; }
  }
  console.log(`plan ${(plan / (N - 5)).toFixed(3)} ms  exec ${(exec / (N - 5)).toFixed(3)} ms  ${q.text.replace(/\s+/g, " ").slice(0, 110)}`);
}
await client.end();
process.exit(0);
