import { expect, type Page, test } from "@playwright/test";
import { expectPlaying, loginOk, queryOne } from "./helpers";

// 云推介 live room (issue 20) in Chromium with fake camera/microphone against the real LiveKit the
// e2e stack starts: the demo fair's roadshow that is live now (presented by exhibitor01's booth;
// investor01 registered). Q&A over socket.io; the stage over LiveKit permissions granted by the server.

const PRESENTER = "exhibitor01@demo.cloudfair.cn";
const VIEWER = "investor01@demo.cloudfair.cn";
const OTHER = "investor02@demo.cloudfair.cn";

async function identityOf(email: string) {
  const u = await queryOne<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  return `u_${u!.id}`;
}

/** The video of `identity`'s tile in the room shows decoded frames that advance. */
const expectVideoPlaying = (page: Page, identity: string) =>
  expectPlaying(page.locator(`[data-testid="roadshow-tile"][data-identity="${identity}"] video`).first(), 30_000);

/** What LiveKit itself says about the page's own participant: may it publish, and what it publishes. */
const localState = (page: Page) =>
  page.evaluate(() => {
    const room = (
      window as unknown as {
        __roadshowRoom: {
          localParticipant: { permissions?: { canPublish?: boolean }; videoTrackPublications: Map<string, unknown> };
        };
      }
    ).__roadshowRoom;
    return {
      canPublish: !!room.localParticipant.permissions?.canPublish,
      videoTracks: room.localParticipant.videoTrackPublications.size,
    };
  });

async function openRoom(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByTestId("roadshow-live")).toHaveAttribute("data-phase", "connected", { timeout: 30_000 });
}

test("presenter and viewers: video plays; a question is asked, upvoted, answered; a viewer goes on stage and off", async ({
  browser,
}) => {
  // Three Chromium contexts with live video: about 1 min alone, up to 3 min beside another e2e worker.
  test.setTimeout(360_000);
  const rs = await queryOne<{ id: string }>(
    `SELECT r.id FROM "Roadshow" r JOIN "Fair" f ON f.id = r."fairId" WHERE f.slug = 'jiangsu-2026' AND r.status = 'LIVE' ORDER BY r."startsAt" LIMIT 1`,
    [],
  );
  expect(rs, "the demo fair has a roadshow live now").toBeTruthy();
  const path = `/fairs/jiangsu-2026/roadshows/${rs!.id}`;
  const [presenterId, viewerId] = await Promise.all([PRESENTER, VIEWER].map(identityOf));

  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  try {
    const [p, v, o] = await Promise.all(contexts.map((c) => c.newPage()));
    await loginOk(p, PRESENTER);
    await loginOk(v, VIEWER);
    await loginOk(o, OTHER);

    // The presenter publishes; the registered viewer joins subscribe-only and sees the presenter's video.
    await openRoom(p, path);
    await expect(p.getByTestId("roadshow-publish-controls")).toBeVisible();
    await openRoom(v, path);
    await expect(v.getByTestId("roadshow-publish-controls")).toHaveCount(0);
    expect(await localState(v)).toEqual({ canPublish: false, videoTracks: 0 }); // subscribe-only token
    await expectVideoPlaying(v, presenterId);

    // A third person registers on the page, then joins too.
    await o.goto(path);
    await o.getByTestId("roadshow-register").click();
    await expect(o.getByTestId("roadshow-registered")).toBeVisible();
    await expect(o.getByTestId("roadshow-live")).toHaveAttribute("data-phase", "connected", { timeout: 30_000 });
    await expectVideoPlaying(o, presenterId);
    await expect(p.getByTestId("roadshow-viewers")).toContainText("3");

    // Q&A: the viewer asks; another viewer upvotes; the presenter marks it answered; all see it.
    const text = `请问项目的预计投资回报周期是多久？${Date.now()}`;
    await v.getByTestId("roadshow-input").fill(text);
    await v.getByTestId("roadshow-send").click();
    await expect(v.getByTestId("roadshow-input")).toHaveValue("");
    const questionIn = (page: Page) => page.getByTestId("roadshow-question").filter({ hasText: text });
    for (const page of [p, v, o]) await expect(questionIn(page)).toBeVisible();
    await questionIn(o).getByTestId("roadshow-upvote").click();
    for (const page of [p, v, o]) await expect(questionIn(page).getByTestId("roadshow-votes")).toHaveText("1");
    await expect(questionIn(o).getByTestId("roadshow-upvote")).toBeDisabled();
    // One vote per person, also after coming back to the room.
    await o.reload();
    await expect(questionIn(o).getByTestId("roadshow-votes")).toHaveText("1");
    await expect(questionIn(o).getByTestId("roadshow-upvote")).toBeDisabled();
    await expect(o.getByTestId("roadshow-live")).toHaveAttribute("data-phase", "connected", { timeout: 30_000 });
    await questionIn(p).getByTestId("roadshow-mark-answered").click();
    for (const page of [p, v, o]) await expect(questionIn(page).getByTestId("roadshow-answered")).toBeVisible();

    // Raise hand → the presenter brings the viewer on stage → the viewer publishes camera, seen by a third context.
    await v.getByTestId("roadshow-hand").click();
    const hand = p.getByTestId("roadshow-hands").locator("li");
    await expect(hand).toHaveCount(1);
    await hand.getByTestId("roadshow-invite").click();
    await expect(v.getByTestId("roadshow-publish-controls")).toBeVisible({ timeout: 20_000 });
    await expect(v.getByTestId("roadshow-leave-stage")).toBeVisible();
    await expectVideoPlaying(o, viewerId);
    await expectVideoPlaying(p, viewerId);
    expect(await localState(v)).toMatchObject({ canPublish: true });

    // Off stage: the permission is taken back, the viewer's track disappears for everyone.
    await p.getByTestId("roadshow-on-stage").getByTestId("roadshow-remove").click();
    await expect(v.getByTestId("roadshow-publish-controls")).toHaveCount(0, { timeout: 20_000 });
    await expect(o.locator(`[data-testid="roadshow-tile"][data-identity="${viewerId}"]`)).toHaveCount(0, {
      timeout: 20_000,
    });
    await expect(p.locator(`[data-testid="roadshow-tile"][data-identity="${viewerId}"]`)).toHaveCount(0);
    await expect.poll(() => localState(v)).toEqual({ canPublish: false, videoTracks: 0 });
    await expect(v.getByTestId("roadshow-hand")).toBeVisible();
    // Once more on stage, and this time the viewer leaves the stage by themselves.
    await v.getByTestId("roadshow-hand").click();
    await p.getByTestId("roadshow-hands").getByTestId("roadshow-invite").click();
    await expectVideoPlaying(o, viewerId);
    await v.getByTestId("roadshow-leave-stage").click();
    await expect(o.locator(`[data-testid="roadshow-tile"][data-identity="${viewerId}"]`)).toHaveCount(0, {
      timeout: 20_000,
    });
    await expect.poll(() => localState(v)).toEqual({ canPublish: false, videoTracks: 0 });
    await expect(p.getByTestId("roadshow-on-stage")).toHaveCount(0);

    // The presenter's picture keeps playing for the others.
    await expectVideoPlaying(o, presenterId);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
});
