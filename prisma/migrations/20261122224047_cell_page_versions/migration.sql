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
DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['Region', 'Departement', 'User', 'RoleAssignment', 'Call', 'CallLever', 'CallPriority', 'LearningCommunity', 'DocumentKind', 'Criterion', 'PaymentTranche', 'Pole', 'PoleMember'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_common_data_version()', t || '_common_version', t);
  END LOOP;
END;
$$;

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
DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['LeverAnswer', 'ImpactIndicator', 'ExpenseLine', 'FundingLine', 'Attachment', 'Message', 'ComplementRequest', 'StatusChange', 'CriterionScore', 'NationalReview', 'Decision', 'Convention', 'Payment', 'Report'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION region_version_on_linked_row()', t || '_region_version', t);
  END LOOP;
END;
$$;

-- A region's review removed (its creation and changes move the counter already).
CREATE FUNCTION region_version_on_review_delete() RETURNS trigger AS $$
BEGIN
  PERFORM bump_region_table_version(OLD."callId", OLD."regionCode");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "review_delete_region_version" AFTER DELETE ON "RegionalReview" FOR EACH ROW EXECUTE FUNCTION region_version_on_review_delete();
