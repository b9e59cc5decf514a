-- CreateTable
CREATE TABLE "RegionTableVersion" (
    "callId" TEXT NOT NULL,
    "regionCode" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RegionTableVersion_pkey" PRIMARY KEY ("callId","regionCode")
);

-- Moves the counter of a call's region.
CREATE FUNCTION bump_region_table_version(call_id TEXT, region_code TEXT) RETURNS void AS $$
BEGIN
  INSERT INTO "RegionTableVersion" ("callId", "regionCode", "version") VALUES (call_id, region_code, 1)
  ON CONFLICT ("callId", "regionCode") DO UPDATE SET "version" = "RegionTableVersion"."version" + 1;
END;
$$ LANGUAGE plpgsql;

-- A submitted dossier changed (status, opinion's dossier, withdrawal…); drafts do not show in the table.
CREATE FUNCTION region_version_on_application() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD."submittedAt" IS NOT NULL THEN
    PERFORM bump_region_table_version(OLD."callId", OLD."regionCode");
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."submittedAt" IS NOT NULL AND (TG_OP = 'INSERT' OR OLD."submittedAt" IS NULL OR OLD."regionCode" <> NEW."regionCode") THEN
    PERFORM bump_region_table_version(NEW."callId", NEW."regionCode");
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "application_region_version" AFTER INSERT OR UPDATE OR DELETE ON "Application"
  FOR EACH ROW EXECUTE FUNCTION region_version_on_application();

-- A row belonging to a dossier changed: assignments, declarations, evaluations, opinions, co-editors.
CREATE FUNCTION region_version_on_dossier_row() RETURNS trigger AS $$
DECLARE
  app_id TEXT := CASE WHEN TG_OP = 'DELETE' THEN OLD."applicationId" ELSE NEW."applicationId" END;
BEGIN
  PERFORM bump_region_table_version(a."callId", a."regionCode") FROM "Application" a WHERE a.id = app_id AND a."submittedAt" IS NOT NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "assignment_region_version" AFTER INSERT OR UPDATE OR DELETE ON "EvaluatorAssignment" FOR EACH ROW EXECUTE FUNCTION region_version_on_dossier_row();
CREATE TRIGGER "conflict_region_version" AFTER INSERT OR UPDATE OR DELETE ON "ConflictDeclaration" FOR EACH ROW EXECUTE FUNCTION region_version_on_dossier_row();
CREATE TRIGGER "evaluation_region_version" AFTER INSERT OR UPDATE OR DELETE ON "Evaluation" FOR EACH ROW EXECUTE FUNCTION region_version_on_dossier_row();
CREATE TRIGGER "opinion_region_version" AFTER INSERT OR UPDATE OR DELETE ON "RegionalOpinion" FOR EACH ROW EXECUTE FUNCTION region_version_on_dossier_row();
CREATE TRIGGER "collaborator_region_version" AFTER INSERT OR UPDATE OR DELETE ON "ApplicationCollaborator" FOR EACH ROW EXECUTE FUNCTION region_version_on_dossier_row();

-- Scores are rewritten with their evaluation, whose row changes too; a pole's new name shows in the table.
CREATE FUNCTION region_version_on_pole() RETURNS trigger AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name THEN
    PERFORM bump_region_table_version(a."callId", a."regionCode") FROM "Application" a WHERE a."poleId" = NEW.id AND a."submittedAt" IS NOT NULL;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "pole_region_version" AFTER UPDATE ON "Pole" FOR EACH ROW EXECUTE FUNCTION region_version_on_pole();

-- The region's review (finalised, reopened).
CREATE FUNCTION region_version_on_review() RETURNS trigger AS $$
BEGIN
  PERFORM bump_region_table_version(NEW."callId", NEW."regionCode");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "review_region_version" AFTER INSERT OR UPDATE ON "RegionalReview" FOR EACH ROW EXECUTE FUNCTION region_version_on_review();
