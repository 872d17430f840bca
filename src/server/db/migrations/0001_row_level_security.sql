-- Tenant isolation. The app never runs as the owner of the tables: it switches to samen_app,
-- which cannot bypass row-level security, and sets app.tenant_id per transaction.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'samen_app') THEN
    CREATE ROLE samen_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN unique_violation OR duplicate_object THEN
  -- Roles belong to the whole server: another database migrating at the same moment (the tests
  -- migrate several at once on a fresh server) created it between the check and the CREATE.
  NULL;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  EXECUTE format('GRANT samen_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
  -- A superuser may already switch to any role.
  NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION current_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION in_system_context() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT coalesce(current_setting('app.system', true), '') = 'on' $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO samen_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON users, sessions, account_tokens, neighbourhoods, email_outbox, jobs TO samen_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON tenants TO samen_app;
--> statement-breakpoint
-- The audit trail is append-only for the app.
GRANT SELECT, INSERT ON audit_log TO samen_app;
--> statement-breakpoint
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Which municipalities exist is public (the sign-in page lists them); changing one is not.
CREATE POLICY tenants_read ON tenants FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY tenants_insert ON tenants FOR INSERT WITH CHECK (in_system_context());
--> statement-breakpoint
CREATE POLICY tenants_update ON tenants FOR UPDATE USING (id = current_tenant_id() OR in_system_context());
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'sessions', 'account_tokens', 'neighbourhoods', 'email_outbox', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())',
      t
    );
  END LOOP;
END $$;
--> statement-breakpoint
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The job runner claims due jobs of every tenant; it does so in the system context only.
CREATE POLICY tenant_isolation ON jobs
  USING (tenant_id = current_tenant_id() OR in_system_context())
  WITH CHECK (tenant_id = current_tenant_id() OR in_system_context());
