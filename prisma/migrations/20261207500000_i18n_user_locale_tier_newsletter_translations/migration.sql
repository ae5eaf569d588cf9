-- AlterTable
ALTER TABLE "Newsletter" ADD COLUMN     "translations" JSONB;

-- AlterTable
ALTER TABLE "Tier" ADD COLUMN     "translations" JSONB;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'en';
