import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { FiCheckCircle, FiXCircle } from 'react-icons/fi';
import { Spinner } from '@/components/ui/Spinner';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorMessage } from '@/lib/api';
import { useVerifyEmailMutation } from '@/features/auth/api/account.api';
import { AuthCard } from './auth-card';

export function Component() {
  useDocumentTitle('Verify email');
  const [params] = useSearchParams();
  const token = params.get('token');
  const [verify, { isLoading, isSuccess, isError, error, isUninitialized }] = useVerifyEmailMutation();
  const sent = useRef(false);

  useEffect(() => {
    // StrictMode mounts twice in development; a verification token is single-use.
    if (token && !sent.current) {
      sent.current = true;
      void verify({ token });
    }
  }, [token, verify]);

  return (
    <AuthCard title="Verify your email">
      <div role="status" className="flex flex-col items-center gap-3 text-center">
        {!token ? (
          <p className="text-sm text-muted">
            This link is missing its token. Open the link from your email again.
          </p>
        ) : isLoading || isUninitialized ? (
          <>
            <Spinner className="size-8 text-action" />
            <p className="text-sm text-muted">Verifying…</p>
          </>
        ) : isSuccess ? (
          <>
            <FiCheckCircle className="size-12 text-action" aria-hidden="true" />
            <p className="font-semibold">Your email is verified. Thank you!</p>
            <Link to="/" className="mt-2 font-semibold text-action hover:underline">
              Continue shopping
            </Link>
          </>
        ) : isError ? (
          <>
            <FiXCircle className="size-12 text-danger" aria-hidden="true" />
            <p className="text-sm">{errorMessage(error, 'This link is invalid or has expired.')}</p>
            <Link to="/account/profile" className="mt-2 font-semibold text-action hover:underline">
              Send a new link
            </Link>
          </>
        ) : null}
      </div>
    </AuthCard>
  );
}
