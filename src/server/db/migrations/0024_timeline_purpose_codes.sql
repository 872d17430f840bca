-- Talent coaching and early signals wrote their timeline purpose as English words; they now write the
-- codes the web app translates (registry.timelinePurposes), as the other modules do.
UPDATE "timeline_entries" SET "purpose" = 'talent_coaching' WHERE "purpose" = 'talent coaching';--> statement-breakpoint
UPDATE "timeline_entries" SET "purpose" = 'early_signals' WHERE "purpose" = 'early signal';
