// Exhibitors build their booth: apply (hall + tier), details, images, products, projects with PDF
// attachments, team contacts, submit for review. Only members of the booth's organization with
// the EXHIBITOR role may change it; changes to an approved booth go live and are audit-logged.
import { z } from "zod";
import { choice, money, optionalEmail, optionalPhone, required, text } from "~/lib/form-fields";
import type { SessionUser } from "~/auth/session.server";
import { isMemberOf } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { enqueueBooth } from "~/search/outbox.server";
import { audit } from "~/domain/audit/audit.server";
import { CURRENCIES, REGION_CODES, SECTOR_CODES, STAGE_CODES } from "~/domain/fairs/codes";
import { PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";
import { forgetPublicMedia } from "./media.server";
import { storeUpload } from "./uploads.server";
import { productView, projectView } from "./booth-content";

export const MAX_GALLERY = 12;

export const applySchema = z.object({ hallId: required(64), tierId: required(64) });
export const detailsSchema = z.object({
  descriptionZh: text(4000),
  descriptionEn: text(6000),
  videoUrl: z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .url("booth.error.url")
        .max(500, "error.tooLong")
        .refine((u) => /^https:\/\//.test(u), "booth.error.url"),
    ])
    .default(""),
});
export const productSchema = z.object({
  productId: z.string().default(""),
  nameZh: required(120),
  nameEn: required(160),
  descriptionZh: text(2000).default(""),
  descriptionEn: text(3000).default(""),
});
/** The largest amount a project may seek, in minor units (100,000,000,000.00). */
export const MAX_PROJECT_AMOUNT = 10_000_000_000_000n;
export const projectSchema = z.object({
  projectId: z.string().default(""),
  titleZh: required(120),
  titleEn: required(160),
  descriptionZh: text(4000).default(""),
  descriptionEn: text(6000).default(""),
  sector: choice(SECTOR_CODES),
  stage: choice(STAGE_CODES),
  region: choice(REGION_CODES),
  // Minor units, above 0 and at most 100,000,000,000.00 ("12,000,000.50" and full-width digits are fine).
  amount: money({ max: MAX_PROJECT_AMOUNT, allowZero: false, message: "booth.error.amount" }),
  currency: choice(CURRENCIES).default("CNY"),
});
export const contactSchema = z.object({
  name: required(80),
  title: text(80).default(""),
  email: optionalEmail,
  phone: optionalPhone,
});
export const idSchema = z.object({ id: required(64) });

type Booth = Prisma.BoothGetPayload<object>;

/** The booth if the user may build it; 404 when it does not exist, 403 when it is someone else's. */
async function ownBooth(user: SessionUser, boothId: string): Promise<Booth> {
  const booth = await db().booth.findUnique({ where: { id: boothId } });
  if (!booth) throw new DomainError("errorPage.404.title", 404);
  if (!isMemberOf(user, booth.organizationId, "EXHIBITOR")) throw new DomainError("errorPage.403.title", 403);
  return booth;
}

async function logged(
  user: SessionUser,
  booth: Booth,
  action: string,
  before: unknown,
  after: unknown,
  work: (tx: Prisma.TransactionClient) => Promise<unknown>,
) {
  await db().$transaction(async (tx) => {
    await work(tx);
    await tx.booth.update({ where: { id: booth.id }, data: { updatedAt: new Date() } });
    await enqueueBooth(tx, booth.id);
    await audit({ actorId: user.id, action, entityType: "Booth", entityId: booth.id, before, after }, tx);
  });
}

