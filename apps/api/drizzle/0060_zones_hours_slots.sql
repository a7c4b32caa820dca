-- Where and when a store delivers. Every existing store stays open around the clock (no weekly ranges)
-- with no zone (its radius and pincodes keep serving) until an admin sets hours or draws a zone: the old
-- opens_at/closes_at pair was never enforced, so honouring it now would close stores without warning.
ALTER TABLE "stores" ADD COLUMN "zone" jsonb;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "time_zone" text DEFAULT 'Asia/Kolkata' NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "weekly_hours" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "closures" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "state" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "state_reason" text;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "state_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "orders_per_window" integer;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "slot_capacity" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_state_ck" CHECK ("stores"."state" in ('open', 'busy', 'paused'));--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_orders_per_window_ck" CHECK ("stores"."orders_per_window" is null or "stores"."orders_per_window" > 0);--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_slot_capacity_ck" CHECK ("stores"."slot_capacity" >= 0);--> statement-breakpoint
ALTER TABLE "stores" DROP COLUMN "opens_at";--> statement-breakpoint
ALTER TABLE "stores" DROP COLUMN "closes_at";--> statement-breakpoint
-- One counter every write to stores bumps (a statement trigger, so seeds, admin writes and raw SQL alike):
-- every process caches the parsed stores under it and reloads when it moves.
CREATE TABLE "store_versions" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "store_versions_one_row_ck" CHECK ("store_versions"."id" = 1)
);--> statement-breakpoint
INSERT INTO "store_versions" ("id", "version") VALUES (1, 0);--> statement-breakpoint
CREATE FUNCTION "ff_bump_store_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "store_versions" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stores_version_tg" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "stores"
	FOR EACH STATEMENT EXECUTE FUNCTION "ff_bump_store_version"();--> statement-breakpoint
-- Orders taken per store per 10-minute window: the cap's race-safe counter (a conditional upsert).
CREATE TABLE "store_order_windows" (
	"store_id" uuid NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "store_order_windows_pk" PRIMARY KEY("store_id","window_start"),
	CONSTRAINT "store_order_windows_orders_ck" CHECK ("store_order_windows"."orders" >= 0)
);--> statement-breakpoint
ALTER TABLE "store_order_windows" ADD CONSTRAINT "store_order_windows_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Delivery slots taken: a row per (store, window start) once someone books it; taken never passes capacity.
CREATE TABLE "delivery_slots" (
	"store_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "delivery_slots_pk" PRIMARY KEY("store_id","starts_at"),
	CONSTRAINT "delivery_slots_taken_ck" CHECK ("delivery_slots"."taken" >= 0 and "delivery_slots"."taken" <= "delivery_slots"."capacity")
);--> statement-breakpoint
ALTER TABLE "delivery_slots" ADD CONSTRAINT "delivery_slots_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "slot_starts_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "orders_scheduled_slot_ix" ON "orders" USING btree ("slot_starts_at") WHERE "orders"."status" = 'scheduled';
