-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('APPLICANT', 'CRA_EVALUATOR', 'CRA_COORDINATOR', 'CNA_MEMBER', 'ADMIN');

-- CreateEnum
CREATE TYPE "TokenPurpose" AS ENUM ('EMAIL_VERIFICATION', 'PASSWORD_RESET', 'INVITATION');

-- CreateEnum
CREATE TYPE "CallPhase" AS ENUM ('DRAFT', 'OPEN', 'REGIONAL_REVIEW', 'NATIONAL_REVIEW', 'DECIDED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "TerritoryType" AS ENUM ('RURAL', 'QPV', 'URBAN');

-- CreateEnum
CREATE TYPE "TrancheCondition" AS ENUM ('ON_SIGNATURE', 'AFTER_INTERIM_REPORT', 'AFTER_FINAL_REPORT');

-- CreateEnum
CREATE TYPE "LegalForm" AS ENUM ('ASSOCIATION', 'SCIC', 'SCOP', 'OTHER_COOPERATIVE', 'FOUNDATION', 'GIE', 'COMMERCIAL_ESS_COMPANY', 'OTHER_PRIVATE');

-- CreateEnum
CREATE TYPE "MemberCategory" AS ENUM ('ESS_ENTERPRISE', 'OTHER_ENTERPRISE', 'LOCAL_AUTHORITY', 'RESEARCH_TRAINING', 'CITIZEN_GROUP', 'OTHER');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'COMPLEMENT_REQUESTED', 'UNDER_REVIEW', 'INADMISSIBLE', 'REGIONAL_DONE', 'LAUREATE', 'RESERVE', 'NOT_RETAINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ExpenseCategory" AS ENUM ('PERSONNEL', 'EXTERNAL_SERVICES', 'RUNNING_COSTS', 'EQUIPMENT', 'TRAVEL', 'COMMUNICATION');

-- CreateEnum
CREATE TYPE "FundingSource" AS ENUM ('THIS_CALL', 'REGIONAL_COUNCIL', 'DEPARTEMENT', 'EPCI_OR_COMMUNE', 'OTHER_PUBLIC', 'PRIVATE', 'SELF_FINANCING', 'IN_KIND');

-- CreateEnum
CREATE TYPE "FundingStatus" AS ENUM ('SECURED', 'REQUESTED');

-- CreateEnum
CREATE TYPE "AttachmentPurpose" AS ENUM ('APPLICATION_DOCUMENT', 'COMPLEMENT', 'MESSAGE', 'SIGNED_CONVENTION', 'REPORT');

-- CreateEnum
CREATE TYPE "ComplementRequestStatus" AS ENUM ('OPEN', 'ANSWERED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "Opinion" AS ENUM ('FAVORABLE', 'RESERVED', 'UNFAVORABLE');

-- CreateEnum
CREATE TYPE "EvaluationStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "RegionalReviewStatus" AS ENUM ('OPEN', 'FINALIZED');

-- CreateEnum
CREATE TYPE "DecisionOutcome" AS ENUM ('LAUREATE', 'RESERVE', 'NOT_RETAINED');

-- CreateEnum
CREATE TYPE "ConventionStatus" AS ENUM ('TO_PREPARE', 'SENT', 'SIGNED_BY_POLE', 'COUNTERSIGNED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('INTERIM', 'FINAL');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'ACCEPTED', 'CHANGES_REQUESTED');

-- CreateTable
CREATE TABLE "Region" (
    "code" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "overseas" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Departement" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,

    CONSTRAINT "Departement_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "emailVerifiedAt" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "deactivatedAt" TIMESTAMP(3),
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "regionCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "TokenPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Call" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "phase" "CallPhase" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "opensAt" TIMESTAMP(3) NOT NULL,
    "deadlineAt" TIMESTAMP(3) NOT NULL,
    "regionalDeadlineAt" TIMESTAMP(3),
    "nationalDeadlineAt" TIMESTAMP(3),
    "resultsAt" TIMESTAMP(3),
    "envelopeCents" INTEGER NOT NULL,
    "minGrantCents" INTEGER NOT NULL,
    "maxGrantCents" INTEGER NOT NULL,
    "durationMonths" INTEGER NOT NULL,
    "minEvaluators" INTEGER NOT NULL DEFAULT 2,
    "disagreementThreshold" INTEGER NOT NULL DEFAULT 1500,
    "signatureDelayDays" INTEGER NOT NULL DEFAULT 30,
    "decisionsFinalizedAt" TIMESTAMP(3),
    "resultsPublishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallLever" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "CallLever_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallPriority" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "territoryTypes" "TerritoryType"[],
    "minShareBps" INTEGER NOT NULL,

    CONSTRAINT "CallPriority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LearningCommunity" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "LearningCommunity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentKind" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL,

    CONSTRAINT "DocumentKind_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Criterion" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "weightBps" INTEGER NOT NULL,
    "maxScore" INTEGER NOT NULL DEFAULT 5,
    "levels" TEXT[],
    "position" INTEGER NOT NULL,

    CONSTRAINT "Criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentTranche" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "shareBps" INTEGER NOT NULL,
    "condition" "TrancheCondition" NOT NULL,

    CONSTRAINT "PaymentTranche_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pole" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "carrierName" TEXT NOT NULL,
    "siret" TEXT NOT NULL,
    "legalForm" "LegalForm" NOT NULL,
    "addressLine" TEXT NOT NULL,
    "postalCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "departementCode" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "territoryType" "TerritoryType" NOT NULL,
    "qpvCode" TEXT,
    "creationYear" INTEGER,
    "website" TEXT,
    "governance" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PoleMember" (
    "id" TEXT NOT NULL,
    "poleId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" "MemberCategory" NOT NULL,
    "siret" TEXT,
    "isLegalPerson" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL,

    CONSTRAINT "PoleMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "poleId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "territoryType" "TerritoryType" NOT NULL,
    "reference" TEXT,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 0,
    "title" TEXT NOT NULL DEFAULT '',
    "presentation" TEXT NOT NULL DEFAULT '',
    "governance" TEXT NOT NULL DEFAULT '',
    "cooperation" TEXT NOT NULL DEFAULT '',
    "economicImpact" TEXT NOT NULL DEFAULT '',
    "socialImpact" TEXT NOT NULL DEFAULT '',
    "ecologicalImpact" TEXT NOT NULL DEFAULT '',
    "learningCommunityId" TEXT,
    "amountRequestedCents" INTEGER,
    "honourDeclaredAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "submittedHash" TEXT,
    "snapshot" JSONB,
    "withdrawnAt" TIMESTAMP(3),
    "admissibilityDecidedAt" TIMESTAMP(3),
    "inadmissibleReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeverAnswer" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "leverId" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "LeverAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImpactIndicator" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "baseline" TEXT NOT NULL DEFAULT '',
    "targetYear1" TEXT NOT NULL DEFAULT '',
    "targetYear2" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,

    CONSTRAINT "ImpactIndicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpenseLine" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "category" "ExpenseCategory" NOT NULL,
    "label" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ExpenseLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingLine" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "source" "FundingSource" NOT NULL,
    "funderName" TEXT NOT NULL DEFAULT '',
    "year" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "status" "FundingStatus" NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "FundingLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "purpose" "AttachmentPurpose" NOT NULL,
    "applicationId" TEXT,
    "documentKindId" TEXT,
    "complementRequestId" TEXT,
    "messageId" TEXT,
    "conventionId" TEXT,
    "reportId" TEXT,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationCollaborator" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "userId" TEXT,
    "email" TEXT NOT NULL,
    "invitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" TIMESTAMP(3),

    CONSTRAINT "ApplicationCollaborator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "fromInstruction" BOOLEAN NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplementRequest" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "documentCodes" TEXT[],
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "ComplementRequestStatus" NOT NULL DEFAULT 'OPEN',
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ComplementRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "from" "ApplicationStatus",
    "to" "ApplicationStatus" NOT NULL,
    "actorId" TEXT,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceCounter" (
    "callId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReferenceCounter_pkey" PRIMARY KEY ("callId","regionCode")
);

-- CreateTable
CREATE TABLE "EvaluatorAssignment" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "evaluatorId" TEXT NOT NULL,
    "assignedById" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "EvaluatorAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConflictDeclaration" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "hasConflict" BOOLEAN NOT NULL,
    "reason" TEXT,
    "declaredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConflictDeclaration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "evaluatorId" TEXT NOT NULL,
    "status" "EvaluationStatus" NOT NULL DEFAULT 'DRAFT',
    "recommendation" "Opinion",
    "comment" TEXT NOT NULL DEFAULT '',
    "weightedScore" INTEGER,
    "submittedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CriterionScore" (
    "id" TEXT NOT NULL,
    "evaluationId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "CriterionScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegionalOpinion" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "opinion" "Opinion" NOT NULL,
    "consolidatedScore" INTEGER NOT NULL,
    "proposedAmountCents" INTEGER NOT NULL,
    "motivation" TEXT NOT NULL,
    "rank" INTEGER,
    "authorId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegionalOpinion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegionalReview" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "status" "RegionalReviewStatus" NOT NULL DEFAULT 'OPEN',
    "finalizedAt" TIMESTAMP(3),
    "finalizedById" TEXT,
    "reopenedAt" TIMESTAMP(3),
    "reopenedById" TEXT,
    "reopenReason" TEXT,

    CONSTRAINT "RegionalReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NationalReview" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "scoreJustification" TEXT,
    "amountJustification" TEXT,
    "reviewerId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NationalReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "outcome" "DecisionOutcome" NOT NULL,
    "amountCents" INTEGER,
    "reserveRank" INTEGER,
    "reasons" TEXT NOT NULL DEFAULT '',
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "letterKey" TEXT,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Convention" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "status" "ConventionStatus" NOT NULL DEFAULT 'TO_PREPARE',
    "amountCents" INTEGER NOT NULL,
    "documentKey" TEXT,
    "sentAt" TIMESTAMP(3),
    "signatureDueAt" TIMESTAMP(3),
    "signedByPoleAt" TIMESTAMP(3),
    "countersignedAt" TIMESTAMP(3),
    "countersignedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Convention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "conventionId" TEXT NOT NULL,
    "trancheId" TEXT,
    "amountCents" INTEGER NOT NULL,
    "paidOn" TIMESTAMP(3) NOT NULL,
    "accountingReference" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "conventionId" TEXT NOT NULL,
    "kind" "ReportKind" NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "activity" TEXT NOT NULL DEFAULT '',
    "financialSummary" TEXT NOT NULL DEFAULT '',
    "indicators" JSONB,
    "submittedAt" TIMESTAMP(3),
    "reviewedAt" TIMESTAMP(3),
    "reviewerId" TEXT,
    "reviewComment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Region_slug_key" ON "Region"("slug");

-- CreateIndex
CREATE INDEX "Departement_regionCode_idx" ON "Departement"("regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_active_createdAt_idx" ON "User"("active", "createdAt");

-- CreateIndex
CREATE INDEX "RoleAssignment_role_regionCode_idx" ON "RoleAssignment"("role", "regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "RoleAssignment_userId_role_regionCode_key" ON "RoleAssignment"("userId", "role", "regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "UserToken_tokenHash_key" ON "UserToken"("tokenHash");

-- CreateIndex
CREATE INDEX "UserToken_userId_purpose_idx" ON "UserToken"("userId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

-- CreateIndex
CREATE UNIQUE INDEX "Call_slug_key" ON "Call"("slug");

-- CreateIndex
CREATE INDEX "Call_phase_opensAt_idx" ON "Call"("phase", "opensAt");

-- CreateIndex
CREATE UNIQUE INDEX "CallLever_callId_code_key" ON "CallLever"("callId", "code");

-- CreateIndex
CREATE INDEX "CallPriority_callId_idx" ON "CallPriority"("callId");

-- CreateIndex
CREATE UNIQUE INDEX "LearningCommunity_callId_code_key" ON "LearningCommunity"("callId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "DocumentKind_callId_code_key" ON "DocumentKind"("callId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Criterion_callId_code_key" ON "Criterion"("callId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentTranche_callId_position_key" ON "PaymentTranche"("callId", "position");

-- CreateIndex
CREATE INDEX "Pole_ownerId_idx" ON "Pole"("ownerId");

-- CreateIndex
CREATE INDEX "Pole_regionCode_idx" ON "Pole"("regionCode");

-- CreateIndex
CREATE INDEX "Pole_siret_idx" ON "Pole"("siret");

-- CreateIndex
CREATE INDEX "PoleMember_poleId_idx" ON "PoleMember"("poleId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_reference_key" ON "Application"("reference");

-- CreateIndex
CREATE INDEX "Application_callId_regionCode_status_idx" ON "Application"("callId", "regionCode", "status");

-- CreateIndex
CREATE INDEX "Application_callId_status_idx" ON "Application"("callId", "status");

-- CreateIndex
CREATE INDEX "Application_ownerId_idx" ON "Application"("ownerId");

-- CreateIndex
CREATE INDEX "Application_poleId_idx" ON "Application"("poleId");

-- CreateIndex
CREATE UNIQUE INDEX "LeverAnswer_applicationId_leverId_key" ON "LeverAnswer"("applicationId", "leverId");

-- CreateIndex
CREATE INDEX "ImpactIndicator_applicationId_idx" ON "ImpactIndicator"("applicationId");

-- CreateIndex
CREATE INDEX "ExpenseLine_applicationId_idx" ON "ExpenseLine"("applicationId");

-- CreateIndex
CREATE INDEX "FundingLine_applicationId_idx" ON "FundingLine"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_applicationId_purpose_idx" ON "Attachment"("applicationId", "purpose");

-- CreateIndex
CREATE INDEX "Attachment_conventionId_idx" ON "Attachment"("conventionId");

-- CreateIndex
CREATE INDEX "Attachment_reportId_idx" ON "Attachment"("reportId");

-- CreateIndex
CREATE INDEX "ApplicationCollaborator_userId_idx" ON "ApplicationCollaborator"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationCollaborator_applicationId_email_key" ON "ApplicationCollaborator"("applicationId", "email");

-- CreateIndex
CREATE INDEX "Message_applicationId_createdAt_idx" ON "Message"("applicationId", "createdAt");

-- CreateIndex
CREATE INDEX "ComplementRequest_applicationId_status_idx" ON "ComplementRequest"("applicationId", "status");

-- CreateIndex
CREATE INDEX "StatusChange_applicationId_at_idx" ON "StatusChange"("applicationId", "at");

-- CreateIndex
CREATE INDEX "EvaluatorAssignment_evaluatorId_withdrawnAt_idx" ON "EvaluatorAssignment"("evaluatorId", "withdrawnAt");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluatorAssignment_applicationId_evaluatorId_key" ON "EvaluatorAssignment"("applicationId", "evaluatorId");

-- CreateIndex
CREATE UNIQUE INDEX "ConflictDeclaration_applicationId_userId_key" ON "ConflictDeclaration"("applicationId", "userId");

-- CreateIndex
CREATE INDEX "Evaluation_evaluatorId_status_idx" ON "Evaluation"("evaluatorId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Evaluation_applicationId_evaluatorId_key" ON "Evaluation"("applicationId", "evaluatorId");

-- CreateIndex
CREATE UNIQUE INDEX "CriterionScore_evaluationId_criterionId_key" ON "CriterionScore"("evaluationId", "criterionId");

-- CreateIndex
CREATE UNIQUE INDEX "RegionalOpinion_applicationId_key" ON "RegionalOpinion"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "RegionalReview_callId_regionCode_key" ON "RegionalReview"("callId", "regionCode");

-- CreateIndex
CREATE UNIQUE INDEX "NationalReview_applicationId_key" ON "NationalReview"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_applicationId_key" ON "Decision"("applicationId");

-- CreateIndex
CREATE INDEX "Decision_outcome_reserveRank_idx" ON "Decision"("outcome", "reserveRank");

-- CreateIndex
CREATE UNIQUE INDEX "Convention_applicationId_key" ON "Convention"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Convention_number_key" ON "Convention"("number");

-- CreateIndex
CREATE INDEX "Convention_status_idx" ON "Convention"("status");

-- CreateIndex
CREATE INDEX "Payment_conventionId_idx" ON "Payment"("conventionId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_conventionId_accountingReference_key" ON "Payment"("conventionId", "accountingReference");

-- CreateIndex
CREATE UNIQUE INDEX "Report_conventionId_kind_key" ON "Report"("conventionId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- AddForeignKey
ALTER TABLE "Departement" ADD CONSTRAINT "Departement_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserToken" ADD CONSTRAINT "UserToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallLever" ADD CONSTRAINT "CallLever_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallPriority" ADD CONSTRAINT "CallPriority_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearningCommunity" ADD CONSTRAINT "LearningCommunity_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DocumentKind" ADD CONSTRAINT "DocumentKind_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentTranche" ADD CONSTRAINT "PaymentTranche_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pole" ADD CONSTRAINT "Pole_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pole" ADD CONSTRAINT "Pole_departementCode_fkey" FOREIGN KEY ("departementCode") REFERENCES "Departement"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pole" ADD CONSTRAINT "Pole_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PoleMember" ADD CONSTRAINT "PoleMember_poleId_fkey" FOREIGN KEY ("poleId") REFERENCES "Pole"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_poleId_fkey" FOREIGN KEY ("poleId") REFERENCES "Pole"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_learningCommunityId_fkey" FOREIGN KEY ("learningCommunityId") REFERENCES "LearningCommunity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeverAnswer" ADD CONSTRAINT "LeverAnswer_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeverAnswer" ADD CONSTRAINT "LeverAnswer_leverId_fkey" FOREIGN KEY ("leverId") REFERENCES "CallLever"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactIndicator" ADD CONSTRAINT "ImpactIndicator_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpenseLine" ADD CONSTRAINT "ExpenseLine_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_documentKindId_fkey" FOREIGN KEY ("documentKindId") REFERENCES "DocumentKind"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_complementRequestId_fkey" FOREIGN KEY ("complementRequestId") REFERENCES "ComplementRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_conventionId_fkey" FOREIGN KEY ("conventionId") REFERENCES "Convention"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationCollaborator" ADD CONSTRAINT "ApplicationCollaborator_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationCollaborator" ADD CONSTRAINT "ApplicationCollaborator_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplementRequest" ADD CONSTRAINT "ComplementRequest_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComplementRequest" ADD CONSTRAINT "ComplementRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceCounter" ADD CONSTRAINT "ReferenceCounter_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluatorAssignment" ADD CONSTRAINT "EvaluatorAssignment_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluatorAssignment" ADD CONSTRAINT "EvaluatorAssignment_evaluatorId_fkey" FOREIGN KEY ("evaluatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluatorAssignment" ADD CONSTRAINT "EvaluatorAssignment_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictDeclaration" ADD CONSTRAINT "ConflictDeclaration_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictDeclaration" ADD CONSTRAINT "ConflictDeclaration_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_evaluatorId_fkey" FOREIGN KEY ("evaluatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionScore" ADD CONSTRAINT "CriterionScore_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionScore" ADD CONSTRAINT "CriterionScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionalOpinion" ADD CONSTRAINT "RegionalOpinion_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionalOpinion" ADD CONSTRAINT "RegionalOpinion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionalReview" ADD CONSTRAINT "RegionalReview_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionalReview" ADD CONSTRAINT "RegionalReview_regionCode_fkey" FOREIGN KEY ("regionCode") REFERENCES "Region"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NationalReview" ADD CONSTRAINT "NationalReview_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NationalReview" ADD CONSTRAINT "NationalReview_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Convention" ADD CONSTRAINT "Convention_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_conventionId_fkey" FOREIGN KEY ("conventionId") REFERENCES "Convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_trancheId_fkey" FOREIGN KEY ("trancheId") REFERENCES "PaymentTranche"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_conventionId_fkey" FOREIGN KEY ("conventionId") REFERENCES "Convention"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
