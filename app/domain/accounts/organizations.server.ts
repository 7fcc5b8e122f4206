// An exhibitor's organization profile: bilingual name, logo, sector, region, website, contacts.
import { z } from "zod";
import { optionalChoice, optionalEmail, optionalPhone, text } from "~/lib/form-fields";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { enqueueOrganization } from "~/search/outbox.server";
import { audit } from "~/domain/audit/audit.server";
import { REGION_CODES, SECTOR_CODES } from "~/domain/fairs/codes";
import { forgetPublicMedia } from "~/domain/booths/media.server";
import { storeUpload } from "~/domain/booths/uploads.server";

export const orgProfileSchema = z.object({
  nameZh: text(120).min(1, "error.required"),
  nameEn: text(160).min(1, "error.required"),
  descriptionZh: text(4000).default(""),
  descriptionEn: text(6000).default(""),
  sector: optionalChoice(SECTOR_CODES),
  region: optionalChoice(REGION_CODES),
  website: z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .url("booth.error.url")
        .max(300)
        .refine((u) => /^https?:\/\//.test(u), "booth.error.url"),
    ])
    .default(""),
  contactName: text(80).default(""),
  contactEmail: optionalEmail,
  contactPhone: optionalPhone,
});

function myOrgId(user: SessionUser): string {
  const m = user.memberships.find((x) => x.role === "EXHIBITOR");
  if (!m) throw new DomainError("errorPage.403.title", 403);
  return m.organizationId;
}

export async function getMyOrganization(user: SessionUser) {
  const org = await db().organization.findUniqueOrThrow({ where: { id: myOrgId(user) } });
  return {
    id: org.id,
    logoKey: org.logoKey,
    form: {
      nameZh: org.nameZh,
      nameEn: org.nameEn,
      descriptionZh: org.descriptionZh,
      descriptionEn: org.descriptionEn,
      sector: org.sector ?? "",
      region: org.region ?? "",
      website: org.website ?? "",
      contactName: org.contactName ?? "",
      contactEmail: org.contactEmail ?? "",
      contactPhone: org.contactPhone ?? "",
    },
  };
}

export async function updateMyOrganization(
  user: SessionUser,
  input: z.infer<typeof orgProfileSchema>,
  logo: File | null,
) {
  const id = myOrgId(user);
  const before = await db().organization.findUniqueOrThrow({ where: { id } });
  const logoKey = logo
    ? (await storeUpload(logo, { expect: "image", keyPrefix: `orgs/${id}`, variant: "logo", field: "logo" })).key
    : before.logoKey;
  const data = {
    ...input,
    sector: input.sector || null,
    region: input.region || null,
    website: input.website || null,
    contactName: input.contactName || null,
    contactEmail: input.contactEmail || null,
    contactPhone: input.contactPhone || null,
    logoKey,
  };
  await db().$transaction(async (tx) => {
    await tx.organization.update({ where: { id }, data });
    // Booths still using the old organization logo follow the new one.
    if (logo)
      await tx.booth.updateMany({
        where: { organizationId: id, OR: [{ logoKey: before.logoKey }, { logoKey: null }] },
        data: { logoKey },
      });
    await enqueueOrganization(tx, id);
    await audit(
      {
        actorId: user.id,
        action: "organization.update",
        entityType: "Organization",
        entityId: id,
        before,
        after: data,
      },
      tx,
    );
  });
  if (logo) forgetPublicMedia(before.logoKey);
}