/** Which fairs this exhibitor may apply to, with halls and tiers. */
export async function getApplicationOptions(user: SessionUser, fairSlug: string) {
  const fair = await db().fair.findUnique({
    where: { slug: fairSlug },
    include: { halls: { orderBy: { position: "asc" } }, tiers: { orderBy: { position: "asc" } } },
  });
  if (!fair || !PUBLIC_FAIR_STATUSES.includes(fair.status)) throw new DomainError("errorPage.404.title", 404);
  const orgIds = user.memberships.filter((m) => m.role === "EXHIBITOR").map((m) => m.organizationId);
  if (orgIds.length === 0) throw new DomainError("errorPage.403.title", 403);
  const existing = await db().booth.findFirst({
    where: { fairId: fair.id, organizationId: { in: orgIds } },
    select: { id: true },
  });
  return {
    fair: {
      id: fair.id,
      slug: fair.slug,
      titleZh: fair.titleZh,
      titleEn: fair.titleEn,
      timeZone: fair.timeZone,
      deadline: fair.applicationDeadline?.toISOString() ?? null,
    },
    open: !fair.applicationDeadline || fair.applicationDeadline > new Date(),
    existingBoothId: existing?.id ?? null,
    halls: fair.halls.map((h) => ({ id: h.id, nameZh: h.nameZh, nameEn: h.nameEn })),
    tiers: fair.tiers.map((t) => ({
      id: t.id,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      feeAmount: t.feeAmount,
      currency: t.currency,
    })),
  };
}

export async function applyForBooth(user: SessionUser, fairSlug: string, input: z.infer<typeof applySchema>) {
  const options = await getApplicationOptions(user, fairSlug);
  if (!options.open) throw new DomainError("apply.error.closed", 409);
  if (options.existingBoothId) throw new DomainError("apply.error.exists", 409);
  const hall = options.halls.find((h) => h.id === input.hallId);
  const tier = options.tiers.find((t) => t.id === input.tierId);
  if (!hall) throw new DomainError("error.invalidChoice", 400, undefined, "hallId");
  if (!tier) throw new DomainError("error.invalidChoice", 400, undefined, "tierId");
  const orgId = user.memberships.find((m) => m.role === "EXHIBITOR")!.organizationId;
  const org = await db().organization.findUniqueOrThrow({ where: { id: orgId } });
  return db().$transaction(async (tx) => {
    const booth = await tx.booth.create({
      data: {
        fairId: options.fair.id,
        hallId: hall.id,
        tierId: tier.id,
        organizationId: orgId,
        status: "DRAFT",
        feeAmount: tier.feeAmount,
        currency: tier.currency,
        paymentStatus: tier.feeAmount > 0 ? "UNPAID" : "NOT_REQUIRED",
        logoKey: org.logoKey,
        position: await tx.booth.count({ where: { hallId: hall.id } }),
      },
    });
    await audit(
      {
        actorId: user.id,
        action: "booth.apply",
        entityType: "Booth",
        entityId: booth.id,
        after: { fair: fairSlug, hallId: hall.id, tierId: tier.id, feeAmount: tier.feeAmount },
      },
      tx,
    );
    return booth;
  });
}

/** Everything the builder shows. */
export async function getWorkspace(user: SessionUser, boothId: string) {
  await ownBooth(user, boothId);
  const b = await db().booth.findUniqueOrThrow({
    where: { id: boothId },
    include: {
      fair: { select: { slug: true, titleZh: true, titleEn: true, status: true } },
      hall: { select: { nameZh: true, nameEn: true } },
      tier: { select: { nameZh: true, nameEn: true } },
      organization: { select: { nameZh: true, nameEn: true } },
      media: { orderBy: { position: "asc" } },
      products: { orderBy: { position: "asc" } },
      contacts: { orderBy: { position: "asc" } },
      projects: { orderBy: { createdAt: "asc" }, include: { attachments: { orderBy: { createdAt: "asc" } } } },
    },
  });
  return {
    id: b.id,
    status: b.status,
    reviewNote: b.reviewNote,
    paymentStatus: b.paymentStatus,
    feeAmount: b.feeAmount,
    currency: b.currency,
    isPublic: b.isPublic,
    descriptionZh: b.descriptionZh,
    descriptionEn: b.descriptionEn,
    videoUrl: b.videoUrl ?? "",
    logoKey: b.logoKey,
    bannerKey: b.bannerKey,
    fair: b.fair,
    hall: b.hall,
    tier: b.tier,
    organization: b.organization,
    gallery: b.media.map((m) => ({ id: m.id, key: m.key, thumbKey: m.thumbKey })),
    products: b.products.map(productView),
    contacts: b.contacts.map((c) => ({ id: c.id, name: c.name, title: c.title, email: c.email, phone: c.phone })),
    projects: b.projects.map(projectView),
  };
}

