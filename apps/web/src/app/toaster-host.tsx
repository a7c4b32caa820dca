import { lazy, Suspense, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { loadToasts, onToastsRequested } from '@/lib/notify';

const Toaster = lazy(() => loadToasts().then((module) => ({ default: module.Toaster })));

/**
 * Mounts react-hot-toast's Toaster on the first message. The admin console calls react-hot-toast directly,
 * so under /admin the toaster is mounted straight away. Must render inside the router.
 */
export function ToasterHost() {
  const [requested, setRequested] = useState(false);
  const inAdmin = useLocation().pathname.startsWith('/admin');
  useEffect(() => onToastsRequested(() => setRequested(true)), []);
  const mounted = requested || inAdmin;
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <Toaster
        position="top-center"
        toastOptions={{
          duration: 3500,
          className: '!rounded-xl !text-sm !font-medium !text-ink !shadow-[var(--shadow-float)]',
          success: { iconTheme: { primary: '#0A8A4A', secondary: '#fff' } },
          error: { iconTheme: { primary: '#D93F3F', secondary: '#fff' } },
        }}
      />
    </Suspense>
  );
}
