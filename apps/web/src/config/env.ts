// The web app's only view of its build-time environment, checked once so a typo fails loudly.
// Hand-checked rather than parsed with Zod: this module loads on the home page, and Zod would add
// ~15 KB gzipped to a page whose JavaScript budget is 120 KB. Forms (lazy routes) still use Zod.
function stripeKey(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!raw.startsWith('pk_'))
    throw new Error('VITE_STRIPE_PUBLISHABLE_KEY must be a Stripe publishable key (pk_…)');
  return raw;
}

export const env = {
  apiBase: import.meta.env.VITE_API_BASE ?? '/api',
  stripePublishableKey: stripeKey(import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY),
} as const;
