-- AlterTable
ALTER TABLE "SearchOutbox" ADD COLUMN     "roadshowId" TEXT;

