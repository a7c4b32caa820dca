-- Riders and dispatch: shifts, the latest position per rider (when Redis is not used), a bounded trail per
-- delivery, the dispatch record of each order (one rider per order), offers with their expiry, the proof
-- of delivery code, an audit log of manual steps, and an append-only cash ledger per rider shift.
ALTER TABLE "orders" ADD COLUMN "delivery_code" text DEFAULT lpad((floor(random() * 10000))::int::text, 4, '0') NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_delivery_code_ck" CHECK ("orders"."delivery_code" ~ '^[0-9]{4}$');--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "support_phone" text DEFAULT '+918040000000' NOT NULL;--> statement-breakpoint
CREATE TABLE "rider_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rider_id" uuid NOT NULL REFERENCES "users"("id"),
	"store_id" uuid NOT NULL REFERENCES "stores"("id"),
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "rider_shifts_span_ck" CHECK ("ended_at" IS NULL OR "ended_at" >= "started_at")
);--> statement-breakpoint
CREATE UNIQUE INDEX "rider_shifts_open_uq" ON "rider_shifts" ("rider_id") WHERE "ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "rider_shifts_store_open_ix" ON "rider_shifts" ("store_id") WHERE "ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "rider_shifts_store_started_ix" ON "rider_shifts" ("store_id", "started_at");--> statement-breakpoint
CREATE TABLE "rider_positions" (
	"rider_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"accuracy" real NOT NULL,
	"heading" real,
	"speed" real,
	"at" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE TABLE "rider_trail" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL REFERENCES "orders"("id") ON DELETE CASCADE,
	"rider_id" uuid NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"at" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE INDEX "rider_trail_order_ix" ON "rider_trail" ("order_id", "at");--> statement-breakpoint
CREATE INDEX "rider_trail_at_ix" ON "rider_trail" ("at");--> statement-breakpoint
CREATE TABLE "deliveries" (
	"order_id" uuid PRIMARY KEY NOT NULL REFERENCES "orders"("id") ON DELETE CASCADE,
	"store_id" uuid NOT NULL REFERENCES "stores"("id"),
	"state" text DEFAULT 'waiting' NOT NULL,
	"rider_id" uuid REFERENCES "users"("id"),
	"shift_id" uuid REFERENCES "rider_shifts"("id"),
	"code_attempts" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"waiting_since" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_at" timestamp with time zone,
	"picked_up_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"unreachable_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_state_ck" CHECK ("state" in ('waiting', 'offered', 'assigned', 'picked_up', 'unreachable', 'delivered', 'returned', 'cancelled')),
	CONSTRAINT "deliveries_rider_ck" CHECK ("state" not in ('assigned', 'picked_up', 'unreachable', 'delivered', 'returned') OR ("rider_id" IS NOT NULL AND "shift_id" IS NOT NULL)),
	CONSTRAINT "deliveries_attempts_ck" CHECK ("code_attempts" >= 0)
);--> statement-breakpoint
CREATE INDEX "deliveries_store_state_ix" ON "deliveries" ("store_id", "state");--> statement-breakpoint
CREATE INDEX "deliveries_rider_ix" ON "deliveries" ("rider_id", "state");--> statement-breakpoint
CREATE INDEX "deliveries_shift_ix" ON "deliveries" ("shift_id");--> statement-breakpoint
CREATE TABLE "delivery_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL REFERENCES "orders"("id") ON DELETE CASCADE,
	"rider_id" uuid NOT NULL REFERENCES "users"("id"),
	"shift_id" uuid NOT NULL REFERENCES "rider_shifts"("id"),
	"status" text DEFAULT 'open' NOT NULL,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "delivery_offers_status_ck" CHECK ("status" in ('open', 'accepted', 'declined', 'expired', 'withdrawn'))
);--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_offers_order_open_uq" ON "delivery_offers" ("order_id") WHERE "status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_offers_rider_open_uq" ON "delivery_offers" ("rider_id") WHERE "status" = 'open';--> statement-breakpoint
CREATE INDEX "delivery_offers_expiry_ix" ON "delivery_offers" ("expires_at") WHERE "status" = 'open';--> statement-breakpoint
CREATE INDEX "delivery_offers_order_ix" ON "delivery_offers" ("order_id", "rider_id");--> statement-breakpoint
CREATE TABLE "delivery_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL REFERENCES "orders"("id") ON DELETE CASCADE,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_role" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
CREATE INDEX "delivery_log_order_ix" ON "delivery_log" ("order_id", "id");--> statement-breakpoint
CREATE TABLE "rider_cash" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"shift_id" uuid NOT NULL REFERENCES "rider_shifts"("id"),
	"rider_id" uuid NOT NULL REFERENCES "users"("id"),
	"store_id" uuid NOT NULL REFERENCES "stores"("id"),
	"order_id" uuid REFERENCES "orders"("id"),
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"recorded_by" uuid NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rider_cash_kind_ck" CHECK ("kind" in ('cash', 'upi', 'deposit')),
	CONSTRAINT "rider_cash_amount_ck" CHECK ("amount" >= 0),
	CONSTRAINT "rider_cash_order_ck" CHECK (("kind" = 'deposit') = ("order_id" IS NULL))
);--> statement-breakpoint
CREATE UNIQUE INDEX "rider_cash_order_uq" ON "rider_cash" ("order_id") WHERE "order_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "rider_cash_shift_ix" ON "rider_cash" ("shift_id");--> statement-breakpoint
CREATE INDEX "rider_cash_store_ix" ON "rider_cash" ("store_id", "created_at");
