interface ConfirmOptions {
  title: string;
  text?: string;
  confirmText: string;
  cancelText?: string;
}

/**
 * sweetalert2 confirmations that also work from inside a drawer: a modal <dialog> makes the rest of the
 * page inert, so the alert is mounted inside the open dialog rather than on <body>.
 */
export async function confirmAction({ title, text, confirmText, cancelText = 'Keep it' }: ConfirmOptions): Promise<boolean> {
  const { default: Swal } = await import('sweetalert2');
  const host = document.querySelector<HTMLDialogElement>('dialog[open]');
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
    ...(host ? { target: host, width: Math.min(380, host.clientWidth - 24) } : {}),
  });
  return result.isConfirmed;
}
