-- Health checks (issue 9): a service's check and sorry server, as JSON; null = none.
ALTER TABLE "Service" ADD COLUMN "healthCheck" TEXT;
ALTER TABLE "Service" ADD COLUMN "sorryServer" TEXT;
