-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('NOT_REQUIRED', 'UNPAID', 'PENDING', 'PAID', 'WAIVED', 'REFUNDED');

-- CreateEnum
CREATE TYPE "CheckoutStatus" AS ENUM ('OPEN', 'PAID', 'EXPIRED', 'REFUNDED');

-- DropIndex
DROP INDEX "Booth_hallId_status_featured_position_idx";

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "contactEmail" TEXT,
ADD COLUMN     "contactName" TEXT,
ADD COLUMN     "contactPhone" TEXT;

-- AlterTable
ALTER TABLE "Fair" ADD COLUMN     "applicationDeadline" TIMESTAMPTZ(3);

-- AlterTable (tier column becomes a relation; see the data step after BoothTier is created)
ALTER TABLE "Booth" ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'CNY',
ADD COLUMN     "feeAmount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "isPublic" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "paymentStatus" "PaymentStatus" NOT NULL DEFAULT 'NOT_REQUIRED',
ADD COLUMN     "reviewNote" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMPTZ(3),
ADD COLUMN     "submittedAt" TIMESTAMPTZ(3),
ADD COLUMN     "tierId" TEXT,
ADD COLUMN     "videoUrl" TEXT;

-- CreateTable
CREATE TABLE "BoothTier" (
    "id" TEXT NOT NULL,
    "fairId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "feeAmount" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BoothTier_pkey" PRIMARY KEY ("id")
);

-- Data (hand-written): every existing fair gets free standard/premium tiers, existing booths
-- point at the tier they named, approved booths stay public.
INSERT INTO "BoothTier" ("id", "fairId", "code", "nameZh", "nameEn", "feeAmount", "currency", "position")
SELECT 'tier_' || md5("Fair"."id" || t.code), "Fair"."id", t.code, t.zh, t.en, 0, 'CNY', t.pos
FROM "Fair" CROSS JOIN (VALUES ('standard', '标准展位', 'Standard booth', 0), ('premium', '特装展位', 'Premium booth', 1)) AS t(code, zh, en, pos);
INSERT INTO "BoothTier" ("id", "fairId", "code", "nameZh", "nameEn", "feeAmount", "currency", "position")
SELECT DISTINCT 'tier_' || md5(b."fairId" || b."tier"), b."fairId", b."tier", b."tier", b."tier", 0, 'CNY', 2
FROM "Booth" b WHERE b."tier" NOT IN ('standard', 'premium');
UPDATE "Booth" SET "tierId" = 'tier_' || md5("fairId" || "tier"), "isPublic" = ("status" = 'APPROVED');
ALTER TABLE "Booth" ALTER COLUMN "tierId" SET NOT NULL;
ALTER TABLE "Booth" DROP COLUMN "tier";

-- CreateTable
CREATE TABLE "BoothMedia" (
    "id" TEXT NOT NULL,
    "boothId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "thumbKey" TEXT,
    "contentType" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoothMedia_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "boothId" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "descriptionZh" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamContact" (
    "id" TEXT NOT NULL,
    "boothId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "email" TEXT,
    "phone" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TeamContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoothPayment" (
    "id" TEXT NOT NULL,
    "boothId" TEXT NOT NULL,
    "stripeSessionId" TEXT NOT NULL,
    "stripePaymentIntentId" TEXT,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "CheckoutStatus" NOT NULL DEFAULT 'OPEN',
    "refundId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BoothPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoothVisit" (
    "id" TEXT NOT NULL,
    "boothId" TEXT NOT NULL,
    "userId" TEXT,
    "visitorId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoothVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bookmark" (
    "userId" TEXT NOT NULL,
    "boothId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Bookmark_pkey" PRIMARY KEY ("userId","boothId")
);

-- CreateTable
CREATE TABLE "ProjectAttachment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BoothTier_fairId_code_key" ON "BoothTier"("fairId", "code");

-- CreateIndex
CREATE INDEX "BoothMedia_boothId_position_idx" ON "BoothMedia"("boothId", "position");

-- CreateIndex
CREATE INDEX "Product_boothId_idx" ON "Product"("boothId");

-- CreateIndex
CREATE INDEX "TeamContact_boothId_idx" ON "TeamContact"("boothId");

-- CreateIndex
CREATE UNIQUE INDEX "BoothPayment_stripeSessionId_key" ON "BoothPayment"("stripeSessionId");

-- CreateIndex
CREATE UNIQUE INDEX "BoothPayment_stripePaymentIntentId_key" ON "BoothPayment"("stripePaymentIntentId");

-- CreateIndex
CREATE INDEX "BoothPayment_boothId_idx" ON "BoothPayment"("boothId");

-- CreateIndex
CREATE INDEX "BoothVisit_boothId_createdAt_idx" ON "BoothVisit"("boothId", "createdAt");

-- CreateIndex
CREATE INDEX "BoothVisit_visitorId_boothId_createdAt_idx" ON "BoothVisit"("visitorId", "boothId", "createdAt");

-- CreateIndex
CREATE INDEX "Bookmark_boothId_idx" ON "Bookmark"("boothId");

-- CreateIndex
CREATE INDEX "ProjectAttachment_projectId_idx" ON "ProjectAttachment"("projectId");

-- CreateIndex
CREATE INDEX "Booth_hallId_isPublic_featured_position_idx" ON "Booth"("hallId", "isPublic", "featured", "position");

-- CreateIndex
CREATE INDEX "Booth_fairId_status_idx" ON "Booth"("fairId", "status");

-- AddForeignKey
ALTER TABLE "BoothTier" ADD CONSTRAINT "BoothTier_fairId_fkey" FOREIGN KEY ("fairId") REFERENCES "Fair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booth" ADD CONSTRAINT "Booth_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "BoothTier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoothMedia" ADD CONSTRAINT "BoothMedia_boothId_fkey" FOREIGN KEY ("boothId") REFERENCES "Booth"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_boothId_fkey" FOREIGN KEY ("boothId") REFERENCES "Booth"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamContact" ADD CONSTRAINT "TeamContact_boothId_fkey" FOREIGN KEY ("boothId") REFERENCES "Booth"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoothPayment" ADD CONSTRAINT "BoothPayment_boothId_fkey" FOREIGN KEY ("boothId") REFERENCES "Booth"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoothVisit" ADD CONSTRAINT "BoothVisit_boothId_fkey" FOREIGN KEY ("boothId") REFERENCES "Booth"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bookmark" ADD CONSTRAINT "Bookmark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bookmark" ADD CONSTRAINT "Bookmark_boothId_fkey" FOREIGN KEY ("boothId") REFERENCES "Booth"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectAttachment" ADD CONSTRAINT "ProjectAttachment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

