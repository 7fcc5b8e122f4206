// Roadshow viewers in the presenting exhibitor's leads (ADR 031): only those who agreed when
// registering (shareContact), with watch time from attendance rows and the questions they asked;
// another exhibitor's roadshow viewers never show.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import * as leadsCsv from "../../app/routes/exhibitor.leads[.csv].tsx";
import * as leadsPage from "../../app/routes/exhibitor.leads.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";

type User = Awaited<ReturnType<typeof makeUser>>;
const MIN = 60_000;

describe("roadshow leads", () => {
  let exhibitor: User;
  let other: User;
  let agreed: User;
  let declined: User;
  let otherViewer: User;

  beforeAll(async () => {
    await useTestDatabase();
    const fair = await makeFair();
    exhibitor = await makeUser("EXHIBITOR");
    other = await makeUser("EXHIBITOR");
    const booth = await makeBooth(fair, exhibitor.organizationId!);
    const otherBooth = await makeBooth(fair, other.organizationId!);
    agreed = await makeUser("INVESTOR");
    declined = await makeUser("INVESTOR");
    otherViewer = await makeUser("INVESTOR");
    const start = new Date(Date.now() - 60 * MIN);
    const roadshow = (boothId: string) =>
      db().roadshow.create({
        data: {
          fairId: fair.id,
          titleZh: "推介会",
          titleEn: "Roadshow",
          startsAt: start,
          endsAt: new Date(start.getTime() + 60 * MIN),
          boothId,
          status: "ENDED",
        },
      });
    const mine = await roadshow(booth.id);
    const theirs = await roadshow(otherBooth.id);
    let sid = 0;
    const watch = async (roadshowId: string, userId: string, shareContact: boolean, minutes: number[]) => {
      await db().roadshowRegistration.create({ data: { roadshowId, userId, shareContact } });
      for (const m of minutes)
        await db().roadshowAttendance.create({
          data: {
            roadshowId,
            userId,
            participantSid: `PA_${sid++}`,
            joinedAt: start,
            leftAt: new Date(start.getTime() + m * MIN),
          },
        });
    };
    // Two connections: 20 + 10 minutes.
    await watch(mine.id, agreed.user.id, true, [20, 10]);
    await watch(mine.id, declined.user.id, false, [45]);
    // Agreed, but to the other exhibitor's roadshow; also registered (without agreeing) to mine.
    await watch(theirs.id, otherViewer.user.id, true, [30]);
    await watch(mine.id, otherViewer.user.id, false, [5]);
    await db().roadshowQuestion.createMany({
      data: [
        { roadshowId: mine.id, userId: agreed.user.id, text: "What is the IRR?" },
        { roadshowId: mine.id, userId: agreed.user.id, text: "spam question", status: "hidden" },
        { roadshowId: mine.id, userId: declined.user.id, text: "Secret question" },
        { roadshowId: theirs.id, userId: otherViewer.user.id, text: "Their question" },
      ],
    });
  });

  const page = async (u: User) => {
    const res = await call(leadsPage.loader, req("/exhibitor/leads", { cookie: u.cookie }));
    expect(res.status).toBe(200);
    return (await res.json()) as { total: number; headers: string[]; rows: (string | number | null)[][] };
  };

  it("lists a viewer who agreed with watch time and questions; one who did not never appears", async () => {
    const body = await page(exhibitor);
    expect(body.total).toBe(1);
    const row = body.rows[0];
    const col = (h: string) => row[body.headers.indexOf(h)];
    expect(col("姓名")).toBe(agreed.user.name);
    expect(col("推介会观看（分钟）")).toBe(30);
    expect(col("推介会提问")).toBe("What is the IRR?");
    const json = JSON.stringify(body);
    expect(json).not.toContain(declined.user.name);
    expect(json).not.toContain("Secret question");
    expect(json).not.toContain("spam question");
    expect(json).not.toContain(otherViewer.user.name);
  });

  it("the CSV export carries the same rows", async () => {
    const res = await call(leadsCsv.loader, req("/exhibitor/leads.csv", { cookie: exhibitor.cookie }));
    expect(res.status).toBe(200);
    const text = new TextDecoder().decode(await res.arrayBuffer());
    expect(text).toContain("推介会观看（分钟）");
    expect(text).toContain(agreed.user.name);
    expect(text).toContain("What is the IRR?");
    expect(text).not.toContain(declined.user.name);
    expect(text).not.toContain("Secret question");
  });

  it("another exhibitor sees only its own roadshow's consenting viewers", async () => {
    const body = await page(other);
    expect(body.total).toBe(1);
    const json = JSON.stringify(body);
    expect(json).toContain(otherViewer.user.name);
    expect(json).toContain("Their question");
    expect(json).not.toContain(agreed.user.name);
    expect(json).not.toContain("What is the IRR?");
  });
});
