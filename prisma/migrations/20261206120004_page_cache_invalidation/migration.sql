-- CreateTable
CREATE TABLE "PageCacheInvalidation" (
    "tag" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PageCacheInvalidation_pkey" PRIMARY KEY ("tag")
);
