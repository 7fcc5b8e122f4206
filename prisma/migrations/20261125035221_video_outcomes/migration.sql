-- CreateEnum
CREATE TYPE "OutcomeResult" AS ENUM ('INTENT_TO_INVEST', 'LETTER_OF_INTENT', 'FOLLOW_UP', 'NEED_INFO', 'NOT_A_FIT');

-- CreateEnum
CREATE TYPE "MeetingSide" AS ENUM ('INVESTOR', 'EXHIBITOR');

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "attendanceSettledAt" TIMESTAMPTZ(3),
ADD COLUMN     "endedAt" TIMESTAMPTZ(3),
ADD COLUMN     "extendedMinutes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "noShowUserIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "recordingConsent" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "roomCreatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "roomName" TEXT,
ADD COLUMN     "startedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "MeetingAttendance" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "participantSid" TEXT NOT NULL,
    "observer" BOOLEAN NOT NULL DEFAULT false,
    "joinedAt" TIMESTAMPTZ(3) NOT NULL,
    "leftAt" TIMESTAMPTZ(3),

    CONSTRAINT "MeetingAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveKitEvent" (
    "id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiveKitEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingOutcome" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "side" "MeetingSide" NOT NULL,
    "result" "OutcomeResult" NOT NULL,
    "amount" DECIMAL(16,2),
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "nextStep" TEXT NOT NULL DEFAULT '',
    "nextStepDate" DATE,
    "notes" TEXT NOT NULL DEFAULT '',
    "rating" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MeetingOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingRecording" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "egressId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "filename" TEXT,
    "location" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MeetingRecording_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FairSurvey" (
    "id" TEXT NOT NULL,
    "fairId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "nps" INTEGER NOT NULL,
    "satisfaction" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FairSurvey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MeetingAttendance_participantSid_key" ON "MeetingAttendance"("participantSid");

-- CreateIndex
CREATE INDEX "MeetingAttendance_meetingId_userId_idx" ON "MeetingAttendance"("meetingId", "userId");

-- CreateIndex
CREATE INDEX "MeetingOutcome_meetingId_idx" ON "MeetingOutcome"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingOutcome_meetingId_authorId_key" ON "MeetingOutcome"("meetingId", "authorId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRecording_egressId_key" ON "MeetingRecording"("egressId");

-- CreateIndex
CREATE INDEX "MeetingRecording_meetingId_idx" ON "MeetingRecording"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "FairSurvey_fairId_userId_key" ON "FairSurvey"("fairId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_roomName_key" ON "Meeting"("roomName");

-- CreateIndex
CREATE INDEX "Meeting_status_startsAt_idx" ON "Meeting"("status", "startsAt");

-- AddForeignKey
ALTER TABLE "MeetingAttendance" ADD CONSTRAINT "MeetingAttendance_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingOutcome" ADD CONSTRAINT "MeetingOutcome_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRecording" ADD CONSTRAINT "MeetingRecording_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairSurvey" ADD CONSTRAINT "FairSurvey_fairId_fkey" FOREIGN KEY ("fairId") REFERENCES "Fair"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: value ranges the forms also check (defence in depth).
ALTER TABLE "MeetingOutcome" ADD CONSTRAINT "hw_outcome_rating_range" CHECK ("rating" BETWEEN 1 AND 5);
ALTER TABLE "MeetingOutcome" ADD CONSTRAINT "hw_outcome_amount_nonneg" CHECK ("amount" IS NULL OR "amount" >= 0);
ALTER TABLE "FairSurvey" ADD CONSTRAINT "hw_survey_nps_range" CHECK ("nps" BETWEEN 0 AND 10);
ALTER TABLE "FairSurvey" ADD CONSTRAINT "hw_survey_satisfaction_range" CHECK ("satisfaction" BETWEEN 1 AND 5);
