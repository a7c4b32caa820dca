import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/EmptyState';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function NotFoundView() {
  useDocumentTitle('Page not found');
  return (
    <EmptyState
      title="This aisle doesn't exist"
      message="The page you were looking for has moved or never existed. Let's get you back to shopping."
      illustration={
        <span aria-hidden="true" className="text-7xl font-extrabold text-brand">
          404
        </span>
      }
      action={
        <Link
          to="/"
          className="inline-flex h-11 items-center rounded-[var(--radius-control)] bg-action px-5 font-semibold text-white hover:bg-action-dark"
        >
          Go to home
        </Link>
      }
    />
  );
}
