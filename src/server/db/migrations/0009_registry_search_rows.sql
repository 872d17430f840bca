-- Without an estimate the planner assumes a function returns 1,000 rows and joins its result to
-- persons by hashing the whole table. A search returns a page of ids: say so.
ALTER FUNCTION search_person_names(text, text, text, text, int) ROWS 25;
--> statement-breakpoint
ALTER FUNCTION search_address_ids(text, text, int, boolean) ROWS 25;
--> statement-breakpoint
ALTER FUNCTION search_person_phones(text, int) ROWS 25;
