// Who sees a booth's team contacts (ADR 021): the booth's team, the fair's bureau staff, and
// investors the exhibitor engaged with (a meeting, or an invitation/counter-proposal it sent).
// Everyone else gets a localized reason and no contact data anywhere in the loader's JSON.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import { CONTACT_VIEWS_PER_HOUR } from "../../app/domain/booths/contacts.server.ts";
import * as boothPage from "../../app/routes/booths.$id.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";

type User = Awaited<ReturnType<typeof makeUser>>;
const EMAIL = "zhang@booth.example.cn";
const PHONE = "+86 512 66668888";

describe("booth team contacts", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let booth: { id: string; organizationId: string };
  let exhibitor: User;

  const open = async (user?: User) => {
    const res = await call(boothPage.loader, req(`/booths/${booth.id}`, { cookie: user?.cookie }), { id: booth.id });
    expect(res.status).toBe(200);
    const text = await res.text();
    return { text, booth: JSON.parse(text).booth as { contacts: unknown[] | null; contactsHidden: string | null } };
  };
  /** Hidden: no contact list, a reason, and neither the email nor the phone anywhere in the page data. */
  const expectHidden = async (user: User | undefined, reason: string) => {
    const page = await open(user);
    expect(page.booth.contacts).toBeNull();
    expect(page.booth.contactsHidden).toBe(reason);
    expect(page.text).not.toContain(EMAIL);
    expect(page.text).not.toContain(PHONE);
    expect(page.text).not.toContain("张经理");
  };
  const expectShown = async (user: User) => {
    const page = await open(user);
    expect(page.booth.contacts).toEqual([
      { id: expect.any(String), name: "张经理", title: "IR", email: EMAIL, phone: PHONE },
    ]);
    expect(page.booth.contactsHidden).toBeNull();
  };
  const meeting = (investor: User, status: "SCHEDULED" | "COMPLETED" | "CANCELLED" = "SCHEDULED") =>
    db().meeting.create({
      data: {
        fairId: fair.id,
        investorOrgId: investor.organizationId!,
        exhibitorOrgId: booth.organizationId,
        startsAt: new Date("2026-12-08T02:00:00Z"),
        endsAt: new Date("2026-12-08T02:20:00Z"),
        status,
      },
    });
  const request = (from: { userId: string; orgId: string }, toOrgId: string, status = "PENDING") =>
    db().meetingRequest.create({
      data: { fairId: fair.id, fromUserId: from.userId, fromOrgId: from.orgId, toOrgId, status: status as never },
    });

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    exhibitor = await makeUser("EXHIBITOR");
    booth = await makeBooth(fair, exhibitor.organizationId!, "APPROVED");
  });

  it("hides them from anonymous users, visitors, other exhibitors and a new investor account", async () => {
    await expectHidden(undefined, "sign-in");
    await expectHidden(await makeUser("VISITOR"), "sign-in");
    await expectHidden(await makeUser("EXHIBITOR"), "sign-in");
    await expectHidden(await makeUser("INVESTOR"), "meeting");
  });

  it("shows them to the booth's own team and the fair's bureau staff, not to another bureau's staff", async () => {
    await expectShown(await makeUser("EXHIBITOR", exhibitor.organizationId!));
    await expectShown(await makeUser("STAFF", fair.organizerId));
    await expectShown(await makeUser("ADMIN"));
    await expectHidden(await makeUser("STAFF"), "sign-in");
  });

  it("shows them to an investor only once the exhibitor engages: asking alone is not enough", async () => {
    const investor = await makeUser("INVESTOR");
    const colleague = await makeUser("INVESTOR", investor.organizationId!);
    const mine = { userId: investor.user.id, orgId: investor.organizationId! };
    // The investor's own request, pending or declined, unlocks nothing.
    const asked = await request(mine, booth.organizationId);
    await expectHidden(investor, "meeting");
    await db().meetingRequest.update({ where: { id: asked.id }, data: { status: "DECLINED" } });
    await expectHidden(investor, "meeting");
    // The exhibitor accepts: a meeting between the organizations. The investor's colleagues see them too.
    const m = await meeting(investor);
    await expectShown(investor);
    await expectShown(colleague);
    // Cancelled: hidden again.
    await db().meeting.update({ where: { id: m.id }, data: { status: "CANCELLED" } });
    await expectHidden(investor, "meeting");
    // A held meeting counts, whatever fair it was at.
    await meeting(investor, "COMPLETED");
    await expectShown(investor);
  });

  it("shows them to an investor the exhibitor invited, unless the invitation was withdrawn", async () => {
    const investor = await makeUser("INVESTOR");
    const invitation = await request(
      { userId: exhibitor.user.id, orgId: exhibitor.organizationId! },
      investor.organizationId!,
    );
    await expectShown(investor);
    await db().meetingRequest.update({ where: { id: invitation.id }, data: { status: "CANCELLED" } });
    await expectHidden(investor, "meeting");
  });

  it(`limits even an allowed investor to ${CONTACT_VIEWS_PER_HOUR} contact views an hour`, async () => {
    expect(CONTACT_VIEWS_PER_HOUR).toBe(60);
    const investor = await makeUser("INVESTOR");
    await meeting(investor, "COMPLETED");
    for (let i = 0; i < 60; i++) expect((await open(investor)).booth.contacts, `view ${i + 1}`).not.toBeNull();
    await expectHidden(investor, "rate-limited");
    // The booth's own team is never limited.
    const team = await makeUser("EXHIBITOR", exhibitor.organizationId!);
    for (let i = 0; i < 65; i++) expect((await open(team)).booth.contacts).not.toBeNull();
  });
});
