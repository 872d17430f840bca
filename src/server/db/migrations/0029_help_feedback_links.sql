CREATE TABLE "help_feedback_links" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"sent_by_email" boolean DEFAULT false NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_feedback_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "help_feedback_links_tenant_token" UNIQUE("tenant_id","token_hash")
);
--> statement-breakpoint
ALTER TABLE "help_needs" ADD COLUMN "resident_feedback_by" text;--> statement-breakpoint
ALTER TABLE "help_needs" ADD COLUMN "resident_feedback_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "help_feedback_links" ADD CONSTRAINT "help_feedback_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_feedback_links_need" ON "help_feedback_links" USING btree ("tenant_id","need_id");--> statement-breakpoint
-- Feedback given before this column existed was recorded by staff.
UPDATE help_needs SET resident_feedback_by = 'staff' WHERE resident_rating IS NOT NULL;
--> statement-breakpoint
-- A link follows its request and cannot cross municipalities; the tenant rules of 0001.
ALTER TABLE help_feedback_links ADD CONSTRAINT help_feedback_links_need_fk
  FOREIGN KEY (tenant_id, need_id) REFERENCES help_needs (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON help_feedback_links TO samen_app;
--> statement-breakpoint
ALTER TABLE help_feedback_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE help_feedback_links FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON help_feedback_links USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
