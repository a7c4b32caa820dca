import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

/** The shop's shell: tells the visitor whether the API is up. The storefront grows from here. */
function App() {
  const [status, setStatus] = useState('checking…');
  useEffect(() => {
    fetch('/api/health')
      .then((r) => r.json() as Promise<{ status: string }>)
      .then((b) => setStatus(b.status))
      .catch(() => setStatus('unreachable'));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui', padding: 24 }}>
      <h1>fatafat</h1>
      <p>Groceries in minutes. API status: {status}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
