-- AlterTable
ALTER TABLE "Checkout" ADD COLUMN     "fromRound" TEXT;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "refundedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "importedAt" TIMESTAMP(3),
ADD COLUMN     "importedTierId" TEXT;

-- CreateTable
CREATE TABLE "SubscriptionChange" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "tierId" TEXT,
    "currency" TEXT NOT NULL,
    "interval" "BillingInterval" NOT NULL,
    "amount" INTEGER NOT NULL,
    "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
    "currentPeriodEnd" TIMESTAMP(3) NOT NULL,
    "pastDueSince" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubscriptionChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyRollup" (
    "day" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "tierId" TEXT NOT NULL,
    "interval" "BillingInterval" NOT NULL,
    "patronsDelta" INTEGER NOT NULL DEFAULT 0,
    "mrrDelta" INTEGER NOT NULL DEFAULT 0,
    "trialsDelta" INTEGER NOT NULL DEFAULT 0,
    "pastDueDelta" INTEGER NOT NULL DEFAULT 0,
    "newPatrons" INTEGER NOT NULL DEFAULT 0,
    "churnedPatrons" INTEGER NOT NULL DEFAULT 0,
    "reactivated" INTEGER NOT NULL DEFAULT 0,
    "upgrades" INTEGER NOT NULL DEFAULT 0,
    "downgrades" INTEGER NOT NULL DEFAULT 0,
    "revenue" INTEGER NOT NULL DEFAULT 0,
    "refunded" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DailyRollup_pkey" PRIMARY KEY ("day","currency","tierId","interval")
);

-- CreateTable
CREATE TABLE "CtaDaily" (
    "day" DATE NOT NULL,
    "source" TEXT NOT NULL,
    "placement" TEXT NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,
    "supportVisits" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CtaDaily_pkey" PRIMARY KEY ("day","source","placement")
);

-- CreateTable
CREATE TABLE "StaffNote" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SubscriptionChange_subscriptionId_at_idx" ON "SubscriptionChange"("subscriptionId", "at");

-- CreateIndex
CREATE INDEX "SubscriptionChange_at_idx" ON "SubscriptionChange"("at");

-- CreateIndex
CREATE INDEX "SubscriptionChange_userId_idx" ON "SubscriptionChange"("userId");

-- CreateIndex
CREATE INDEX "StaffNote_userId_createdAt_idx" ON "StaffNote"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Checkout_createdAt_idx" ON "Checkout"("createdAt");

-- CreateIndex
CREATE INDEX "Payment_createdAt_idx" ON "Payment"("createdAt");

-- AddForeignKey
ALTER TABLE "StaffNote" ADD CONSTRAINT "StaffNote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffNote" ADD CONSTRAINT "StaffNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
