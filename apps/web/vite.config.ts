import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';
import {
  featherIconsPerModule,
  ICON_PREFIX,
  precompressAssets,
  reactRouterTreeShaking,
} from './build-plugins';

// The API listens on IPv4 loopback by default; `localhost` may resolve to ::1 first.
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:5000';

// Vendor code changes far less often than app code, so it gets its own long-lived chunks.
// Libraries that only some routes need (Stripe, forms, sweetalert) get their own chunks and stay out of
// the home page's JavaScript. Higher priority wins, so React never gets pulled into a library's chunk.
const vendorGroups = [
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
  { name: 'router', test: /[\\/]node_modules[\\/]react-router[\\/]/, priority: 20 },
  {
    name: 'redux',
    test: /[\\/]node_modules[\\/](@reduxjs|react-redux|redux|immer|reselect|redux-thunk)[\\/]/,
    priority: 20,
  },
  { name: 'stripe', test: /[\\/]node_modules[\\/]@stripe[\\/]/, priority: 10 },
  { name: 'sweetalert', test: /[\\/]node_modules[\\/]sweetalert2[\\/]/, priority: 10 },
  { name: 'forms', test: /[\\/]node_modules[\\/](react-hook-form|@hookform|zod)[\\/]/, priority: 10 },
  // The app code and icons the first paint needs: one chunk with the entry instead of a handful of tiny ones.
  {
    name: 'index',
    test: (id: string) => /[\\/]src[\\/]/.test(id) || id.includes(ICON_PREFIX),
    tags: ['$initial' as const],
    priority: 5,
  },
  // Every other icon (each is its own module, see featherIconsPerModule) in one shared chunk.
  { name: 'icons', test: (id: string) => id.includes(ICON_PREFIX), priority: 4 },
];

// react-router's package exports point at its development build, which keeps the dev-only warnings and the
// "Hey developer" error screen. Production bundles use its production build instead (same API, same version).
const reactRouterProduction = fileURLToPath(
  import.meta.resolve('react-router').replace('/dist/development/', '/dist/production/'),
);

export default defineConfig(({ command }) => ({
  plugins: [react(), tailwindcss(), featherIconsPerModule(), reactRouterTreeShaking(), precompressAssets()],
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      ...(command === 'build' ? [{ find: /^react-router$/, replacement: reactRouterProduction }] : []),
    ],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/uploads': { target: apiTarget, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/uploads': { target: apiTarget, changeOrigin: true },
    },
  },
  build: {
    target: 'es2022',
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: { output: { codeSplitting: { groups: vendorGroups } } },
  },
}));
