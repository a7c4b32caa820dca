import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  message?: string;
  illustration?: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ title, message, illustration, action }: EmptyStateProps) {
  return (
    <div className="mx-auto flex max-w-sm flex-col items-center px-6 py-12 text-center">
      <div className="mb-5">{illustration ?? <BagIllustration />}</div>
      <h2 className="text-lg font-bold">{title}</h2>
      {message && <p className="mt-1.5 text-sm text-muted">{message}</p>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}

/** A shopping bag drawn with the brand colours; used wherever a list is empty. */
export function BagIllustration() {
  return (
    <svg width="120" height="104" viewBox="0 0 120 104" aria-hidden="true">
      <ellipse cx="60" cy="96" rx="42" ry="6" fill="#F5F7F6" />
      <path
        d="M24 34h72l-6 56a6 6 0 0 1-6 5H36a6 6 0 0 1-6-5l-6-56Z"
        fill="#FFF6DC"
        stroke="#F9C22E"
        strokeWidth="3"
      />
      <path
        d="M44 42V28a16 16 0 0 1 32 0v14"
        fill="none"
        stroke="#1C1C1C"
        strokeWidth="3"
        strokeLinecap="round"
      />
      <path d="M63 50 52 66h8l-3 13 12-17h-8l2-12Z" fill="#0A8A4A" />
    </svg>
  );
}