export async function saveDetails(user: SessionUser, boothId: string, input: z.infer<typeof detailsSchema>) {
  const booth = await ownBooth(user, boothId);
  const after = {
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    videoUrl: input.videoUrl || null,
  };
  await logged(
    user,
    booth,
    "booth.details",
    { descriptionZh: booth.descriptionZh, descriptionEn: booth.descriptionEn, videoUrl: booth.videoUrl },
    after,
    (tx) => tx.booth.update({ where: { id: boothId }, data: after }),
  );
}

export async function setBoothImage(user: SessionUser, boothId: string, which: "logo" | "banner", file: File | null) {
  const booth = await ownBooth(user, boothId);
  const stored = await storeUpload(file, {
    expect: "image",
    keyPrefix: `booths/${boothId}`,
    variant: which,
    field: which,
  });
  const field = which === "logo" ? "logoKey" : "bannerKey";
  await logged(user, booth, `booth.${which}`, { [field]: booth[field] }, { [field]: stored.key }, (tx) =>
    tx.booth.update({ where: { id: boothId }, data: { [field]: stored.key } }),
  );
  forgetPublicMedia(booth[field]);
}

export async function addGalleryImage(user: SessionUser, boothId: string, file: File | null) {
  const booth = await ownBooth(user, boothId);
  if ((await db().boothMedia.count({ where: { boothId } })) >= MAX_GALLERY)
    throw new DomainError("booth.error.galleryFull", 409, { max: MAX_GALLERY }, "image");
  const stored = await storeUpload(file, {
    expect: "image",
    keyPrefix: `booths/${boothId}/gallery`,
    variant: "gallery",
    field: "image",
  });
  await logged(user, booth, "booth.gallery.add", null, { key: stored.key }, async (tx) =>
    tx.boothMedia.create({
      data: {
        boothId,
        key: stored.key,
        thumbKey: stored.thumbKey ?? null,
        contentType: stored.contentType,
        position: await tx.boothMedia.count({ where: { boothId } }),
      },
    }),
  );
}

export async function removeGalleryImage(user: SessionUser, boothId: string, mediaId: string) {
  const booth = await ownBooth(user, boothId);
  const media = await db().boothMedia.findFirst({ where: { id: mediaId, boothId } });
  if (!media) throw new DomainError("errorPage.404.title", 404);
  await logged(user, booth, "booth.gallery.remove", { key: media.key }, null, (tx) =>
    tx.boothMedia.delete({ where: { id: mediaId } }),
  );
  forgetPublicMedia(media.key, media.thumbKey);
}

export async function saveProduct(user: SessionUser, boothId: string, input: z.infer<typeof productSchema>) {
  const booth = await ownBooth(user, boothId);
  const { productId, ...data } = input;
  if (productId) {
    const before = await db().product.findFirst({ where: { id: productId, boothId } });
    if (!before) throw new DomainError("errorPage.404.title", 404);
    await logged(user, booth, "booth.product.update", before, data, (tx) =>
      tx.product.update({ where: { id: productId }, data }),
    );
  } else {
    await logged(user, booth, "booth.product.add", null, data, async (tx) =>
      tx.product.create({ data: { ...data, boothId, position: await tx.product.count({ where: { boothId } }) } }),
    );
  }
}

export async function deleteProduct(user: SessionUser, boothId: string, productId: string) {
  const booth = await ownBooth(user, boothId);
  const before = await db().product.findFirst({ where: { id: productId, boothId } });
  if (!before) throw new DomainError("errorPage.404.title", 404);
  await logged(user, booth, "booth.product.delete", before, null, (tx) =>
    tx.product.delete({ where: { id: productId } }),
  );
}

