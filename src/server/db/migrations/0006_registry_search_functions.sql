-- Row-level security keeps an index from serving a condition whose operator is not LEAKPROOF (LIKE and
-- pg_trgm's similarity operators are not), so under the app role every name search read the whole
-- persons table. These functions run the index-backed part of a search as their owner and filter on
-- the caller's tenant themselves (current_tenant_id(), null = nothing). They return ids and scores
-- only; the caller reads the rows under row-level security as usual and applies its record rules.
-- Where the owner cannot bypass row-level security they are still correct, only slower.
CREATE FUNCTION search_person_names(p_needle text, p_contains text, p_prefix text, p_word text, p_limit int)
RETURNS TABLE (id uuid, score real)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  t uuid := current_tenant_id();
  found int;
BEGIN
  IF t IS NULL THEN RETURN; END IF;
  -- Substring matches first; whole-word starts rank above matches inside a word.
  RETURN QUERY
    SELECT p.id, (CASE WHEN p.name_search LIKE p_prefix OR p.name_search LIKE p_word THEN 1 ELSE 0.9 END)::real
    FROM persons p
    WHERE p.tenant_id = t AND p.anonymised_at IS NULL AND p.name_search LIKE p_contains
    ORDER BY 2 DESC, p.family_name, p.given_name
    LIMIT p_limit;
  GET DIAGNOSTICS found = ROW_COUNT;
  IF found >= p_limit THEN RETURN; END IF;
  -- Then the typo-tolerant matches (pg_trgm.word_similarity_threshold, set by the caller).
  RETURN QUERY
    SELECT p.id, (word_similarity(p_needle, p.name_search) * 0.9)::real
    FROM persons p
    WHERE p.tenant_id = t AND p.anonymised_at IS NULL
      AND p_needle <% p.name_search AND p.name_search NOT LIKE p_contains
    ORDER BY 2 DESC, p.family_name, p.given_name
    LIMIT p_limit - found;
END
$$;
--> statement-breakpoint
CREATE FUNCTION search_address_ids(p_needle text, p_contains text, p_limit int, p_fuzzy boolean DEFAULT true)
RETURNS TABLE (id uuid, score real)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  t uuid := current_tenant_id();
  found int;
BEGIN
  IF t IS NULL THEN RETURN; END IF;
  RETURN QUERY
    SELECT a.id, 1::real FROM addresses a
    WHERE a.tenant_id = t AND a.search LIKE p_contains
    ORDER BY a.search
    LIMIT p_limit;
  GET DIAGNOSTICS found = ROW_COUNT;
  IF found > 0 OR NOT p_fuzzy THEN RETURN; END IF;
  RETURN QUERY
    SELECT a.id, word_similarity(p_needle, a.search)::real FROM addresses a
    WHERE a.tenant_id = t AND p_needle <% a.search
    ORDER BY 2 DESC, a.search
    LIMIT p_limit;
END
$$;
--> statement-breakpoint
CREATE FUNCTION search_person_phones(p_contains text, p_limit int)
RETURNS TABLE (id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
  t uuid := current_tenant_id();
BEGIN
  IF t IS NULL THEN RETURN; END IF;
  RETURN QUERY
    SELECT p.id FROM persons p
    WHERE p.tenant_id = t AND p.anonymised_at IS NULL AND p.phone_search LIKE p_contains
    ORDER BY p.family_name, p.given_name
    LIMIT p_limit;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION search_person_names(text, text, text, text, int) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION search_address_ids(text, text, int, boolean) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION search_person_phones(text, int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION search_person_names(text, text, text, text, int) TO samen_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION search_address_ids(text, text, int, boolean) TO samen_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION search_person_phones(text, int) TO samen_app;
