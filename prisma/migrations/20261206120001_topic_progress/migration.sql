-- CreateEnum
CREATE TYPE "TopicStage" AS ENUM ('COMMISSIONED', 'ASSIGNED', 'REPORTING', 'PUBLISHED', 'PAUSED', 'DECLINED');

-- AlterTable
ALTER TABLE "Round" ADD COLUMN     "joinedBeforeOpenOnly" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "reporterName" TEXT,
ADD COLUMN     "stage" "TopicStage";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "topicEmailsStoppedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TopicEvent" (
    "id" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "stage" "TopicStage" NOT NULL,
    "reporterName" TEXT,
    "reason" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TopicEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicUpdate" (
    "id" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notifiedAt" TIMESTAMP(3),

    CONSTRAINT "TopicUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TopicFollow" (
    "userId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "following" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TopicFollow_pkey" PRIMARY KEY ("userId","topicId")
);

-- CreateIndex
CREATE INDEX "TopicEvent_topicId_at_idx" ON "TopicEvent"("topicId", "at");

-- CreateIndex
CREATE INDEX "TopicUpdate_topicId_createdAt_idx" ON "TopicUpdate"("topicId", "createdAt");

-- CreateIndex
CREATE INDEX "TopicUpdate_notifiedAt_createdAt_idx" ON "TopicUpdate"("notifiedAt", "createdAt");

-- CreateIndex
CREATE INDEX "TopicFollow_topicId_following_idx" ON "TopicFollow"("topicId", "following");

-- AddForeignKey
ALTER TABLE "TopicEvent" ADD CONSTRAINT "TopicEvent_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicUpdate" ADD CONSTRAINT "TopicUpdate_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicUpdate" ADD CONSTRAINT "TopicUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicFollow" ADD CONSTRAINT "TopicFollow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicFollow" ADD CONSTRAINT "TopicFollow_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Topics commissioned or published before progress existed start their timeline where they stand.
UPDATE "Topic" SET "stage" = 'COMMISSIONED' WHERE "status" = 'COMMISSIONED';
UPDATE "Topic" SET "stage" = 'PUBLISHED' WHERE "status" = 'PUBLISHED';
INSERT INTO "TopicEvent" ("id", "topicId", "stage", "at")
  SELECT 'tev_' || md5(t."id" || ':' || t."stage"::text), t."id", t."stage", t."updatedAt" FROM "Topic" t WHERE t."stage" IS NOT NULL;
