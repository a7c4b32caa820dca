-- A short pick changes what an order is: order_items.quantity becomes the units sent (0 for a line none
-- of was found) and ordered_quantity keeps what the customer asked for, so "1 of 2 delivered" can be
-- shown and the stock still held is computed from the original. A refund row that settles a short pick
-- is marked, so the line refunds after it do not count its units against what was sent.
ALTER TABLE "order_items" ADD COLUMN "ordered_quantity" integer;--> statement-breakpoint
UPDATE "order_items" SET "ordered_quantity" = "quantity";--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "ordered_quantity" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" DROP CONSTRAINT "order_items_qty_ck";--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_qty_ck" CHECK ("order_items"."quantity" >= 0 and "order_items"."quantity" <= "order_items"."ordered_quantity");--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_ordered_qty_ck" CHECK ("order_items"."ordered_quantity" > 0);--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "short_pick" boolean DEFAULT false NOT NULL;
