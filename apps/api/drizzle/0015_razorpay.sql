-- Razorpay beside Stripe: a payment row's provider_ref is the Razorpay order checkout created, and the
-- payment that captured it (pay_…, what refunds name) is kept beside it. The provider column has no CHECK.
ALTER TABLE "payments" ADD COLUMN "provider_payment_ref" text;
