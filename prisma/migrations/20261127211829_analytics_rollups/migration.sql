-- DropIndex
DROP INDEX "SubscriptionChange_subscriptionId_at_idx";

-- AlterTable
ALTER TABLE "DailyRollup" DROP COLUMN "mrrDelta",
ADD COLUMN     "mrr12Delta" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "payingDelta" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "countedAmount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "countedRefund" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "countedRefundDay" DATE;

-- AlterTable
ALTER TABLE "SubscriptionChange" ADD COLUMN     "isPatron" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "patronUntil" TIMESTAMP(3),
ADD COLUMN     "prevSeq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "seq" SERIAL NOT NULL,
ADD COLUMN     "supersededAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "SubscriptionChange_subscriptionId_seq_idx" ON "SubscriptionChange"("subscriptionId", "seq");

-- CreateIndex
CREATE INDEX "SubscriptionChange_seq_idx" ON "SubscriptionChange"("seq");

-- CreateIndex
CREATE UNIQUE INDEX "SubscriptionChange_subscriptionId_prevSeq_key" ON "SubscriptionChange"("subscriptionId", "prevSeq");
