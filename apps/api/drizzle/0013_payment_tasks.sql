-- Payment work an order move owes the provider, written with the move so a crash after commit loses none.
CREATE TABLE "payment_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL REFERENCES "orders"("id"),
	"kind" text NOT NULL CHECK ("kind" IN ('refund', 'cancel_intents')),
	"reason" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payment_tasks_order_kind_uq" ON "payment_tasks" ("order_id", "kind");
--> statement-breakpoint
CREATE INDEX "payment_tasks_due_ix" ON "payment_tasks" ("run_at") WHERE "done_at" IS NULL;
