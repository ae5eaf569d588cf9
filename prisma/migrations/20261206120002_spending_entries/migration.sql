-- CreateTable
CREATE TABLE "SpendingEntry" (
    "id" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpendingEntry_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "SpendingEntry_amount_check" CHECK ("amountCents" >= 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "SpendingEntry_quarter_category_currency_key" ON "SpendingEntry"("quarter", "category", "currency");
