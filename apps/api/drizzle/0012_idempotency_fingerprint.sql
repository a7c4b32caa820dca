-- What the first attempt with an Idempotency-Key asked for: a retry with another body under the same key is
-- refused (422 idempotency_key_reused) instead of being answered with an order it did not ask for.
ALTER TABLE "orders" ADD COLUMN "idempotency_fingerprint" text;
