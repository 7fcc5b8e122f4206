-- CreateEnum
CREATE TYPE "MatchDirection" AS ENUM ('FOR_INVESTOR', 'FOR_PROJECT');

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" TEXT NOT NULL,
    "direction" "MatchDirection" NOT NULL,
    "investorOrgId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" JSONB NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchFeedback" (
    "id" TEXT NOT NULL,
    "investorOrgId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MatchingState" (
    "id" INTEGER NOT NULL,
    "dirtySince" TIMESTAMPTZ(3),
    "computedAt" TIMESTAMPTZ(3),
    "tookMs" INTEGER,
    "pairs" INTEGER,

    CONSTRAINT "MatchingState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Recommendation_direction_investorOrgId_rank_idx" ON "Recommendation"("direction", "investorOrgId", "rank");

-- CreateIndex
CREATE INDEX "Recommendation_direction_projectId_rank_idx" ON "Recommendation"("direction", "projectId", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "Recommendation_direction_investorOrgId_projectId_key" ON "Recommendation"("direction", "investorOrgId", "projectId");

-- CreateIndex
CREATE INDEX "MatchFeedback_projectId_idx" ON "MatchFeedback"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "MatchFeedback_investorOrgId_projectId_by_key" ON "MatchFeedback"("investorOrgId", "projectId", "by");

