-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailVerifiedAt" TIMESTAMPTZ(3),
ADD COLUMN     "mailKey" TEXT,
ADD COLUMN     "mailSettings" JSONB NOT NULL DEFAULT '{}';


-- Accounts made before sign-up mail existed count as confirmed.
UPDATE "User" SET "emailVerifiedAt" = "createdAt" WHERE "emailVerifiedAt" IS NULL;
