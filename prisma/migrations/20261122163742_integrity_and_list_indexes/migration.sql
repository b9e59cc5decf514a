-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_actorId_fkey";

-- DropIndex
DROP INDEX "Application_ownerId_idx";

-- DropIndex
DROP INDEX "Decision_outcome_reserveRank_idx";

-- DropIndex
DROP INDEX "Convention_status_idx";

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "callId" TEXT NOT NULL;

-- CreateIndex
CREATE INDEX "Application_ownerId_updatedAt_idx" ON "Application"("ownerId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Application_callId_poleId_key" ON "Application"("callId", "poleId");

-- CreateIndex
CREATE INDEX "Decision_callId_outcome_idx" ON "Decision"("callId", "outcome");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_callId_reserveRank_key" ON "Decision"("callId", "reserveRank");

-- CreateIndex
CREATE INDEX "Convention_status_signatureDueAt_idx" ON "Convention"("status", "signatureDueAt");

-- CreateIndex
CREATE INDEX "Report_status_dueAt_idx" ON "Report"("status", "dueAt");

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
