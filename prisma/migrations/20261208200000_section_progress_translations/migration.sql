-- Section names and descriptions, topic timeline reasons and progress updates in the site's other
-- languages (lib/i18n/content.ts). Round commitments and topic decline reasons use the existing
-- "translations" columns of Round and Topic.
ALTER TABLE "Section" ADD COLUMN     "translations" JSONB;

ALTER TABLE "TopicEvent" ADD COLUMN     "translations" JSONB;

ALTER TABLE "TopicUpdate" ADD COLUMN     "translations" JSONB;
