-- GST tax invoices: an HSN code and a GST rate on each variant, the seller's registration on each store,
-- per (store, series, financial year) counters and the issued documents (invoices and credit notes).
ALTER TABLE "variants" ADD COLUMN "hsn" text;
--> statement-breakpoint
-- 18 % is the standard rate: a variant nobody classified is never under-taxed.
ALTER TABLE "variants" ADD COLUMN "gst_rate" integer DEFAULT 18 NOT NULL;
--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_hsn_ck" CHECK ("hsn" IS NULL OR "hsn" ~ '^[0-9]{4,8}$');
--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_gst_rate_ck" CHECK ("gst_rate" IN (0, 5, 12, 18, 28));
--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "gstin" text;
--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "legal_name" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "gst_state" text DEFAULT '' NOT NULL;
--> statement-breakpoint
-- The store's part of its document numbers (GGN1/2026-27/000123): unique, so two stores never share a number.
ALTER TABLE "stores" ADD COLUMN "invoice_code" text;
--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_gstin_ck" CHECK ("gstin" IS NULL OR "gstin" ~ '^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$');
--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_invoice_code_ck" CHECK ("invoice_code" IS NULL OR "invoice_code" ~ '^[A-Z0-9]{2,8}$');
--> statement-breakpoint
CREATE UNIQUE INDEX "stores_invoice_code_uq" ON "stores" ("invoice_code");
--> statement-breakpoint
-- The next number of each series: taken with an update in the transaction that issues the document, so
-- a rolled-back issue gives its number back (gapless) and concurrent issues queue on the row (unique).
CREATE TABLE "tax_counters" (
	"store_id" uuid NOT NULL REFERENCES "stores"("id") ON DELETE cascade,
	"series" text NOT NULL,
	"fiscal_year" text NOT NULL,
	"next" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tax_counters_pk" PRIMARY KEY ("store_id", "series", "fiscal_year"),
	CONSTRAINT "tax_counters_series_ck" CHECK ("series" IN ('invoice', 'credit_note')),
	CONSTRAINT "tax_counters_next_ck" CHECK ("next" >= 1)
);
--> statement-breakpoint
CREATE TABLE "tax_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"store_id" uuid NOT NULL REFERENCES "stores"("id"),
	"order_id" uuid NOT NULL REFERENCES "orders"("id"),
	"refund_id" uuid REFERENCES "refunds"("id"),
	"fiscal_year" text NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"amount" integer NOT NULL,
	"detail" jsonb NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tax_documents_kind_ck" CHECK ("kind" IN ('invoice', 'credit_note')),
	CONSTRAINT "tax_documents_amount_ck" CHECK ("amount" >= 0),
	CONSTRAINT "tax_documents_credit_note_ck" CHECK (("kind" = 'credit_note') = ("refund_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "tax_documents_seq_uq" ON "tax_documents" ("store_id", "kind", "fiscal_year", "seq");
--> statement-breakpoint
CREATE UNIQUE INDEX "tax_documents_number_uq" ON "tax_documents" ("store_id", "number");
--> statement-breakpoint
CREATE UNIQUE INDEX "tax_documents_invoice_once_uq" ON "tax_documents" ("order_id") WHERE "kind" = 'invoice';
--> statement-breakpoint
CREATE UNIQUE INDEX "tax_documents_refund_once_uq" ON "tax_documents" ("refund_id");
--> statement-breakpoint
CREATE INDEX "tax_documents_order_ix" ON "tax_documents" ("order_id", "issued_at");
