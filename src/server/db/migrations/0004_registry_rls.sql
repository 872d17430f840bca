-- Residents and households: trigram search, links that cannot dangle, and the tenant rules of 0001.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX persons_name_trgm ON persons USING gin (name_search gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX persons_phone_trgm ON persons USING gin (phone_search gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX addresses_search_trgm ON addresses USING gin (search gin_trgm_ops);
--> statement-breakpoint
-- Every link to a person or household names its tenant too, so a link never crosses municipalities.
ALTER TABLE household_members ADD CONSTRAINT household_members_household_fk
  FOREIGN KEY (tenant_id, household_id) REFERENCES households (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE household_members ADD CONSTRAINT household_members_person_fk
  FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id);
--> statement-breakpoint
ALTER TABLE households ADD CONSTRAINT households_address_fk
  FOREIGN KEY (tenant_id, address_id) REFERENCES addresses (tenant_id, id);
--> statement-breakpoint
ALTER TABLE consents ADD CONSTRAINT consents_person_fk
  FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id);
--> statement-breakpoint
ALTER TABLE timeline_entries ADD CONSTRAINT timeline_entries_person_fk
  FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id);
--> statement-breakpoint
ALTER TABLE timeline_entries ADD CONSTRAINT timeline_entries_household_fk
  FOREIGN KEY (tenant_id, household_id) REFERENCES households (tenant_id, id);
--> statement-breakpoint
ALTER TABLE legal_holds ADD CONSTRAINT legal_holds_person_fk
  FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id);
--> statement-breakpoint
ALTER TABLE person_access_grants ADD CONSTRAINT person_access_grants_person_fk
  FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_secrets, addresses, persons, households, household_members,
  consents, timeline_entries, legal_holds, person_access_grants, address_imports TO samen_app;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenant_secrets', 'addresses', 'persons', 'households', 'household_members',
    'consents', 'timeline_entries', 'legal_holds', 'person_access_grants', 'address_imports'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id())',
      t
    );
  END LOOP;
END $$;
