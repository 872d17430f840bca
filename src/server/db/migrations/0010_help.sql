CREATE TABLE "help_matches" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"score" integer DEFAULT 0 NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"decline_reason" text,
	"minutes" integer,
	"volunteer_rating" integer,
	"volunteer_comment" text,
	CONSTRAINT "help_matches_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "help_need_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_need_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "help_needs" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid,
	"contact_person_id" uuid,
	"requester" jsonb,
	"help_type" text NOT NULL,
	"description" text NOT NULL,
	"arrangements" text,
	"timing" jsonb NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"picked_volunteer_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"no_match_reason" text,
	"source" text NOT NULL,
	"posted_by" uuid,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"area_id" uuid,
	"resident_rating" integer,
	"resident_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"matched_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_needs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "help_types" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"names" jsonb NOT NULL,
	"required_screenings" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_types_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "help_types_tenant_code" UNIQUE("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "volunteer_signups" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"language" text DEFAULT 'nl' NOT NULL,
	"wants_coaching" boolean DEFAULT false NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_signups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_signups_tenant_token" UNIQUE("tenant_id","token_hash")
);
--> statement-breakpoint
CREATE TABLE "volunteers" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"phone" text,
	"help_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"home_area_id" uuid,
	"home_lat" double precision,
	"home_lon" double precision,
	"max_distance_km" real DEFAULT 3 NOT NULL,
	"commitment" text DEFAULT 'both' NOT NULL,
	"slots" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"away" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"means" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"wants_coaching" boolean DEFAULT false NOT NULL,
	"intake_done_on" date,
	"good_conduct_on" date,
	"agreement_signed_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteers_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "help_matches" ADD CONSTRAINT "help_matches_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_need_events" ADD CONSTRAINT "help_need_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_needs" ADD CONSTRAINT "help_needs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_types" ADD CONSTRAINT "help_types_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteers" ADD CONSTRAINT "volunteers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_matches_need" ON "help_matches" USING btree ("tenant_id","need_id");--> statement-breakpoint
CREATE INDEX "help_matches_volunteer" ON "help_matches" USING btree ("tenant_id","volunteer_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "help_matches_one_accepted" ON "help_matches" USING btree ("tenant_id","need_id") WHERE status = 'accepted';--> statement-breakpoint
CREATE UNIQUE INDEX "help_matches_one_open_per_volunteer" ON "help_matches" USING btree ("tenant_id","need_id","volunteer_id") WHERE status in ('proposed', 'accepted');--> statement-breakpoint
CREATE INDEX "help_need_events_need" ON "help_need_events" USING btree ("tenant_id","need_id","at");--> statement-breakpoint
CREATE INDEX "help_needs_status" ON "help_needs" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "help_needs_household" ON "help_needs" USING btree ("tenant_id","household_id");--> statement-breakpoint
CREATE INDEX "help_needs_posted_by" ON "help_needs" USING btree ("tenant_id","posted_by");