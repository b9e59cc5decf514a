-- CreateTable
CREATE TABLE "CommonDataVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CommonDataVersion_pkey" PRIMARY KEY ("id")
);

-- The data every region's pages share: any change, whatever its rows, moves the one common counter.
CREATE FUNCTION bump_common_data_version() RETURNS trigger AS $$
BEGIN
  INSERT INTO "CommonDataVersion" ("id", "version") VALUES (1, 1)
  ON CONFLICT ("id") DO UPDATE SET "version" = "CommonDataVersion"."version" + 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "region_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Region" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "departement_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Departement" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "user_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "User" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "role_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RoleAssignment" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "call_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Call" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "call_lever_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CallLever" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "call_priority_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CallPriority" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "learning_community_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "LearningCommunity" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "document_kind_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "DocumentKind" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "criterion_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Criterion" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "payment_tranche_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PaymentTranche" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "pole_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Pole" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();
CREATE TRIGGER "pole_member_common_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PoleMember" FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version();

-- The other rows of a submitted dossier move their region's counter, found through the dossier, its
-- evaluation, its convention or its report (the table's own columns say which).
CREATE FUNCTION region_version_on_linked_row() RETURNS trigger AS $$
DECLARE
  r JSONB;
  app_id TEXT;
BEGIN
  IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
  app_id := r->>'applicationId';
  IF app_id IS NULL AND r->>'evaluationId' IS NOT NULL THEN
    SELECT e."applicationId" INTO app_id FROM "Evaluation" e WHERE e.id = r->>'evaluationId';
  END IF;
  IF app_id IS NULL AND r->>'reportId' IS NOT NULL THEN
    SELECT c."applicationId" INTO app_id FROM "Report" p JOIN "Convention" c ON c.id = p."conventionId" WHERE p.id = r->>'reportId';
  END IF;
  IF app_id IS NULL AND r->>'conventionId' IS NOT NULL THEN
    SELECT c."applicationId" INTO app_id FROM "Convention" c WHERE c.id = r->>'conventionId';
  END IF;
  PERFORM bump_region_table_version(a."callId", a."regionCode") FROM "Application" a WHERE a.id = app_id AND a."submittedAt" IS NOT NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "lever_answer_region_version" AFTER INSERT OR UPDATE OR DELETE ON "LeverAnswer" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "impact_indicator_region_version" AFTER INSERT OR UPDATE OR DELETE ON "ImpactIndicator" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "expense_line_region_version" AFTER INSERT OR UPDATE OR DELETE ON "ExpenseLine" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "funding_line_region_version" AFTER INSERT OR UPDATE OR DELETE ON "FundingLine" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "attachment_region_version" AFTER INSERT OR UPDATE OR DELETE ON "Attachment" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "message_region_version" AFTER INSERT OR UPDATE OR DELETE ON "Message" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "complement_request_region_version" AFTER INSERT OR UPDATE OR DELETE ON "ComplementRequest" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "status_change_region_version" AFTER INSERT OR UPDATE OR DELETE ON "StatusChange" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "criterion_score_region_version" AFTER INSERT OR UPDATE OR DELETE ON "CriterionScore" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "national_review_region_version" AFTER INSERT OR UPDATE OR DELETE ON "NationalReview" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "decision_region_version" AFTER INSERT OR UPDATE OR DELETE ON "Decision" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "convention_region_version" AFTER INSERT OR UPDATE OR DELETE ON "Convention" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "payment_region_version" AFTER INSERT OR UPDATE OR DELETE ON "Payment" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();
CREATE TRIGGER "report_region_version" AFTER INSERT OR UPDATE OR DELETE ON "Report" FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row();

-- A region's review removed (its creation and changes move the counter already).
CREATE FUNCTION region_version_on_review_delete() RETURNS trigger AS $$
BEGIN
  PERFORM bump_region_table_version(OLD."callId", OLD."regionCode");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "review_delete_region_version" AFTER DELETE ON "RegionalReview" FOR EACH ROW EXECUTE FUNCTION region_version_on_review_delete();
