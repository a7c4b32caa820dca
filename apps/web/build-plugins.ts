// Build-time helpers for vite.config.ts: they only change how two libraries are bundled, never what they do.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

export const ICON_PREFIX = 'virtual:fi-icon/';

/**
 * react-icons/fi is one 290-icon module, so every chunk that imports an icon shares a chunk holding every
 * icon the app uses anywhere. This gives each imported icon its own module (what Next.js's
 * optimizePackageImports does for barrels), so a page's JavaScript carries only the icons it draws.
 */
export function featherIconsPerModule(): Plugin {
  let source: string | undefined;
  const iconSource = (name: string): string => {
    source ??= readFileSync(fileURLToPath(import.meta.resolve('react-icons/fi')), 'utf8');
    const match = new RegExp(
      `export function ${name} \\(props\\) \\{\\n  return (GenIcon\\(.*\\))\\(props\\);`,
    ).exec(source);
    if (!match) throw new Error(`react-icons/fi has no icon named ${name}`);
    return `import { GenIcon } from 'react-icons/lib';\nexport function ${name}(props) {\n  return ${match[1]}(props);\n}\n`;
  };

  return {
    name: 'fatafat:feather-icons-per-module',
    apply: 'build',
    transform: {
      filter: { code: 'react-icons/fi' },
      handler(code, id) {
        if (id.includes('node_modules')) return;
        const rewritten = code.replace(
          /import\s*\{([^}]*)\}\s*from\s*["']react-icons\/fi["'];?/g,
          (_statement, names: string) =>
            names
              .split(',')
              .map((name) => name.trim())
              .filter(Boolean)
              .map((name) => `import { ${name} } from '${ICON_PREFIX}${name.split(/\s+as\s+/)[0]}';`)
              .join('\n'),
        );
        return rewritten === code ? undefined : { code: rewritten, map: null };
      },
    },
    resolveId(id) {
      if (id.startsWith(ICON_PREFIX)) return `\0${id}`;
    },
    load(id) {
      if (id.startsWith(`\0${ICON_PREFIX}`)) return iconSource(id.slice(ICON_PREFIX.length + 1));
    },
  };
}

/**
 * react-router builds its components with React.forwardRef/memo/createContext calls that carry no
 * pure annotation, plus `X.displayName = …` statements, so a bundler must keep every component (the data
 * router's <Form>, fetchers, prefetch links…) even when the app never uses it. This marks those calls pure
 * and drops the displayName lines (only React DevTools reads them) so unused components tree-shake away.
 */
export function reactRouterTreeShaking(): Plugin {
  return {
    name: 'fatafat:react-router-tree-shaking',
    apply: 'build',
    transform: {
      filter: { id: /[\\/]react-router[\\/]dist[\\/]production[\\/]chunk-[\w-]+\.mjs$/ },
      handler(code) {
        const out = code
          .replace(/= (React\d*\.(?:forwardRef|memo|createContext)\()/g, '= /* @__PURE__ */ $1')
          .replace(/^\w+\.displayName = "[^"]*";$/gm, '');
        return out === code ? undefined : { code: out, map: null };
      },
    },
  };
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Writes a .br (quality 11) and a .gz (level 9) next to every hashed text asset. The API serves them with
 * the matching Content-Encoding (apps/api/src/http/static-assets.ts): smaller than compressing on the fly,
 * and no compression work per request.
 */
export function precompressAssets(): Plugin {
  return {
    name: 'fatafat:precompress-assets',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      const files = Object.keys(bundle).filter(
        (f) => f.startsWith('assets/') && /\.(js|css|svg|json)$/.test(f),
      );
      await Promise.all(
        files.map(async (file) => {
          const source = await readFile(path.join(dir, file));
          // Below ~1 KB the headers outweigh the savings.
          if (source.length < 1024) return;
          const [br, gzipped] = await Promise.all([
            brotli(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
            gz(source, { level: 9 }),
          ]);
          if (br.length < source.length) await writeFile(path.join(dir, `${file}.br`), br);
          if (gzipped.length < source.length) await writeFile(path.join(dir, `${file}.gz`), gzipped);
        }),
      );
    },
  };
}
