-- Emails are delivered by jobs (lib/mail/delivery.ts); rows from before were sent already.
ALTER TABLE "Email" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'sent',
ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "lastError" TEXT,
ADD COLUMN "claimedAt" TIMESTAMP(3),
ADD COLUMN "sentAt" TIMESTAMP(3),
ADD COLUMN "unredacted" JSONB,
ADD COLUMN "headers" JSONB;
