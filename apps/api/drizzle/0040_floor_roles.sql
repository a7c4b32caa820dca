-- Pickers and riders work at one dark store, like store managers (staff). A staff account without a store
-- could never act (every staff route is scoped to its store), so any such row becomes a customer before
-- the store becomes required.
UPDATE "users" SET "role" = 'customer' WHERE "role" = 'staff' AND "store_id" IS NULL;--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_role_ck";--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_ck" CHECK ("users"."role" in ('customer', 'picker', 'rider', 'staff', 'admin'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_store_ck" CHECK ("users"."role" not in ('picker', 'rider', 'staff') or "users"."store_id" is not null);--> statement-breakpoint
CREATE INDEX "users_store_role_ix" ON "users" USING btree ("store_id","role") WHERE "users"."store_id" IS NOT NULL;
