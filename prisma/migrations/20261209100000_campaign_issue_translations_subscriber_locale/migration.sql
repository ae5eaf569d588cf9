-- Issue #16: campaigns and newsletter issues in other languages; the language of email-only subscribers.
-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "translations" JSONB;

-- AlterTable
ALTER TABLE "NewsletterIssue" ADD COLUMN     "translations" JSONB;

-- AlterTable
ALTER TABLE "NewsletterSubscription" ADD COLUMN     "locale" TEXT;
