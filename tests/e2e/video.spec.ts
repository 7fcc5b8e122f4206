import { expect, test } from "@playwright/test";
import { createMeetingNow, expectRemoteVideoPlaying, loginOk, queryOne } from "./helpers";

// Two Chromium contexts with fake camera/microphone meet in a real LiveKit room through the app;
// attendance arrives by LiveKit's webhooks; after the slot both record outcomes; staff see them.
test("investor and exhibitor see each other's video; an outsider is refused; outcomes reach staff", async ({
  browser,
}) => {
  test.setTimeout(300_000); // about 2 min alone; four contexts with live video beside another worker take longer
  const meeting = await createMeetingNow(
    "investor20@demo.cloudfair.cn",
    "exhibitor30@demo.cloudfair.cn",
    -5 * 60_000,
    20 * 60_000, // long enough for a slow machine; the slot is ended below once both have left
  );
  const investor = await browser.newContext();
  const exhibitor = await browser.newContext();
  const outsider = await browser.newContext();
  const staff = await browser.newContext();
  try {
    const a = await investor.newPage();
    const b = await exhibitor.newPage();
    await loginOk(a, "investor20@demo.cloudfair.cn");
    await loginOk(b, "exhibitor30@demo.cloudfair.cn");
    for (const p of [a, b]) {
      await p.goto(`/meetings/${meeting.id}/room`);
      await expect(p.getByTestId("prejoin")).toBeVisible();
      await p.getByTestId("join-button").click();
    }
    await expectRemoteVideoPlaying(a);
    await expectRemoteVideoPlaying(b);
    // Names and organizations on the tiles; a countdown to the end of the slot.
    const ex = (await queryOne<{ name: string; org: string }>(
      `SELECT u.name, o."nameZh" AS org FROM "User" u JOIN "Membership" m ON m."userId" = u.id JOIN "Organization" o ON o.id = m."organizationId" WHERE u.email = 'exhibitor30@demo.cloudfair.cn'`,
      [],
    ))!;
    await expect(a.getByTestId("remote-tile")).toContainText(ex.name);
    await expect(a.getByTestId("remote-tile")).toContainText(ex.org);
    await expect(a.getByTestId("countdown")).toContainText("剩余");
    // Switching the camera in the room (Chromium's fake device) keeps the other side's picture going.
    await a.getByText("设备", { exact: true }).click();
    const camera = a.getByRole("toolbar").getByLabel("摄像头");
    await expect.poll(() => camera.locator("option").count()).toBeGreaterThan(1);
    await camera.selectOption({ index: 1 });
    await expectRemoteVideoPlaying(b);

    // In-room chat reaches the other side.
    await a.getByLabel("输入消息（最多 1000 字）").fill("您好，我们对贵司项目很感兴趣。");
    await a.getByRole("button", { name: "发送" }).click();
    await expect(b.getByTestId("room-chat")).toContainText("您好，我们对贵司项目很感兴趣。");

    // Staff of the organizing bureau observe hidden: they see both parties, the parties still see one tile.
    const s = await staff.newPage();
    await loginOk(s, "staff@demo.cloudfair.cn");
    await s.goto(`/meetings/${meeting.id}/room`);
    await s.getByRole("button", { name: "以观察员身份进入" }).click();
    await expect(s.getByTestId("remote-video")).toHaveCount(2, { timeout: 20_000 });
    await expectRemoteVideoPlaying(s);
    await expect(s.getByTestId("local-tile")).toHaveCount(0);
    await expect(a.getByTestId("remote-tile")).toHaveCount(1);

    // A dropped connection (LiveKit's own simulation of a signal loss, then a full reconnect):
    // the room reconnects by itself and the video plays again.
    for (const scenario of ["signal-reconnect", "full-reconnect"]) {
      const before = Number(await a.getByTestId("video-room").getAttribute("data-reconnects"));
      await a.evaluate(
        (sc) =>
          (
            window as unknown as { __cloudfairRoom: { simulateScenario(s: string): Promise<void> } }
          ).__cloudfairRoom.simulateScenario(sc),
        scenario,
      );
      await expect
        .poll(async () => Number(await a.getByTestId("video-room").getAttribute("data-reconnects")), {
          timeout: 30_000,
        })
        .toBeGreaterThan(before);
      await expect(a.getByTestId("reconnecting")).toBeHidden();
      await expectRemoteVideoPlaying(a);
    }

    // LiveKit's webhooks moved the meeting to in progress and recorded both parties.
    await expect
      .poll(
        async () =>
          (await queryOne<{ status: string }>(`SELECT status FROM "Meeting" WHERE id = $1`, [meeting.id]))?.status,
      )
      .toBe("IN_PROGRESS");
    await expect
      .poll(async () =>
        Number(
          (
            await queryOne<{ n: string }>(
              `SELECT count(DISTINCT "userId") AS n FROM "MeetingAttendance" WHERE "meetingId" = $1 AND NOT observer`,
              [meeting.id],
            )
          )?.n,
        ),
      )
      .toBe(2);

    // Someone who is not a participant gets the 403 page, and no token.
    const o = await outsider.newPage();
    await loginOk(o, "investor21@demo.cloudfair.cn");
    const res = await o.goto(`/meetings/${meeting.id}/room`);
    expect(res?.status()).toBe(403);
    const token = await o.evaluate(async (id) => {
      const body = new FormData();
      body.set("intent", "token");
      const r = await fetch(`/meetings/${id}/video`, { method: "POST", body });
      return { status: r.status, body: await r.json() };
    }, meeting.id);
    expect(token.status).toBe(403);
    expect(token.body.token).toBeUndefined();

    // Both leave; once the slot is over the job completes the meeting (the clock is moved on by
    // ending the slot now, rather than by a short slot that a loaded machine outruns).
    await a.getByTestId("leave-button").click();
    await b.getByTestId("leave-button").click();
    await queryOne(`UPDATE "Meeting" SET "endsAt" = now() - interval '1 second' WHERE id = $1`, [meeting.id]);
    await expect
      .poll(
        async () =>
          (await queryOne<{ status: string }>(`SELECT status FROM "Meeting" WHERE id = $1`, [meeting.id]))?.status,
        { timeout: 90_000, intervals: [1000] },
      )
      .toBe("COMPLETED");

    // Each side records its outcome.
    await a.goto(`/meetings/${meeting.id}/outcome`);
    await a.getByLabel("洽谈结果").selectOption("INTENT_TO_INVEST");
    await a.getByLabel("意向金额").fill("2000000");
    await a.getByLabel("下一步", { exact: true }).fill("安排尽职调查");
    await a.getByLabel("4", { exact: true }).check();
    await a.getByRole("button", { name: "保存" }).click();
    await expect(a.getByText("洽谈成果已保存。")).toBeVisible();
    await b.goto(`/meetings/${meeting.id}/outcome`);
    await b.getByLabel("洽谈结果").selectOption("FOLLOW_UP");
    await b.getByRole("button", { name: "保存" }).click();
    await expect(b.getByText("请选择 1 到 5 分。")).toBeVisible(); // rating forgotten: told, nothing lost
    await expect(b.getByLabel("洽谈结果")).toHaveValue("FOLLOW_UP");
    await b.getByLabel("5", { exact: true }).check();
    await b.getByRole("button", { name: "保存" }).click();
    await expect(b.getByText("洽谈成果已保存。")).toBeVisible();

    // Staff of the bureau see both sides' outcomes for the meeting.
    await s.goto(`/staff/fairs/${meeting.fairId}/negotiations?meeting=${meeting.id}`);
    const row = s.locator(`tr[data-meeting-id="${meeting.id}"]`);
    await expect(row).toContainText("有投资意向");
    await expect(row).toContainText("安排尽职调查");
    await expect(row).toContainText("约定再次洽谈");
    await expect(row).toContainText("已结束");
  } finally {
    await Promise.all([investor, exhibitor, outsider, staff].map((c) => c.close()));
  }
});
