-- The PHI audit log is append-only: no row is ever changed or removed, by the app or by hand.
CREATE FUNCTION phi_audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'phi_audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER phi_audit_log_append_only
  BEFORE UPDATE OR DELETE ON phi_audit_log
  FOR EACH ROW EXECUTE FUNCTION phi_audit_log_refuse_change();
