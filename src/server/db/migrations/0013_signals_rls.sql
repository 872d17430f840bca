-- Early signals: links inside the module that cannot dangle, and the tenant rules of 0001.
ALTER TABLE signals ADD CONSTRAINT signals_case_fk
  FOREIGN KEY (tenant_id, case_id) REFERENCES signal_cases (tenant_id, id) ON DELETE SET NULL (case_id);
--> statement-breakpoint
ALTER TABLE signals ADD CONSTRAINT signals_partner_fk
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partner_organisations (tenant_id, id);
--> statement-breakpoint
ALTER TABLE partner_api_keys ADD CONSTRAINT partner_api_keys_partner_fk
  FOREIGN KEY (tenant_id, partner_id) REFERENCES partner_organisations (tenant_id, id);
--> statement-breakpoint
ALTER TABLE signal_case_events ADD CONSTRAINT signal_case_events_case_fk
  FOREIGN KEY (tenant_id, case_id) REFERENCES signal_cases (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE committee_items ADD CONSTRAINT committee_items_case_fk
  FOREIGN KEY (tenant_id, case_id) REFERENCES signal_cases (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE committee_items ADD CONSTRAINT committee_items_meeting_fk
  FOREIGN KEY (tenant_id, meeting_id) REFERENCES committee_meetings (tenant_id, id);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON partner_organisations, partner_api_keys, signal_teams, signal_settings,
  signal_uploads, signal_cases, signals, signal_case_events, committee_meetings, committee_items TO samen_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['partner_organisations', 'partner_api_keys', 'signal_teams', 'signal_settings',
    'signal_uploads', 'signal_cases', 'signals', 'signal_case_events', 'committee_meetings',
    'committee_items'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())',
      t
    );
  END LOOP;
END $$;
