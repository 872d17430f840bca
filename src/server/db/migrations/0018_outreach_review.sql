-- Door-to-door outreach: how a coordinator settled a door two visitors recorded, and when to try a "not home" door again.
ALTER TABLE "outreach_doors" ADD COLUMN "resolution" jsonb;--> statement-breakpoint
ALTER TABLE "outreach_doors" ADD COLUMN "retry_not_before" date;--> statement-breakpoint
ALTER TABLE "outreach_visits" ADD COLUMN "retry_from" integer;--> statement-breakpoint
ALTER TABLE "outreach_visits" ADD COLUMN "retry_until" integer;--> statement-breakpoint
ALTER TABLE "outreach_visits" ADD COLUMN "retry_on" date;