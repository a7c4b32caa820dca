-- A mobile number is a login method: it counts only once an OTP sent to it was entered.
ALTER TABLE "users" ADD COLUMN "mobile_verified_at" timestamp with time zone;--> statement-breakpoint
-- Accounts made by OTP login proved their number; floor staff's numbers were entered by an admin.
-- Any other number was attached without proof and must be verified again before it signs anyone in.
UPDATE "users" SET "mobile_verified_at" = "created_at"
  WHERE "mobile" IS NOT NULL AND ("email" IS NULL OR "role" IN ('picker', 'rider', 'staff'));
--> statement-breakpoint
-- When a password reset (a proof of the email) last set the password: numbers verified before it may have
-- been attached by whoever knew an earlier password, so a reset drops them.
ALTER TABLE "users" ADD COLUMN "password_reset_at" timestamp with time zone;
