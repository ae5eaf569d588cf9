-- Pay it forward (issue #15): contributions into a pot, applications, grants (gift memberships with source "grant").
ALTER TABLE "GiftMembership" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'gift';

CREATE TABLE "PayItForwardContribution" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "checkoutSessionId" TEXT,
    "paidAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayItForwardContribution_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PayItForwardContribution_checkoutSessionId_key" ON "PayItForwardContribution"("checkoutSessionId");
CREATE INDEX "PayItForwardContribution_paidAt_idx" ON "PayItForwardContribution"("paidAt");

CREATE TABLE "PayItForwardApplication" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "giftId" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayItForwardApplication_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PayItForwardApplication_status_createdAt_idx" ON "PayItForwardApplication"("status", "createdAt");
CREATE INDEX "PayItForwardApplication_userId_idx" ON "PayItForwardApplication"("userId");

ALTER TABLE "PayItForwardContribution" ADD CONSTRAINT "PayItForwardContribution_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "PayItForwardApplication" ADD CONSTRAINT "PayItForwardApplication_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
