import type { ReactNode } from 'react';
import { Logo } from '@/components/ui/Logo';

export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex justify-center px-4 py-8 md:py-14">
      <div className="w-full max-w-[420px] rounded-2xl border border-line bg-white p-6 md:p-8 md:shadow-[var(--shadow-float)]">
        <Logo className="mx-auto mb-5 h-9 w-auto text-ink" />
        <h1 className="text-center text-xl font-extrabold tracking-tight">{title}</h1>
        {subtitle && <p className="mt-1 text-center text-sm text-muted">{subtitle}</p>}
        <div className="mt-6">{children}</div>
      </div>
    </div>
  );
}
