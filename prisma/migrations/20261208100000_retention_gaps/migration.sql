-- Issue #15 gaps: campaign attribution by the checkout's metadata, pauses apart from churn in the rollups, the test clock (test equipment).
-- AlterTable
ALTER TABLE "Checkout" ADD COLUMN     "campaignId" TEXT;

-- AlterTable
ALTER TABLE "DailyRollup" ADD COLUMN     "paused" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resumed" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "TestClock" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "frozenAt" TIMESTAMPTZ(6) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TestClock_pkey" PRIMARY KEY ("id")
);
