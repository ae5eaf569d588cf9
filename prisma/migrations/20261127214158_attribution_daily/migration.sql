-- CreateTable
CREATE TABLE "AttributionDaily" (
    "day" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "article" TEXT NOT NULL,
    "placement" TEXT NOT NULL,
    "round" TEXT NOT NULL,
    "revenue" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AttributionDaily_pkey" PRIMARY KEY ("day","currency","article","placement","round")
);

-- CreateIndex
CREATE INDEX "Checkout_userId_createdAt_idx" ON "Checkout"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Checkout_status_completedAt_idx" ON "Checkout"("status", "completedAt");
