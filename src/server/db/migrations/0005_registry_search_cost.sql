-- The planner prices pg_trgm's word-similarity operators like a plain comparison, so for common
-- names it prefers checking every row (about 10 µs each) over the trigram index. Their true cost
-- makes it use the index. Only the owner of the extension may change this; elsewhere it is skipped.
DO $$
BEGIN
  ALTER FUNCTION word_similarity_op(text, text) COST 200;
  ALTER FUNCTION word_similarity_commutator_op(text, text) COST 200;
  ALTER FUNCTION similarity_op(text, text) COST 200;
EXCEPTION WHEN insufficient_privilege OR undefined_function THEN
  RAISE NOTICE 'pg_trgm operator costs left as they are: %', SQLERRM;
END $$;
