-- CreateEnum
CREATE TYPE "ConsentKind" AS ENUM ('LEAD_SHARING', 'CONTACT_SHARING', 'RECORDING');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "erasedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "ConsentKind" NOT NULL,
    "scopeType" TEXT NOT NULL,
    "scopeId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "wording" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMPTZ(3),

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountDeletion" (
    "userId" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "restoreTokenHash" TEXT,
    "restoreTokenExpiresAt" TIMESTAMPTZ(3),

    CONSTRAINT "AccountDeletion_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "Consent_userId_kind_scopeId_idx" ON "Consent"("userId", "kind", "scopeId");

-- CreateIndex
CREATE INDEX "Consent_scopeId_kind_idx" ON "Consent"("scopeId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "AccountDeletion_restoreTokenHash_key" ON "AccountDeletion"("restoreTokenHash");

-- CreateIndex
CREATE INDEX "AccountDeletion_dueAt_idx" ON "AccountDeletion"("dueAt");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_idx" ON "AuditLog"("actorId");

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountDeletion" ADD CONSTRAINT "AccountDeletion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: at most one live (not withdrawn) consent per person, kind and scope, so granting
-- twice at once records it once (INSERT … ON CONFLICT DO NOTHING).
CREATE UNIQUE INDEX "hw_consent_live" ON "Consent"("userId", "kind", "scopeId") WHERE "withdrawnAt" IS NULL;
