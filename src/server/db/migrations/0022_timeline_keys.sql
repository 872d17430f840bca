ALTER TABLE "timeline_entries" ADD COLUMN "summary_key" text;--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD COLUMN "summary_values" jsonb;