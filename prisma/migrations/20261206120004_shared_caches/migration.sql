-- CreateTable
CREATE TABLE "PageCacheInvalidation" (
    "tag" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PageCacheInvalidation_pkey" PRIMARY KEY ("tag")
);

-- CreateTable
CREATE TABLE "DashboardFigure" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "computedAt" BIGINT NOT NULL,

    CONSTRAINT "DashboardFigure_pkey" PRIMARY KEY ("key")
);
