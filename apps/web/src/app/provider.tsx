import { useState, type ReactNode } from 'react';
import { Provider } from 'react-redux';
import { makeBrowserStore } from './store';
import { SessionSync } from './session-sync';

export function AppProvider({ children }: { children: ReactNode }) {
  const [store] = useState(makeBrowserStore);
  return (
    <Provider store={store}>
      <SessionSync />
      {children}
    </Provider>
  );
}
