-- Genk Helpt: links that cannot cross municipalities or dangle, and the tenant rules of 0001.
ALTER TABLE help_needs ADD CONSTRAINT help_needs_household_fk
  FOREIGN KEY (tenant_id, household_id) REFERENCES households (tenant_id, id);
--> statement-breakpoint
ALTER TABLE help_needs ADD CONSTRAINT help_needs_contact_person_fk
  FOREIGN KEY (tenant_id, contact_person_id) REFERENCES persons (tenant_id, id);
--> statement-breakpoint
ALTER TABLE help_need_events ADD CONSTRAINT help_need_events_need_fk
  FOREIGN KEY (tenant_id, need_id) REFERENCES help_needs (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE help_matches ADD CONSTRAINT help_matches_need_fk
  FOREIGN KEY (tenant_id, need_id) REFERENCES help_needs (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE help_matches ADD CONSTRAINT help_matches_volunteer_fk
  FOREIGN KEY (tenant_id, volunteer_id) REFERENCES volunteers (tenant_id, user_id);
--> statement-breakpoint
ALTER TABLE volunteers ADD CONSTRAINT volunteers_user_fk
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON help_types, volunteer_signups, volunteers, help_needs,
  help_need_events, help_matches TO samen_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['help_types', 'volunteer_signups', 'volunteers', 'help_needs',
    'help_need_events', 'help_matches'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())',
      t
    );
  END LOOP;
END $$;
