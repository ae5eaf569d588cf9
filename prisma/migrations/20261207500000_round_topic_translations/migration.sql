-- Titles and descriptions of rounds and topics in the site's other languages (lib/i18n/content.ts).
ALTER TABLE "Round" ADD COLUMN     "translations" JSONB;

ALTER TABLE "Topic" ADD COLUMN     "translations" JSONB;
