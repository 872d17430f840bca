-- Person keys become the first 128 bits of the SHA-256 of the text key, as personKey() computes them.
ALTER TABLE "signal_cases" ALTER COLUMN "person_key" SET DATA TYPE uuid USING substr(encode(sha256(convert_to("person_key", 'UTF8')), 'hex'), 1, 32)::uuid;
