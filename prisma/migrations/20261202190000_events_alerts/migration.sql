-- Health events (issue 9): node event-log lines (identity nodeId + byte offset) and console events
-- (offset NULL; SQLite's unique index lets NULLs repeat), a read cursor per node, alert channels
-- and the persisted alert deliveries the dispatcher sends exactly once.
CREATE TABLE "Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "nodeId" TEXT NOT NULL,
    "offset" INTEGER,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "serviceId" TEXT,
    "realServerId" TEXT,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "Event_nodeId_offset_key" ON "Event"("nodeId", "offset");
CREATE INDEX "Event_at_idx" ON "Event"("at");
CREATE INDEX "Event_kind_at_idx" ON "Event"("kind", "at");

CREATE TABLE "EventCursor" (
    "nodeId" TEXT NOT NULL PRIMARY KEY,
    "offset" INTEGER NOT NULL
);

CREATE TABLE "AlertChannel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "language" TEXT NOT NULL DEFAULT 'en',
    "kinds" TEXT NOT NULL DEFAULT '[]',
    "realertMinutes" INTEGER NOT NULL DEFAULT 0,
    "config" TEXT NOT NULL DEFAULT '{}',
    "secretSealed" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "AlertChannel_name_key" ON "AlertChannel"("name");

CREATE TABLE "AlertDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channelId" TEXT NOT NULL,
    "eventId" INTEGER,
    "dedupeKey" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);
CREATE UNIQUE INDEX "AlertDelivery_dedupeKey_key" ON "AlertDelivery"("dedupeKey");
CREATE INDEX "AlertDelivery_status_nextAttemptAt_idx" ON "AlertDelivery"("status", "nextAttemptAt");
CREATE INDEX "AlertDelivery_channelId_createdAt_idx" ON "AlertDelivery"("channelId", "createdAt");
