-- A health check per node × service (issue 9): other settings, or null = not checked on that node.
CREATE TABLE "CheckOverride" (
    "nodeId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "healthCheck" TEXT,

    PRIMARY KEY ("nodeId", "serviceId"),
    CONSTRAINT "CheckOverride_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CheckOverride_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
