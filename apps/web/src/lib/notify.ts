import type * as HotToast from 'react-hot-toast';
import type { Renderable, ToastOptions } from 'react-hot-toast';

/**
 * Toasts without react-hot-toast in the home page's first download (its JavaScript budget is 120 KB):
 * the library loads on the first message, or once the browser is idle, whichever comes first.
 * Messages sent before it arrives are shown as soon as it does.
 */
type ToastModule = typeof HotToast;

let loading: Promise<ToastModule> | null = null;
const readyListeners = new Set<() => void>();

export function loadToasts(): Promise<ToastModule> {
  if (!loading) {
    loading = import('react-hot-toast');
    readyListeners.forEach((listener) => listener());
  }
  return loading;
}

/** Lets the toaster host mount as soon as anything asks for toasts. */
export function onToastsRequested(listener: () => void): () => void {
  if (loading) listener();
  readyListeners.add(listener);
  return () => readyListeners.delete(listener);
}

type Message = Renderable;

export const notify = {
  success(message: Message, options?: ToastOptions) {
    void loadToasts().then(({ default: toast }) => toast.success(message, options));
  },
  error(message: Message, options?: ToastOptions) {
    void loadToasts().then(({ default: toast }) => toast.error(message, options));
  },
  info(message: Message, options?: ToastOptions) {
    void loadToasts().then(({ default: toast }) => toast(message, options));
  },
  dismiss(id: string) {
    if (loading) void loading.then(({ default: toast }) => toast.dismiss(id));
  },
};
