import { useEffect, useRef, type ReactNode } from 'react';
import { FiX } from 'react-icons/fi';
import { cn } from '@/lib/cn';

type Placement = 'right' | 'bottom' | 'center';

interface SheetProps {
  open: boolean;
  onClose: () => void;
  /** Accessible name of the dialog; shown as the heading unless `header` replaces it. */
  title: string;
  header?: ReactNode;
  placement?: Placement;
  /** Right drawers go full screen on phones (the cart); others keep their shape. */
  fullScreenOnPhone?: boolean;
  className?: string;
  children: ReactNode;
  footer?: ReactNode;
}

const placements: Record<Placement, string> = {
  right: 'ml-auto mr-0 h-dvh max-h-dvh w-full max-w-[420px] animate-slide-left',
  bottom:
    'mx-auto mb-0 mt-auto w-full max-w-none rounded-t-2xl animate-slide-up sm:mb-auto sm:max-w-md sm:rounded-2xl sm:animate-fade-in',
  center: 'm-auto w-[calc(100%-2rem)] max-w-md rounded-2xl animate-fade-in',
};

/**
 * Drawers, bottom sheets and dialogs on top of the native <dialog>: it traps focus, closes on Escape,
 * makes the page behind inert for screen readers and returns focus to the opener — for free.
 */
export function Sheet({
  open,
  onClose,
  title,
  header,
  placement = 'center',
  fullScreenOnPhone = false,
  className,
  children,
  footer,
}: SheetProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      document.documentElement.style.overflow = 'hidden';
    } else if (!open && dialog.open) {
      dialog.close();
    }
    return () => {
      document.documentElement.style.overflow = '';
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === event.currentTarget) onClose();
      }}
      className={cn(
        'max-h-[92dvh] overflow-hidden bg-white p-0 text-ink shadow-[var(--shadow-float)] backdrop:bg-black/50 open:flex open:flex-col',
        placements[placement],
        fullScreenOnPhone && 'max-sm:h-dvh max-sm:max-h-dvh max-sm:max-w-none max-sm:rounded-none',
        className,
      )}
    >
      {open && (
        <>
          <div className="flex shrink-0 items-center justify-between gap-3 border-b border-line px-4 py-3">
            {header ?? <h2 className="text-lg font-bold">{title}</h2>}
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="grid size-9 shrink-0 place-items-center rounded-full hover:bg-surface"
            >
              <FiX className="size-5" aria-hidden="true" />
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain">{children}</div>
          {footer && <div className="shrink-0">{footer}</div>}
        </>
      )}
    </dialog>
  );
}
