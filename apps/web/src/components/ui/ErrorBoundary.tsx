import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState } from './ErrorState';

interface Props {
  children: ReactNode;
  /** Changing this (e.g. the pathname) clears a caught error, so navigating away recovers. */
  resetKey?: string;
}

interface State {
  error: Error | null;
}

/** Catches a crashed page or a route chunk that failed to load (often right after a deploy). */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override componentDidCatch(_error: Error, _info: ErrorInfo) {
    // Nothing to send yet; the boundary exists so one broken page never blanks the whole shop.
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const stale = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(
      error.message,
    );
    return (
      <ErrorState
        message={stale ? 'A newer version of Fatafat is available. Reload to continue.' : undefined}
        onRetry={() => window.location.reload()}
      />
    );
  }
}
