-- CreateEnum
CREATE TYPE "RoadshowStatus" AS ENUM ('PROPOSED', 'SCHEDULED', 'LIVE', 'PAUSED', 'ENDED', 'REJECTED');

-- CreateTable
CREATE TABLE "Roadshow" (
    "id" TEXT NOT NULL,
    "fairId" TEXT NOT NULL,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "descriptionZh" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT NOT NULL DEFAULT '',
    "agendaZh" TEXT NOT NULL DEFAULT '',
    "agendaEn" TEXT NOT NULL DEFAULT '',
    "speakers" JSONB NOT NULL DEFAULT '[]',
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 200,
    "boothId" TEXT,
    "projectIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "RoadshowStatus" NOT NULL DEFAULT 'SCHEDULED',
    "proposedById" TEXT,
    "reviewNote" TEXT,
    "presenterIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "stageUserIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "raisedHandIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "spotlight" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Roadshow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoadshowRegistration" (
    "id" TEXT NOT NULL,
    "roadshowId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "shareContact" BOOLEAN NOT NULL DEFAULT false,
    "remindedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoadshowRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoadshowQuestion" (
    "id" TEXT NOT NULL,
    "roadshowId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "votes" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoadshowQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoadshowVote" (
    "questionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "RoadshowVote_pkey" PRIMARY KEY ("questionId","userId")
);

-- CreateTable
CREATE TABLE "RoadshowAttendance" (
    "id" TEXT NOT NULL,
    "roadshowId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "participantSid" TEXT NOT NULL,
    "joinedAt" TIMESTAMPTZ(3) NOT NULL,
    "leftAt" TIMESTAMPTZ(3),

    CONSTRAINT "RoadshowAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoadshowRecording" (
    "id" TEXT NOT NULL,
    "roadshowId" TEXT NOT NULL,
    "egressId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "filename" TEXT,
    "location" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RoadshowRecording_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Roadshow_fairId_startsAt_idx" ON "Roadshow"("fairId", "startsAt");

-- CreateIndex
CREATE INDEX "Roadshow_status_startsAt_idx" ON "Roadshow"("status", "startsAt");

-- CreateIndex
CREATE INDEX "RoadshowRegistration_userId_idx" ON "RoadshowRegistration"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "RoadshowRegistration_roadshowId_userId_key" ON "RoadshowRegistration"("roadshowId", "userId");

-- CreateIndex
CREATE INDEX "RoadshowQuestion_roadshowId_status_idx" ON "RoadshowQuestion"("roadshowId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RoadshowAttendance_participantSid_key" ON "RoadshowAttendance"("participantSid");

-- CreateIndex
CREATE INDEX "RoadshowAttendance_roadshowId_userId_idx" ON "RoadshowAttendance"("roadshowId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "RoadshowRecording_egressId_key" ON "RoadshowRecording"("egressId");

-- CreateIndex
CREATE INDEX "RoadshowRecording_roadshowId_idx" ON "RoadshowRecording"("roadshowId");

-- AddForeignKey
ALTER TABLE "Roadshow" ADD CONSTRAINT "Roadshow_fairId_fkey" FOREIGN KEY ("fairId") REFERENCES "Fair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Roadshow" ADD CONSTRAINT "Roadshow_boothId_fkey" FOREIGN KEY ("boothId") REFERENCES "Booth"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadshowRegistration" ADD CONSTRAINT "RoadshowRegistration_roadshowId_fkey" FOREIGN KEY ("roadshowId") REFERENCES "Roadshow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadshowQuestion" ADD CONSTRAINT "RoadshowQuestion_roadshowId_fkey" FOREIGN KEY ("roadshowId") REFERENCES "Roadshow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadshowVote" ADD CONSTRAINT "RoadshowVote_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "RoadshowQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadshowAttendance" ADD CONSTRAINT "RoadshowAttendance_roadshowId_fkey" FOREIGN KEY ("roadshowId") REFERENCES "Roadshow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoadshowRecording" ADD CONSTRAINT "RoadshowRecording_roadshowId_fkey" FOREIGN KEY ("roadshowId") REFERENCES "Roadshow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

