-- The mirror is ordered by the database: each mirrored row remembers when the fetch of its state
-- started (database clock), and a write of an older fetch loses (lib/billing/mirror).
ALTER TABLE "Subscription" ADD COLUMN "fetchedAt" TIMESTAMPTZ(6);
ALTER TABLE "Invoice" ADD COLUMN "fetchedAt" TIMESTAMPTZ(6);
ALTER TABLE "Payment" ADD COLUMN "fetchedAt" TIMESTAMPTZ(6);
