import { FiAlertTriangle } from 'react-icons/fi';
import { Button } from './Button';

export function ErrorState({ message, onRetry }: { message?: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="mx-auto flex max-w-sm flex-col items-center px-6 py-12 text-center">
      <span className="mb-4 grid size-14 place-items-center rounded-full bg-danger-soft text-danger">
        <FiAlertTriangle className="size-6" aria-hidden="true" />
      </span>
      <h2 className="text-lg font-bold">Something went wrong</h2>
      <p className="mt-1.5 text-sm text-muted">{message ?? 'We could not load this. Please try again.'}</p>
      {onRetry && (
        <Button className="mt-5" variant="outline" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
