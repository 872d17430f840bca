ALTER TABLE "help_needs" ADD COLUMN "posted_by_organisation_id" uuid;--> statement-breakpoint
CREATE INDEX "help_needs_posted_by_organisation" ON "help_needs" USING btree ("tenant_id","posted_by_organisation_id");--> statement-breakpoint
-- The organisation stays with the request; if the organisation itself is removed, only the link goes.
ALTER TABLE help_needs ADD CONSTRAINT help_needs_posted_by_organisation_fk
  FOREIGN KEY (tenant_id, posted_by_organisation_id) REFERENCES partner_organisations (tenant_id, id)
  ON DELETE SET NULL (posted_by_organisation_id);
--> statement-breakpoint
-- Requests posted before: the organisation their poster belongs to now (the oldest, if several), which
-- is what its members saw until this migration.
UPDATE help_needs n SET posted_by_organisation_id = (
  SELECT po.id FROM partner_organisations po
  WHERE po.tenant_id = n.tenant_id AND n.posted_by = ANY (po.member_user_ids)
  ORDER BY po.created_at, po.id LIMIT 1
) WHERE n.posted_by IS NOT NULL AND n.posted_by_organisation_id IS NULL;
