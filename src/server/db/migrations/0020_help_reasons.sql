ALTER TABLE "help_need_events" ADD COLUMN "reason_key" text;--> statement-breakpoint
ALTER TABLE "help_need_events" ADD COLUMN "reason_values" jsonb;--> statement-breakpoint
ALTER TABLE "help_needs" ADD COLUMN "no_match_reasons" jsonb;--> statement-breakpoint
-- Reasons already written (in Dutch) stay readable in every language until matching runs again.
UPDATE "help_needs" SET "no_match_reasons" = jsonb_build_object('nl', "no_match_reason", 'en', "no_match_reason", 'fr', "no_match_reason") WHERE "no_match_reason" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "help_needs" DROP COLUMN "no_match_reason";