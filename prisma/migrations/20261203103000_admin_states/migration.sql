-- Drain and maintenance per node and per node × service (issue 9). serviceId '' = every service.
CREATE TABLE "AdminState" (
    "nodeId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL,
    "since" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" DATETIME,
    "drainedAt" DATETIME,
    "outcome" TEXT,
    "actor" TEXT NOT NULL,

    PRIMARY KEY ("nodeId", "serviceId"),
    CONSTRAINT "AdminState_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
