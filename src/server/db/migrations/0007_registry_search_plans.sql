-- PL/pgSQL caches a generic plan after a few calls; for LIKE and similarity conditions a generic
-- plan cannot know how selective the pattern is and reads the whole table. Plan every call anew.
ALTER FUNCTION search_person_names(text, text, text, text, int) SET plan_cache_mode = force_custom_plan;
--> statement-breakpoint
ALTER FUNCTION search_address_ids(text, text, int, boolean) SET plan_cache_mode = force_custom_plan;
--> statement-breakpoint
ALTER FUNCTION search_person_phones(text, int) SET plan_cache_mode = force_custom_plan;
