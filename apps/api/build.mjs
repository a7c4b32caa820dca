// Bundles the API into dist/ with esbuild. npm packages stay external (installed in production);
// the workspace's own TypeScript packages (@fatafat/*) are bundled in, since Node cannot run .ts.
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

const externalNpm = {
  name: 'external-npm',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@fatafat/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

await build({
  entryPoints: ['src/server.ts', 'src/cluster.ts', 'src/db/seed/seed.cli.ts', 'src/modules/users/admin-create.cli.ts'].filter((f) =>
    existsSync(f),
  ),
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  plugins: [externalNpm],
  logLevel: 'info',
});
