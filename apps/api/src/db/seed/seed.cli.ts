/**
 * npm run seed [-- --redraw-images]
 * Loads the demo catalogue into the configured database (PGlite in DATA_DIR, or DATABASE_URL) and draws its
 * images into DATA_DIR/uploads/seed. Safe to run again: it upserts and only draws missing images.
 */
import '../../lib/env-file';
import { parseArgs } from 'node:util';
import { bootstrap } from '../../bootstrap';
import { loadConfig } from '../../config';
import { StartupError } from '../../lib/startup-error';
import { createLogger } from '../../lib/logger';
import { seedDemo, type SeedProgress } from './seed';

function printer(): (p: SeedProgress) => void {
  const tty = process.stdout.isTTY;
  let lastPhase = '';
  return (p) => {
    const line = `  ${p.phase.padEnd(10)} ${p.done}/${p.total}`;
    if (tty) {
      process.stdout.write(`${p.phase !== lastPhase && lastPhase ? '\n' : '\r'}${line}   `);
    } else if (p.done === p.total || p.phase !== lastPhase) {
      process.stdout.write(`${line}\n`);
    }
    lastPhase = p.phase;
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'redraw-images': { type: 'boolean', default: false } }, strict: true });
  const config = loadConfig();
  const deps = await bootstrap(config, createLogger('warn'));
  try {
    console.log(`Seeding the demo catalogue (${deps.database.kind}, images in ${config.dataDir}/uploads/seed)`);
    const r = await seedDemo(deps, { onProgress: printer(), redrawImages: values['redraw-images'] });
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log(
      `Done in ${(r.ms / 1000).toFixed(1)} s: ${r.categories} categories, ${r.subcategories} subcategories, ` +
        `${r.products} products, ${r.variants} variants, ${r.stores} stores, ${r.stockLinesCreated} new stock lines, ` +
        `${r.imagesRendered} images drawn (${r.imagesSkipped} already there).`,
    );
    return 0;
  } finally {
    await deps.close();
    await deps.database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof StartupError ? err.message : `seed failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
