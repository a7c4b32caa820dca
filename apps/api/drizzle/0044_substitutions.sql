-- What to do when a line comes up short: replace it with something similar (the customer approves it
-- live), call the customer, or refund the missing part. Chosen per cart line, defaulted on the profile,
-- and copied onto the order's items at checkout so a later change of mind never rewrites a placed order.
ALTER TABLE "users" ADD COLUMN "when_short" text DEFAULT 'substitute' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_when_short_ck" CHECK ("users"."when_short" in ('substitute', 'call', 'refund'));--> statement-breakpoint
ALTER TABLE "cart_items" ADD COLUMN "when_short" text;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_when_short_ck" CHECK ("cart_items"."when_short" is null or "cart_items"."when_short" in ('substitute', 'call', 'refund'));--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "when_short" text DEFAULT 'refund' NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_when_short_ck" CHECK ("order_items"."when_short" in ('substitute', 'call', 'refund'));--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "substitute_for" uuid;--> statement-breakpoint
-- A picker's proposal for one short line: one per line. The substitute's units are reserved while it is
-- proposed or accepted (so they are there at packing) and released when it is declined or expires; at
-- packing an accepted one becomes an order item (status sent) charged at no more than the original.
CREATE TABLE "substitutions" (
	"order_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"substitute_variant_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"price" integer NOT NULL,
	"mrp" integer NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"by_phone" boolean DEFAULT false NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "substitutions_order_id_variant_id_pk" PRIMARY KEY("order_id","variant_id"),
	CONSTRAINT "substitutions_quantity_ck" CHECK ("substitutions"."quantity" > 0),
	CONSTRAINT "substitutions_price_ck" CHECK ("substitutions"."price" >= 0 and "substitutions"."mrp" >= 0),
	CONSTRAINT "substitutions_status_ck" CHECK ("substitutions"."status" in ('proposed', 'accepted', 'declined', 'expired', 'sent')),
	CONSTRAINT "substitutions_other_ck" CHECK ("substitutions"."substitute_variant_id" <> "substitutions"."variant_id"),
	CONSTRAINT "substitutions_answered_ck" CHECK (("substitutions"."status" = 'proposed') = ("substitutions"."answered_at" is null))
);--> statement-breakpoint
ALTER TABLE "substitutions" ADD CONSTRAINT "substitutions_pick_line_fk" FOREIGN KEY ("order_id","variant_id") REFERENCES "public"."pick_lines"("order_id","variant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "substitutions" ADD CONSTRAINT "substitutions_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "substitutions_open_ix" ON "substitutions" USING btree ("expires_at") WHERE "substitutions"."status" = 'proposed';
