-- Emptying the audit log at once is refused too (a TRUNCATE fires no row trigger). Removing the tail or
-- the whole log by someone who disables the triggers is detected by the signed checkpoints of its head
-- (lib/audit/checkpoint.ts).
CREATE TRIGGER "audit_event_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
