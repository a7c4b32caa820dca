-- The pick: one picker's claim on one order, its lines in walking order, and the store's floor settings.
-- A claim is the picks row (one per order: the primary key makes a second claim impossible); a line is
-- answered once (found, scanned or not, the reason when short); packing closes the pick with its bag count.
ALTER TABLE "stores" ADD COLUMN "pick_batching" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "claim_budget_s" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "pack_budget_s" integer DEFAULT 150 NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_floor_budgets_ck" CHECK ("stores"."claim_budget_s" between 5 and 3600 and "stores"."pack_budget_s" between 10 and 3600);--> statement-breakpoint
CREATE TABLE "picks" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"store_id" uuid NOT NULL,
	"picker_id" uuid NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"packed_at" timestamp with time zone,
	"bags" integer,
	CONSTRAINT "picks_bags_ck" CHECK ("picks"."bags" is null or "picks"."bags" between 1 and 50),
	CONSTRAINT "picks_packed_ck" CHECK (("picks"."packed_at" is null) = ("picks"."bags" is null))
);--> statement-breakpoint
ALTER TABLE "picks" ADD CONSTRAINT "picks_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "picks" ADD CONSTRAINT "picks_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "picks" ADD CONSTRAINT "picks_picker_id_users_id_fk" FOREIGN KEY ("picker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "picks_open_picker_ix" ON "picks" USING btree ("picker_id") WHERE "picks"."packed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "picks_store_claimed_ix" ON "picks" USING btree ("store_id","claimed_at");--> statement-breakpoint
CREATE TABLE "pick_lines" (
	"order_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"temperature" text NOT NULL,
	"bin" text,
	"quantity" integer NOT NULL,
	"found" integer,
	"scanned" boolean DEFAULT false NOT NULL,
	"short_reason" text,
	"picked_at" timestamp with time zone,
	CONSTRAINT "pick_lines_order_id_variant_id_pk" PRIMARY KEY("order_id","variant_id"),
	CONSTRAINT "pick_lines_quantity_ck" CHECK ("pick_lines"."quantity" > 0),
	CONSTRAINT "pick_lines_found_ck" CHECK ("pick_lines"."found" is null or "pick_lines"."found" between 0 and "pick_lines"."quantity"),
	CONSTRAINT "pick_lines_answered_ck" CHECK (("pick_lines"."found" is null) = ("pick_lines"."picked_at" is null)),
	CONSTRAINT "pick_lines_short_ck" CHECK ("pick_lines"."found" is null or ("pick_lines"."found" = "pick_lines"."quantity") = ("pick_lines"."short_reason" is null)),
	CONSTRAINT "pick_lines_reason_ck" CHECK ("pick_lines"."short_reason" is null or "pick_lines"."short_reason" in ('not_on_shelf', 'damaged', 'expired'))
);--> statement-breakpoint
ALTER TABLE "pick_lines" ADD CONSTRAINT "pick_lines_order_id_picks_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."picks"("order_id") ON DELETE cascade ON UPDATE no action;
