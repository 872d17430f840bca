ALTER TABLE "signal_cases" DROP CONSTRAINT "signal_cases_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "signals" DROP CONSTRAINT "signals_tenant_id_tenants_id_fk";
--> statement-breakpoint
DROP INDEX "signals_review";--> statement-breakpoint
CREATE INDEX "signals_review" ON "signals" USING btree ("tenant_id") WHERE link_status = 'review';--> statement-breakpoint
-- The service checks the partner of every signal (its key or its account) before writing.
ALTER TABLE "signals" DROP CONSTRAINT "signals_partner_fk";
