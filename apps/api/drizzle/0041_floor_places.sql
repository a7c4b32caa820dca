-- Where things are on the store floor: a temperature zone per subcategory, an EAN-13 barcode per variant
-- and a bin (zone-aisle-rack-shelf) per stock row. The rules are the contracts' floor-rules module.
CREATE FUNCTION ff_ean13_ok(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT code ~ '^[0-9]{13}$' AND (
    10 - (
      (substr(code, 1, 1)::int + substr(code, 3, 1)::int + substr(code, 5, 1)::int + substr(code, 7, 1)::int
        + substr(code, 9, 1)::int + substr(code, 11, 1)::int)
      + 3 * (substr(code, 2, 1)::int + substr(code, 4, 1)::int + substr(code, 6, 1)::int + substr(code, 8, 1)::int
        + substr(code, 10, 1)::int + substr(code, 12, 1)::int)
    ) % 10
  ) % 10 = substr(code, 13, 1)::int
$$;--> statement-breakpoint
ALTER TABLE "subcategories" ADD COLUMN "temperature" text DEFAULT 'ambient' NOT NULL;--> statement-breakpoint
ALTER TABLE "subcategories" ADD CONSTRAINT "subcategories_temperature_ck" CHECK ("subcategories"."temperature" in ('ambient', 'chilled', 'frozen'));--> statement-breakpoint
ALTER TABLE "variants" ADD COLUMN "barcode" text;--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_barcode_ck" CHECK ("variants"."barcode" is null or ff_ean13_ok("variants"."barcode"));--> statement-breakpoint
CREATE UNIQUE INDEX "variants_barcode_uq" ON "variants" USING btree ("barcode");--> statement-breakpoint
ALTER TABLE "stock" ADD COLUMN "bin" text;--> statement-breakpoint
ALTER TABLE "stock" ADD CONSTRAINT "stock_bin_ck" CHECK ("stock"."bin" is null or "stock"."bin" ~ '^[A-Z]-[0-9]{2}-[A-Z]-[0-9]{1,2}$');
