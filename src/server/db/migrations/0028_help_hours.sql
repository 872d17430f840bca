CREATE TABLE "help_hours" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"match_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"on" date NOT NULL,
	"minutes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_hours_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "help_hours" ADD CONSTRAINT "help_hours_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_hours_match" ON "help_hours" USING btree ("tenant_id","match_id");--> statement-breakpoint
CREATE INDEX "help_hours_volunteer" ON "help_hours" USING btree ("tenant_id","volunteer_id");--> statement-breakpoint
-- Hours follow their match and cannot cross municipalities; the tenant rules of 0001.
ALTER TABLE help_hours ADD CONSTRAINT help_hours_match_fk
  FOREIGN KEY (tenant_id, match_id) REFERENCES help_matches (tenant_id, id) ON DELETE CASCADE;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON help_hours TO samen_app;
--> statement-breakpoint
ALTER TABLE help_hours ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE help_hours FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON help_hours USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
