-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "dayMailFor" TIMESTAMPTZ(3),
ADD COLUMN     "soonMailFor" TIMESTAMPTZ(3);

