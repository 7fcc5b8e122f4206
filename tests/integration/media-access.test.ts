// /media serves a file only while someone may see it: public booths' files to everyone (short
// public cache), drafts' files to their team and the fair's bureau, removed files to nobody.
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { config, configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { mediaStorage } from "../../app/domain/booths/media.server.ts";
import * as builder from "../../app/routes/booths.$id_.edit.tsx";
import { createApp } from "../../server/app.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";
import { startS3 } from "../harness/s3.ts";

type User = Awaited<ReturnType<typeof makeUser>>;

function upload(boothId: string, cookie: string, intent: string, field: string, name: string, bytes: Buffer, id = "") {
  const form = new FormData();
  form.set("intent", intent);
  if (id) form.set("id", id);
  form.set(field, new File([new Uint8Array(bytes)], name));
  return call(
    builder.action,
    new Request(`http://localhost/booths/${boothId}/edit`, { method: "POST", headers: { Cookie: cookie }, body: form }),
    { id: boothId },
  );
}

// Through the real Express app (server/app.ts); only /media is asked, so Remix is never reached.
let server: Server;
let base = "";
const get = (key: string, opts: { cookie?: string; headers?: Record<string, string>; method?: string } = {}) =>
  fetch(`${base}/media/${key.split("/").map(encodeURIComponent).join("/")}`, {
    method: opts.method ?? "GET",
    headers: { ...(opts.cookie ? { Cookie: opts.cookie } : {}), ...opts.headers },
  });
const status = async (key: string, user?: User) => (await get(key, { cookie: user?.cookie })).status;

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

// The same rules over both storage implementations: local disk and a real S3 server (ADR 029).
beforeAll(async () => {
  await useTestDatabase();
});

describe.each(["local disk", "S3"] as const)("media visibility (%s)", (backend) => {
  let s3: Awaited<ReturnType<typeof startS3>> | undefined;
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let owner: User, other: User, investor: User, staff: User, foreignStaff: User, admin: User, visitor: User;
  let pub: { id: string };
  let draft: { id: string };
  let draftOwner: User;
  let png: Buffer;

  beforeAll(async () => {
    if (backend === "S3") {
      s3 = await startS3();
      s3.useForApp();
    } else configure({ S3_BUCKET: undefined, MEDIA_DIR: mkdtempSync(path.join(tmpdir(), "cf-media-access-")) });
    fair = await makeFair();
    [owner, other, investor, foreignStaff, admin, visitor, draftOwner] = await Promise.all([
      makeUser("EXHIBITOR"),
      makeUser("EXHIBITOR"),
      makeUser("INVESTOR"),
      makeUser("STAFF"),
      makeUser("ADMIN"),
      makeUser("VISITOR"),
      makeUser("EXHIBITOR"),
    ]);
    staff = await makeUser("STAFF", fair.organizerId);
    pub = await makeBooth(fair, owner.organizationId!, "APPROVED");
    draft = await makeBooth(fair, draftOwner.organizationId!, "DRAFT");
    const app = createApp({
      build: {} as ServerBuild,
      config: () => ({ ...config(), embeddedDb: false }),
      searchProbe: async () => ({ engine: "none", healthy: true, pending: 0 }),
    });
    server = createServer(app).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    png = await sharp({ create: { width: 640, height: 320, channels: 3, background: "#2a7" } })
      .png()
      .toBuffer();
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await s3?.stop();
    configure({
      S3_ENDPOINT: undefined,
      S3_BUCKET: undefined,
      S3_ACCESS_KEY_ID: undefined,
      S3_SECRET_ACCESS_KEY: undefined,
    });
  });

  it("serves a public booth's logo, gallery and attachment to anyone, cacheable briefly with an ETag", async () => {
    expect((await upload(pub.id, owner.cookie, "logo", "logo", "logo.png", png)).status).toBe(302);
    expect((await upload(pub.id, owner.cookie, "gallery-add", "image", "g.png", png)).status).toBe(302);
    const project = await db().project.findFirstOrThrow({ where: { boothId: pub.id } });
    expect((await upload(pub.id, owner.cookie, "attachment-add", "file", "deck.pdf", PDF, project.id)).status).toBe(
      302,
    );
    const booth = await db().booth.findUniqueOrThrow({
      where: { id: pub.id },
      include: { media: true, projects: { include: { attachments: true } } },
    });
    const keys = [booth.logoKey!, booth.media[0].key, booth.media[0].thumbKey!, booth.projects[0].attachments[0].key];
    for (const key of keys) {
      const res = await get(key);
      expect(res.status, key).toBe(200);
      expect(res.headers.get("Cache-Control"), key).toBe("public, max-age=600");
      expect(res.headers.get("Cache-Control")).not.toMatch(/immutable/);
      expect(res.headers.get("Content-Security-Policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    }
    const head = await get(booth.logoKey!, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const logo = await get(booth.logoKey!);
    expect(logo.headers.get("Content-Type")).toBe("image/webp");
    expect(Buffer.from(await logo.arrayBuffer()).equals((await mediaStorage().get(booth.logoKey!))!)).toBe(true);
    const pdf = await get(booth.projects[0].attachments[0].key);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).equals(PDF)).toBe(true);
    // Revalidation: the same ETag answers 304 without a body.
    const etag = logo.headers.get("ETag")!;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await get(booth.logoKey!, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("stops serving a removed gallery image and attachment at once, to everyone including the owner", async () => {
    const booth = await db().booth.findUniqueOrThrow({
      where: { id: pub.id },
      include: { media: true, projects: { include: { attachments: true } } },
    });
    const image = booth.media[0];
    const attachment = booth.projects[0].attachments[0];
    expect(await status(image.key)).toBe(200);
    const removeImage = await call(
      builder.action,
      req(`/booths/${pub.id}/edit`, { cookie: owner.cookie, form: { intent: "gallery-remove", id: image.id } }),
      { id: pub.id },
    );
    expect(removeImage.status).toBe(302);
    const removeAttachment = await call(
      builder.action,
      req(`/booths/${pub.id}/edit`, {
        cookie: owner.cookie,
        form: { intent: "attachment-remove", id: attachment.id },
      }),
      { id: pub.id },
    );
    expect(removeAttachment.status).toBe(302);
    for (const key of [image.key, image.thumbKey!, attachment.key]) {
      expect(await mediaStorage().exists(key)).toBe(true); // still stored …
      const res = await get(key);
      expect(res.status, key).toBe(404); // … but served to nobody
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(await status(key, owner)).toBe(404);
      expect(await status(key, admin)).toBe(404);
    }
    // The logo is still referenced and still public.
    expect(await status(booth.logoKey!)).toBe(200);
  });

  it("shows a draft booth's files only to its team, the fair's bureau staff and admins (private, no-store)", async () => {
    expect((await upload(draft.id, draftOwner.cookie, "banner", "banner", "b.png", png)).status).toBe(302);
    const key = (await db().booth.findUniqueOrThrow({ where: { id: draft.id } })).bannerKey!;
    expect(await status(key)).toBe(404);
    for (const u of [investor, visitor, other, foreignStaff]) expect(await status(key, u), u.email).toBe(404);
    for (const u of [draftOwner, staff, admin]) {
      const res = await get(key, { cookie: u.cookie });
      expect(res.status, u.email).toBe(200);
      expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    }
    // Approved: public. The fair closed: back to private.
    await db().booth.update({ where: { id: draft.id }, data: { status: "APPROVED", isPublic: true } });
    expect(await status(key)).toBe(200);
    await db().fair.update({ where: { id: fair.id }, data: { status: "CLOSED" } });
    // "Public" is remembered for at most 10 s (a removal in the builder is forgotten at once).
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 10_001);
      expect(await status(key)).toBe(404);
      expect(await status(key, draftOwner)).toBe(200);
    } finally {
      vi.useRealTimers();
      await db().fair.update({ where: { id: fair.id }, data: { status: "PUBLISHED" } });
    }
  });

  it("shows an organization's own logo to its members only until a public booth uses it", async () => {
    const key = `orgs/${other.organizationId}/0123456789abcdef.webp`;
    await mediaStorage().put(key, png);
    await db().organization.update({ where: { id: other.organizationId! }, data: { logoKey: key } });
    expect(await status(key)).toBe(404);
    expect(await status(key, investor)).toBe(404);
    expect(await status(key, other)).toBe(200);
    const booth = await makeBooth(fair, other.organizationId!, "APPROVED");
    await db().booth.update({ where: { id: booth.id }, data: { logoKey: key } });
    expect(await status(key)).toBe(200);
  });

  it("answers 404, never 500, for unreferenced, missing and hostile keys", async () => {
    const stray = `booths/${pub.id}/ffffffffffffffff.webp`;
    await mediaStorage().put(stray, png); // on disk but referenced by nothing
    const referencedButMissing = `booths/${pub.id}/eeeeeeeeeeeeeeee.webp`;
    await db().boothMedia.create({ data: { boothId: pub.id, key: referencedButMissing, contentType: "image/webp" } });
    for (const key of [stray, referencedButMissing, "booths/ü.webp", "x".repeat(5000)])
      expect(await status(key, admin), key.slice(0, 40)).toBe(404);
    // Raw paths, as a client may send them (the URL parser would resolve a literal "..").
    for (const raw of [
      "",
      "..%2f..%2fetc%2fpasswd",
      "booths%2F..%2F..%2Fpackage.json",
      "%E0%A4%A",
      `booths/${pub.id}/%00.webp`,
    ]) {
      const res = await fetch(`${base}/media/${raw}`, { headers: { Cookie: admin.cookie } });
      expect([400, 404], raw).toContain(res.status); // 400 if the edge refuses NUL first
      expect(res.headers.get("Content-Security-Policy")).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    }
    expect((await get(stray, { method: "POST" })).status).toBe(405);
  });
});
