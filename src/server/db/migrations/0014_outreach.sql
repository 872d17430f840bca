CREATE TABLE "outreach_campaigns" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"neighbourhood_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"streets" text[] DEFAULT '{}'::text[] NOT NULL,
	"filter" text DEFAULT 'none' NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tips" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"visit_minutes" integer DEFAULT 10 NOT NULL,
	"planned_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_campaigns_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "outreach_doors" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"address_id" uuid NOT NULL,
	"neighbourhood_id" uuid,
	"lat" double precision,
	"lon" double precision,
	"state" text DEFAULT 'open' NOT NULL,
	"reason" text,
	"shift_id" uuid,
	"previous_shift_id" uuid,
	"pinned" boolean DEFAULT false NOT NULL,
	"seq" integer,
	"eta" integer,
	"window_start" integer NOT NULL,
	"window_end" integer NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"needs_review" boolean DEFAULT false NOT NULL,
	"last_visit_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_doors_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "outreach_doors_household" UNIQUE("tenant_id","campaign_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "outreach_follow_ups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"door_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"consent" boolean NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"partner_name" text,
	"help_need_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_follow_ups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "outreach_shifts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"team_id" uuid,
	"visitor_user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	"mode" text NOT NULL,
	"start_lat" double precision NOT NULL,
	"start_lon" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_shifts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "outreach_teams" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"name" text NOT NULL,
	"organisation" text NOT NULL,
	"partner_name" text,
	"manager_user_id" uuid,
	"neighbourhood_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"member_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_teams_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "outreach_visits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"door_id" uuid NOT NULL,
	"shift_id" uuid,
	"visitor_user_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"retry_hint" text,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"tips" text[] DEFAULT '{}'::text[] NOT NULL,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"base_version" integer NOT NULL,
	"conflict" boolean DEFAULT false NOT NULL,
	"client_recorded_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_visits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "outreach_visits_client" UNIQUE("tenant_id","client_id")
);
--> statement-breakpoint
ALTER TABLE "outreach_campaigns" ADD CONSTRAINT "outreach_campaigns_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_doors" ADD CONSTRAINT "outreach_doors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_follow_ups" ADD CONSTRAINT "outreach_follow_ups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_shifts" ADD CONSTRAINT "outreach_shifts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_teams" ADD CONSTRAINT "outreach_teams_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_visits" ADD CONSTRAINT "outreach_visits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outreach_doors_shift" ON "outreach_doors" USING btree ("tenant_id","shift_id");--> statement-breakpoint
CREATE INDEX "outreach_follow_ups_campaign" ON "outreach_follow_ups" USING btree ("tenant_id","campaign_id","status");--> statement-breakpoint
CREATE INDEX "outreach_follow_ups_kind" ON "outreach_follow_ups" USING btree ("tenant_id","kind","status");--> statement-breakpoint
CREATE INDEX "outreach_shifts_campaign" ON "outreach_shifts" USING btree ("tenant_id","campaign_id");--> statement-breakpoint
CREATE INDEX "outreach_shifts_visitor" ON "outreach_shifts" USING btree ("tenant_id","visitor_user_id","day");--> statement-breakpoint
CREATE INDEX "outreach_teams_campaign" ON "outreach_teams" USING btree ("tenant_id","campaign_id");--> statement-breakpoint
CREATE INDEX "outreach_visits_door" ON "outreach_visits" USING btree ("tenant_id","door_id","received_at");