-- Gift memberships (issue #15).
CREATE TABLE "GiftMembership" (
    "id" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "tierId" TEXT NOT NULL,
    "months" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "recipientName" TEXT,
    "message" TEXT,
    "deliverOn" TIMESTAMP(3) NOT NULL,
    "checkoutSessionId" TEXT,
    "paidAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "redeemTokenHash" TEXT,
    "redeemedById" TEXT,
    "redeemedAt" TIMESTAMP(3),
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "reminderSentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GiftMembership_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "GiftMembership_checkoutSessionId_key" ON "GiftMembership"("checkoutSessionId");
CREATE UNIQUE INDEX "GiftMembership_redeemTokenHash_key" ON "GiftMembership"("redeemTokenHash");
CREATE INDEX "GiftMembership_paidAt_deliveredAt_deliverOn_idx" ON "GiftMembership"("paidAt", "deliveredAt", "deliverOn");
CREATE INDEX "GiftMembership_redeemedById_endsAt_idx" ON "GiftMembership"("redeemedById", "endsAt");
CREATE INDEX "GiftMembership_endsAt_reminderSentAt_idx" ON "GiftMembership"("endsAt", "reminderSentAt");

ALTER TABLE "GiftMembership" ADD CONSTRAINT "GiftMembership_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "GiftMembership" ADD CONSTRAINT "GiftMembership_redeemedById_fkey" FOREIGN KEY ("redeemedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "GiftMembership" ADD CONSTRAINT "GiftMembership_tierId_fkey" FOREIGN KEY ("tierId") REFERENCES "Tier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
