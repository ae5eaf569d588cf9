-- Articles in two languages (issue #16): each article has a language, and a translation points at its original.
-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "translationOfId" TEXT;

-- CreateIndex
CREATE INDEX "Article_locale_status_publishedAt_idx" ON "Article"("locale", "status", "publishedAt");

-- CreateIndex
CREATE INDEX "Article_translationOfId_idx" ON "Article"("translationOfId");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_translationOfId_fkey" FOREIGN KEY ("translationOfId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;
