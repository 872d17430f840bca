CREATE TABLE "coaching_attendance" (
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_attendance_tenant_id_session_id_coach_id_pk" PRIMARY KEY("tenant_id","session_id","coach_id")
);
--> statement-breakpoint
CREATE TABLE "coaching_checkins" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"progress" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_checkins_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "coaching_coaches" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"background" text,
	"background_consent" boolean DEFAULT false NOT NULL,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"gender" text,
	"area_id" uuid,
	"home_lat" double precision,
	"home_lon" double precision,
	"max_distance_km" real DEFAULT 5 NOT NULL,
	"hours_per_month" integer DEFAULT 8 NOT NULL,
	"available_until" date,
	"capacity" integer DEFAULT 1 NOT NULL,
	"screened_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_coaches_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "coaching_cohorts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"size" integer NOT NULL,
	"starts_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_cohorts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "coaching_cohorts_programme_name" UNIQUE("tenant_id","programme_id","name")
);
--> statement-breakpoint
CREATE TABLE "coaching_goals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"description" text NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_goals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "coaching_meetings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"kind" text NOT NULL,
	"minutes" integer NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"private_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_meetings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "coaching_programmes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"target_group" jsonb NOT NULL,
	"capacity" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"required_sessions" text[] DEFAULT '{communication,involvement,boundaries}'::text[] NOT NULL,
	"safety_situations" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_programmes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "coaching_programmes_tenant_name" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "coaching_referrals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"cohort_id" uuid,
	"referrer_id" uuid NOT NULL,
	"referrer_kind" text NOT NULL,
	"referrer_organisation" text NOT NULL,
	"parent_first_names" text NOT NULL,
	"family_name" text NOT NULL,
	"child_first_name" text NOT NULL,
	"child_birth_date" date NOT NULL,
	"street" text NOT NULL,
	"house_number" text NOT NULL,
	"postcode" text NOT NULL,
	"area_id" uuid NOT NULL,
	"phone" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"shared_background" text,
	"gender_preference" text,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"situation" text NOT NULL,
	"consent_given" boolean NOT NULL,
	"consent_free_to_refuse" boolean NOT NULL,
	"consent_method" text NOT NULL,
	"consent_on" date NOT NULL,
	"status" text DEFAULT 'referred' NOT NULL,
	"intake_on" date,
	"intake_notes" text,
	"reason_for_family" text,
	"household_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_referrals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "coaching_supporters" (
	"tenant_id" uuid NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"help" text NOT NULL,
	"linked_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_supporters_tenant_id_trajectory_id_volunteer_id_pk" PRIMARY KEY("tenant_id","trajectory_id","volunteer_id")
);
--> statement-breakpoint
CREATE TABLE "coaching_training_sessions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"topic" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_training_sessions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "coaching_trajectories" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"household_id" uuid,
	"coach_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"started_on" date NOT NULL,
	"planned_end_on" date NOT NULL,
	"score" integer DEFAULT 0 NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"decision" text NOT NULL,
	"decision_reason" text,
	"decided_by" uuid,
	"ended_on" date,
	"end_reason" text,
	"family_evaluation" text,
	"coach_evaluation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coaching_trajectories_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "coaching_worries" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"coach_id" uuid NOT NULL,
	"concern" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"basis" text,
	"safety_situation" text,
	"note" text,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	CONSTRAINT "coaching_worries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "coaching_attendance" ADD CONSTRAINT "coaching_attendance_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_checkins" ADD CONSTRAINT "coaching_checkins_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_coaches" ADD CONSTRAINT "coaching_coaches_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_cohorts" ADD CONSTRAINT "coaching_cohorts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_goals" ADD CONSTRAINT "coaching_goals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_meetings" ADD CONSTRAINT "coaching_meetings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_programmes" ADD CONSTRAINT "coaching_programmes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_referrals" ADD CONSTRAINT "coaching_referrals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_supporters" ADD CONSTRAINT "coaching_supporters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_training_sessions" ADD CONSTRAINT "coaching_training_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_trajectories" ADD CONSTRAINT "coaching_trajectories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coaching_worries" ADD CONSTRAINT "coaching_worries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coaching_attendance_coach" ON "coaching_attendance" USING btree ("tenant_id","coach_id");--> statement-breakpoint
CREATE INDEX "coaching_checkins_trajectory" ON "coaching_checkins" USING btree ("tenant_id","trajectory_id");--> statement-breakpoint
CREATE INDEX "coaching_goals_trajectory" ON "coaching_goals" USING btree ("tenant_id","trajectory_id");--> statement-breakpoint
CREATE INDEX "coaching_meetings_trajectory" ON "coaching_meetings" USING btree ("tenant_id","trajectory_id","held_on");--> statement-breakpoint
CREATE INDEX "coaching_referrals_referrer" ON "coaching_referrals" USING btree ("tenant_id","referrer_id","created_at");--> statement-breakpoint
CREATE INDEX "coaching_referrals_cohort" ON "coaching_referrals" USING btree ("tenant_id","cohort_id","status");--> statement-breakpoint
CREATE INDEX "coaching_trajectories_coach" ON "coaching_trajectories" USING btree ("tenant_id","coach_id","status");--> statement-breakpoint
CREATE INDEX "coaching_trajectories_cohort" ON "coaching_trajectories" USING btree ("tenant_id","cohort_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coaching_trajectories_one_active" ON "coaching_trajectories" USING btree ("tenant_id","referral_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "coaching_worries_status" ON "coaching_worries" USING btree ("tenant_id","status");