// Concurrent writes of the same row from one user (a double click, two tabs, bench:load's mixed
// profile): every request succeeds and exactly one row results. Before app/db/races.server.ts, the
// emulated upserts below failed with P2002/P2025 — 500s under load.
import { beforeAll, describe, expect, it } from "vitest";
import { getUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { setBookmark } from "../../app/domain/booths/engagement.server.ts";
import { postMessage } from "../../app/domain/chat/chat.server.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";

const me = async (u: { cookie: string }) => (await getUser(req("/", { cookie: u.cookie })))!;

describe("concurrent writes of one row", () => {
  let boothIds: string[];

  beforeAll(async () => {
    await useTestDatabase();
    const fair = await makeFair();
    boothIds = [];
    for (let i = 0; i < 3; i++) {
      const team = await makeUser("EXHIBITOR");
      boothIds.push((await makeBooth(fair, team.organizationId!, "APPROVED")).id);
    }
  });

  it("bookmarking at once from several requests: all succeed, one bookmark", async () => {
    const user = await me(await makeUser("INVESTOR"));
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => setBookmark(user, boothIds[0], true)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await db().bookmark.count({ where: { userId: user.id, boothId: boothIds[0] } })).toBe(1);
  });

  it("bookmark on and off interleaved: no request fails, the last word stands", async () => {
    const user = await me(await makeUser("INVESTOR"));
    const results = await Promise.allSettled(
      Array.from({ length: 16 }, (_, i) => setBookmark(user, boothIds[1], i % 2 === 0)),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    await setBookmark(user, boothIds[1], false);
    expect(await db().bookmark.count({ where: { userId: user.id, boothId: boothIds[1] } })).toBe(0);
  });

  it("a visitor's first messages sent at once open one thread that holds them all", async () => {
    const user = await me(await makeUser("INVESTOR"));
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => postMessage(user, { boothId: boothIds[2], body: `hello ${i}` })),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const threads = await db().chatThread.findMany({
      where: { boothId: boothIds[2], visitorUserId: user.id },
      include: { _count: { select: { messages: true } } },
    });
    expect(threads).toHaveLength(1);
    expect(threads[0]._count.messages).toBe(6);
  });
});
