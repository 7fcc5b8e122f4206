-- CreateEnum
CREATE TYPE "BureauLevel" AS ENUM ('PROVINCE', 'CITY', 'DISTRICT');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Role" ADD VALUE 'BUREAU_ADMIN';
ALTER TYPE "Role" ADD VALUE 'VIEWER';

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "level" "BureauLevel",
ADD COLUMN     "parentId" TEXT,
ADD COLUMN     "slug" TEXT;

-- AlterTable
ALTER TABLE "Fair" ADD COLUMN     "sharedWithParents" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "FairCoOrganizer" (
    "fairId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FairCoOrganizer_pkey" PRIMARY KEY ("fairId","organizationId")
);

-- CreateIndex
CREATE INDEX "FairCoOrganizer_organizationId_idx" ON "FairCoOrganizer"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_slug_key" ON "Organization"("slug");

-- CreateIndex
CREATE INDEX "Organization_parentId_idx" ON "Organization"("parentId");

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairCoOrganizer" ADD CONSTRAINT "FairCoOrganizer_fairId_fkey" FOREIGN KEY ("fairId") REFERENCES "Fair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairCoOrganizer" ADD CONSTRAINT "FairCoOrganizer_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

