-- AlterTable
ALTER TABLE "BoothVisit" ADD COLUMN     "day" DATE,
ADD COLUMN     "ipKey" TEXT;

-- CreateTable
CREATE TABLE "VisitSalt" (
    "day" DATE NOT NULL,
    "salt" TEXT NOT NULL,

    CONSTRAINT "VisitSalt_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE UNIQUE INDEX "BoothVisit_boothId_day_visitorId_key" ON "BoothVisit"("boothId", "day", "visitorId");

-- CreateIndex
CREATE UNIQUE INDEX "BoothVisit_boothId_day_ipKey_key" ON "BoothVisit"("boothId", "day", "ipKey");

