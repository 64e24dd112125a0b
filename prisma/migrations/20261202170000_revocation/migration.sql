-- Revocation: a per-user session version (a session cookie names the version it was issued at;
-- bumping it ends every session of that user), and API tokens with a name, an optional expiry
-- and the time they were last used.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ApiToken" ADD COLUMN "name" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ApiToken" ADD COLUMN "expiresAt" DATETIME;
ALTER TABLE "ApiToken" ADD COLUMN "lastUsedAt" DATETIME;
