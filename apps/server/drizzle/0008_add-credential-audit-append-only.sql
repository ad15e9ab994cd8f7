-- The credential audit log is append-only, as the PHI audit log is: no step is ever changed or removed.
CREATE FUNCTION credential_audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'credential_audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER credential_audit_log_append_only
  BEFORE UPDATE OR DELETE ON credential_audit_log
  FOR EACH ROW EXECUTE FUNCTION credential_audit_log_refuse_change();
