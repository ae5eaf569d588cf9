-- Referral reward (issue #18): a free month for referrers, as a Stripe customer balance credit, when staff turn it on.
ALTER TABLE "Referral" ADD COLUMN "rewardedAt" TIMESTAMP(3),
ADD COLUMN "rewardAmount" INTEGER,
ADD COLUMN "rewardCurrency" TEXT,
ADD COLUMN "rewardTransactionId" TEXT;

CREATE TABLE "ReferralSettings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "rewardFreeMonth" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReferralSettings_pkey" PRIMARY KEY ("id")
);
