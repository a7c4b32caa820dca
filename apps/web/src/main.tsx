import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { catalogApi } from './features/catalog/api/catalog.api';
import { AppProvider } from './app/provider';
import { AppRouter, preloadRoute } from './app/router';
import { makeBrowserStore } from './app/store';

/** Ends the current task so the browser can paint and handle input before the next step of start-up. */
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function start(): Promise<void> {
  const store = makeBrowserStore();
  // Ask for what the first screen needs before React renders: the category list (home grid, category
  // pages, footer) and the code of the page landed on, both while the rest of the app is still starting.
  store.dispatch(catalogApi.util.prefetch('getCategories', undefined, {}));
  // Start-up runs as a few short tasks rather than one long one, so a phone never stops responding.
  await yieldToBrowser();
  preloadRoute(window.location, store);
  await yieldToBrowser();
  // A transition lets React render the first screen in small slices, yielding to the browser in between.
  // The HTML app shell stays on screen until the first render commits.
  startTransition(() => {
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <AppProvider store={store}>
          <AppRouter />
        </AppProvider>
      </StrictMode>,
    );
  });
}

void start();
