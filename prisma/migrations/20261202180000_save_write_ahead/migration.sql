-- Write-ahead saves (issue 15): a version is recorded as 'applying' before any node is touched and
-- finished at the end; a version still 'applying' at start-up was interrupted and is resolved then.
-- kind: 'save' (the model, all nodes) or 'reapply' (one node back to its last applied state).
-- finishedAt: when the save recorded its end; null while applying. recoveredAt: when start-up
-- recovery resolved an interrupted save. updatedAt moves on every write, so the live view sees a
-- node's answer within one poll. Existing rows finished when they were created.
ALTER TABLE "SaveVersion" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'save';
ALTER TABLE "SaveVersion" ADD COLUMN "finishedAt" DATETIME;
ALTER TABLE "SaveVersion" ADD COLUMN "recoveredAt" DATETIME;
ALTER TABLE "SaveVersion" ADD COLUMN "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "SaveVersion" SET "finishedAt" = "createdAt", "updatedAt" = "createdAt";
CREATE INDEX "SaveVersion_status_idx" ON "SaveVersion"("status");
