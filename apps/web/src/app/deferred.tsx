import { SessionSync } from './session-sync';
import { ToasterHost } from './toaster-host';

/**
 * App-wide helpers that never draw anything on the first paint: the guest-cart merge after login and the
 * toaster. They load in their own chunk right after the first render. Must render inside the router.
 */
export default function Deferred() {
  return (
    <>
      <SessionSync />
      <ToasterHost />
    </>
  );
}
