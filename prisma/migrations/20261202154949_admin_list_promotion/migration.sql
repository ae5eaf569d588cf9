-- AlterTable
ALTER TABLE "User" ADD COLUMN     "listPromotedFrom" "Role";

-- Until now ADMIN_EMAILS was the only way to become an admin: existing admins came from the list
-- (from READER, as far as anyone can tell), so leaving the list demotes them too.
UPDATE "User" SET "listPromotedFrom" = 'READER' WHERE "role" = 'ADMIN';
