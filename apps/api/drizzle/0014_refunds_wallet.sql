-- The refund ledger (partial refunds by line, to the card or to the wallet) and Fatafat Cash.
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL REFERENCES "orders"("id"),
	"amount" integer NOT NULL,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"includes_fees" boolean DEFAULT false NOT NULL,
	"reason" text NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"provider_refund_id" text,
	"actor_id" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "refunds_amount_ck" CHECK ("amount" > 0),
	CONSTRAINT "refunds_method_ck" CHECK ("method" in ('source', 'wallet')),
	CONSTRAINT "refunds_status_ck" CHECK ("status" in ('requested', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "refunds_order_ix" ON "refunds" ("order_id");
--> statement-breakpoint
CREATE TABLE "wallets" (
	"user_id" uuid PRIMARY KEY NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"balance" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallets_balance_ck" CHECK ("balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "wallet_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE cascade,
	"amount" integer NOT NULL,
	"kind" text NOT NULL,
	"order_id" uuid REFERENCES "orders"("id"),
	"refund_id" uuid REFERENCES "refunds"("id"),
	"reason" text NOT NULL,
	"actor_id" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallet_entries_amount_ck" CHECK ("amount" <> 0),
	CONSTRAINT "wallet_entries_kind_ck" CHECK ("kind" in ('refund', 'goodwill', 'checkout', 'checkout_reversal'))
);
--> statement-breakpoint
CREATE INDEX "wallet_entries_user_ix" ON "wallet_entries" ("user_id", "created_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_entries_order_once_uq" ON "wallet_entries" ("order_id", "kind") WHERE "kind" in ('checkout', 'checkout_reversal');
--> statement-breakpoint
-- What the checkout took from the wallet; the card or the cash at the door pays the rest.
ALTER TABLE "orders" ADD COLUMN "wallet_paid" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_wallet_paid_ck" CHECK ("wallet_paid" >= 0 AND "wallet_paid" <= "total");
--> statement-breakpoint
-- 'send_refunds': the order has ledger rows to send to the provider (a partial refund by an admin).
ALTER TABLE "payment_tasks" DROP CONSTRAINT "payment_tasks_kind_check";
--> statement-breakpoint
ALTER TABLE "payment_tasks" ADD CONSTRAINT "payment_tasks_kind_check" CHECK ("kind" IN ('refund', 'cancel_intents', 'send_refunds'));
