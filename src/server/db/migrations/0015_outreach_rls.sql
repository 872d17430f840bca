-- Door-to-door outreach: links that cannot cross municipalities or dangle, and the tenant rules of 0001.
ALTER TABLE outreach_teams ADD CONSTRAINT outreach_teams_campaign_fk
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES outreach_campaigns (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE outreach_shifts ADD CONSTRAINT outreach_shifts_campaign_fk
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES outreach_campaigns (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE outreach_shifts ADD CONSTRAINT outreach_shifts_visitor_fk
  FOREIGN KEY (tenant_id, visitor_user_id) REFERENCES users (tenant_id, id);
--> statement-breakpoint
ALTER TABLE outreach_doors ADD CONSTRAINT outreach_doors_campaign_fk
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES outreach_campaigns (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE outreach_doors ADD CONSTRAINT outreach_doors_household_fk
  FOREIGN KEY (tenant_id, household_id) REFERENCES households (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE outreach_doors ADD CONSTRAINT outreach_doors_address_fk
  FOREIGN KEY (tenant_id, address_id) REFERENCES addresses (tenant_id, id);
--> statement-breakpoint
ALTER TABLE outreach_visits ADD CONSTRAINT outreach_visits_door_fk
  FOREIGN KEY (tenant_id, door_id) REFERENCES outreach_doors (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE outreach_follow_ups ADD CONSTRAINT outreach_follow_ups_visit_fk
  FOREIGN KEY (tenant_id, visit_id) REFERENCES outreach_visits (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE outreach_follow_ups ADD CONSTRAINT outreach_follow_ups_household_fk
  FOREIGN KEY (tenant_id, household_id) REFERENCES households (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON outreach_campaigns, outreach_teams, outreach_shifts,
  outreach_doors, outreach_visits, outreach_follow_ups TO samen_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['outreach_campaigns', 'outreach_teams', 'outreach_shifts', 'outreach_doors',
    'outreach_visits', 'outreach_follow_ups'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())',
      t
    );
  END LOOP;
END $$;