export async function saveProject(user: SessionUser, boothId: string, input: z.infer<typeof projectSchema>) {
  const booth = await ownBooth(user, boothId);
  const { projectId, amount, ...rest } = input;
  const data = { ...rest, amountSought: amount };
  if (projectId) {
    const before = await db().project.findFirst({ where: { id: projectId, boothId } });
    if (!before) throw new DomainError("errorPage.404.title", 404);
    await logged(user, booth, "booth.project.update", before, data, (tx) =>
      tx.project.update({ where: { id: projectId }, data }),
    );
  } else {
    await logged(user, booth, "booth.project.add", null, data, (tx) =>
      tx.project.create({ data: { ...data, boothId, organizationId: booth.organizationId } }),
    );
  }
}

export async function deleteProject(user: SessionUser, boothId: string, projectId: string) {
  const booth = await ownBooth(user, boothId);
  const before = await db().project.findFirst({ where: { id: projectId, boothId } });
  if (!before) throw new DomainError("errorPage.404.title", 404);
  const attachments = await db().projectAttachment.findMany({ where: { projectId }, select: { key: true } });
  await logged(user, booth, "booth.project.delete", before, null, (tx) =>
    tx.project.delete({ where: { id: projectId } }),
  );
  forgetPublicMedia(...attachments.map((a) => a.key));
}

export async function addAttachment(user: SessionUser, boothId: string, projectId: string, file: File | null) {
  const booth = await ownBooth(user, boothId);
  if (!(await db().project.findFirst({ where: { id: projectId, boothId }, select: { id: true } })))
    throw new DomainError("errorPage.404.title", 404);
  const stored = await storeUpload(file, { expect: "pdf", keyPrefix: `booths/${boothId}/docs`, field: "file" });
  await logged(user, booth, "booth.attachment.add", null, { projectId, key: stored.key }, (tx) =>
    tx.projectAttachment.create({
      data: { projectId, key: stored.key, originalName: stored.originalName, bytes: stored.bytes },
    }),
  );
}

export async function removeAttachment(user: SessionUser, boothId: string, attachmentId: string) {
  const booth = await ownBooth(user, boothId);
  const att = await db().projectAttachment.findFirst({ where: { id: attachmentId, project: { boothId } } });
  if (!att) throw new DomainError("errorPage.404.title", 404);
  await logged(user, booth, "booth.attachment.remove", { key: att.key }, null, (tx) =>
    tx.projectAttachment.delete({ where: { id: attachmentId } }),
  );
  forgetPublicMedia(att.key);
}

export async function addContact(user: SessionUser, boothId: string, input: z.infer<typeof contactSchema>) {
  const booth = await ownBooth(user, boothId);
  const data = { name: input.name, title: input.title, email: input.email || null, phone: input.phone || null };
  await logged(user, booth, "booth.contact.add", null, data, async (tx) =>
    tx.teamContact.create({ data: { ...data, boothId, position: await tx.teamContact.count({ where: { boothId } }) } }),
  );
}

export async function deleteContact(user: SessionUser, boothId: string, contactId: string) {
  const booth = await ownBooth(user, boothId);
  const before = await db().teamContact.findFirst({ where: { id: contactId, boothId } });
  if (!before) throw new DomainError("errorPage.404.title", 404);
  await logged(user, booth, "booth.contact.delete", before, null, (tx) =>
    tx.teamContact.delete({ where: { id: contactId } }),
  );
}

export async function submitForReview(user: SessionUser, boothId: string) {
  const booth = await ownBooth(user, boothId);
  if (booth.status !== "DRAFT" && booth.status !== "CHANGES_REQUESTED")
    throw new DomainError("booth.error.notEditable", 409);
  if (!booth.descriptionZh && !booth.descriptionEn) throw new DomainError("booth.error.incomplete", 400);
  await logged(user, booth, "booth.submit", { status: booth.status }, { status: "SUBMITTED" }, (tx) =>
    tx.booth.update({ where: { id: boothId }, data: { status: "SUBMITTED", submittedAt: new Date() } }),
  );
}
