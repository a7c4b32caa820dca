import { useMemo, useState, type FormEvent } from 'react';
import { loadStripe } from '@stripe/stripe-js';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { Button } from '@/components/ui/Button';
import { formatMoney } from '@/lib/format';
import { FormError } from '@/components/ui/FormError';

interface CardPaymentFormProps {
  publishableKey: string;
  clientSecret: string;
  amount: number;
  orderId: string;
  onPaid: () => void;
}

function PayButton({
  amount,
  orderId,
  onPaid,
}: Omit<CardPaymentFormProps, 'publishableKey' | 'clientSecret'>) {
  const stripe = useStripe();
  const elements = useElements();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    setError(null);
    const result = await stripe.confirmPayment({
      elements,
      // Cards that need a bank page (3-D Secure) come back to the tracking page, which shows the result.
      confirmParams: { return_url: `${window.location.origin}/order/${orderId}` },
      redirect: 'if_required',
    });
    setBusy(false);
    if (result.error) setError(result.error.message ?? 'Your payment did not go through.');
    else onPaid();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      <PaymentElement options={{ layout: 'tabs' }} />
      <FormError message={error} />
      <Button type="submit" size="lg" block loading={busy} disabled={!stripe}>
        Pay {formatMoney(amount)}
      </Button>
    </form>
  );
}

/** Stripe's Payment Element for a card order; this file (and Stripe.js) loads only when someone pays by card. */
export default function CardPaymentForm({ publishableKey, clientSecret, ...rest }: CardPaymentFormProps) {
  const stripePromise = useMemo(() => loadStripe(publishableKey), [publishableKey]);
  return (
    <Elements
      stripe={stripePromise}
      options={{
        clientSecret,
        appearance: {
          theme: 'stripe',
          variables: {
            colorPrimary: '#0A8A4A',
            borderRadius: '8px',
            fontFamily: 'Plus Jakarta Sans Variable, system-ui, sans-serif',
          },
        },
      }}
    >
      <PayButton {...rest} />
    </Elements>
  );
}
