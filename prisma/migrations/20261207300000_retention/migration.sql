-- Cancellation in the app (issue #15): Stripe's pause_collection mirrored on subscriptions, the
-- retention offers staff configure, each attempt to leave, and the one-time cancel links.
ALTER TABLE "Subscription" ADD COLUMN "pauseBehavior" TEXT;
ALTER TABLE "Subscription" ADD COLUMN "pauseResumesAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RetentionSettings" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "pauseMaxMonths" INTEGER NOT NULL DEFAULT 3,
    "lowerPercent" INTEGER NOT NULL DEFAULT 0,
    "yearlyOffer" BOOLEAN NOT NULL DEFAULT true,
    "winbackDays" INTEGER NOT NULL DEFAULT 30,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RetentionSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CancellationRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT,
    "via" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'pending',
    "offerMonths" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "winbackSentAt" TIMESTAMP(3),

    CONSTRAINT "CancellationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CancelLinkToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CancelLinkToken_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "CancellationRequest_createdAt_idx" ON "CancellationRequest"("createdAt");
CREATE INDEX "CancellationRequest_outcome_winbackSentAt_idx" ON "CancellationRequest"("outcome", "winbackSentAt");
CREATE INDEX "CancellationRequest_userId_idx" ON "CancellationRequest"("userId");
CREATE UNIQUE INDEX "CancelLinkToken_tokenHash_key" ON "CancelLinkToken"("tokenHash");
CREATE INDEX "CancelLinkToken_expiresAt_idx" ON "CancelLinkToken"("expiresAt");
CREATE INDEX "CancelLinkToken_userId_idx" ON "CancelLinkToken"("userId");

ALTER TABLE "CancellationRequest" ADD CONSTRAINT "CancellationRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "CancelLinkToken" ADD CONSTRAINT "CancelLinkToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- PATRON_STATE_ORDER gained 'paused' before 'ended' and 'none' (lib/analytics/member-summary.ts):
-- stored ranks of those two move up by one, and the default ('none') is now 7.
UPDATE "MemberSummary" SET "rank" = "rank" + 1 WHERE "rank" >= 5;
ALTER TABLE "MemberSummary" ALTER COLUMN "rank" SET DEFAULT 7;

-- A pause (or its end) changes the member's status too: mark the summary stale as the other columns do.
CREATE TRIGGER "Subscription_member_summary_pause" AFTER UPDATE ON "Subscription" FOR EACH ROW
  WHEN (OLD."pauseBehavior" IS DISTINCT FROM NEW."pauseBehavior" OR OLD."pauseResumesAt" IS DISTINCT FROM NEW."pauseResumesAt")
  EXECUTE FUNCTION member_summary_subscription_updated();
