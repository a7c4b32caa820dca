interface ConfirmOptions {
  title: string;
  text?: string;
  confirmText: string;
  cancelText?: string;
}

/**
 * Destructive confirmations (cancel an order, delete an address) through sweetalert2, loaded only when
 * first needed so it never weighs on the pages that don't ask.
 */
export async function confirmDestructive({
  title,
  text,
  confirmText,
  cancelText = 'Keep it',
}: ConfirmOptions): Promise<boolean> {
  const { default: Swal } = await import('sweetalert2');
  const result = await Swal.fire({
    title,
    text,
    icon: 'warning',
    showCancelButton: true,
    confirmButtonText: confirmText,
    cancelButtonText: cancelText,
    confirmButtonColor: '#D93F3F',
    cancelButtonColor: '#1C1C1C',
    reverseButtons: true,
    focusCancel: true,
  });
  return result.isConfirmed;
}
