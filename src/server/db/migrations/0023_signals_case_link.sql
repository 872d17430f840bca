-- A signal's case is written by the intake in the same statement batch as the signal, and the
-- retention rules delete a case's signals before the case (signals.retention.ts). The foreign key
-- checked and row-locked the case once per signal: a third of the cost of writing a batch.
ALTER TABLE "signals" DROP CONSTRAINT "signals_case_fk";
