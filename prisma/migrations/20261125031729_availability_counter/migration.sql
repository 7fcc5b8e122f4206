-- AlterEnum
ALTER TYPE "RequestStatus" ADD VALUE 'COUNTERED';

-- AlterTable
ALTER TABLE "MeetingRequest" ADD COLUMN     "counterOfId" TEXT;

-- CreateTable
CREATE TABLE "Availability" (
    "userId" TEXT NOT NULL,
    "fairId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Availability_pkey" PRIMARY KEY ("userId","fairId","startsAt")
);

-- CreateIndex
CREATE INDEX "Availability_fairId_idx" ON "Availability"("fairId");

