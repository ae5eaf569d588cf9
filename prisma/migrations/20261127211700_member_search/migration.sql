-- Members search on /dashboard/members: case-insensitive substring matches on email and name,
-- served by trigram indexes (expression indexes, which schema.prisma does not describe and the
-- schema engine leaves alone). PGlite loads pg_trgm in lib/db/pglite.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "User_email_lower_trgm_idx" ON "User" USING GIN (lower("email") gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_name_lower_trgm_idx" ON "User" USING GIN (lower(coalesce("name", '')) gin_trgm_ops);
