import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';

const apiTarget = process.env.API_URL ?? 'http://localhost:5000';

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
];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
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
    sourcemap: false,
    rolldownOptions: { output: { codeSplitting: { groups: vendorGroups } } },
  },
});
