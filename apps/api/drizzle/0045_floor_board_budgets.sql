-- The floor board's budgets for the stages after packing, per store like the claim and pack budgets (0042):
-- seconds a sealed bag may wait for its rider to pick it up, and seconds from pickup to handover.
ALTER TABLE "stores" ADD COLUMN "pickup_budget_s" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "deliver_budget_s" integer DEFAULT 900 NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD CONSTRAINT "stores_dispatch_budgets_ck" CHECK ("stores"."pickup_budget_s" between 10 and 3600 and "stores"."deliver_budget_s" between 60 and 7200);
