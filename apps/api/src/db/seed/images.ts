/**
 * Catalogue images drawn locally (no network): an SVG per product, category, subcategory and banner,
 * rendered to WebP with sharp under DATA_DIR/uploads/seed. The layouts share one grid, type scale and
 * colour roles so the shop looks designed rather than filled with placeholders.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Glyph, Palette } from './catalogue.types';
import { drawGlyph, produceColor, shade, type GlyphColors } from './glyphs';
import { hashString } from './prng';

const FONT = "'Liberation Sans', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";
export const BRAND_YELLOW = '#F9C22E';
export const BRAND_GREEN = '#0A8A4A';

export const PRODUCT_SIZE = 400;
export const TILE_SIZE = 200;
export const BANNER_WIDTH = 1200;
export const BANNER_HEIGHT = 480;

export interface ImageJob {
  /** Path below DATA_DIR/uploads, e.g. seed/products/amul-butter-400.webp. */
  file: string;
  svg: () => string;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Rough advance width of bold sans text, enough to wrap and fit labels without a layout engine. */
const textWidth = (s: string, size: number) => s.length * size * 0.56;

function wrap(text: string, maxChars: number, maxLines: number): string[] | null {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let current = '';
  for (const w of words) {
    const next = current ? `${current} ${w}` : w;
    if (next.length <= maxChars) current = next;
    else {
      if (current) lines.push(current);
      current = w;
    }
  }
  if (current) lines.push(current);
  if (lines.length > maxLines || lines.some((l) => l.length > maxChars)) return null;
  return lines;
}

/** Fits text in up to two lines, shrinking the type before cutting it short with an ellipsis. */
function fitLines(text: string, width: number, sizes: number[]): { lines: string[]; size: number } {
  for (const size of sizes) {
    const lines = wrap(text, Math.floor(width / (size * 0.56)), 2);
    if (lines) return { lines, size };
  }
  const size = sizes[sizes.length - 1] ?? 18;
  const max = Math.floor(width / (size * 0.56));
  const lines = wrap(text, max, 99) ?? [text];
  const first = lines[0] ?? '';
  const rest = lines.slice(1).join(' ');
  return { lines: [first, rest.length > max ? `${rest.slice(0, max - 1).trimEnd()}…` : rest], size };
}

function colorsFor(palette: Palette, key: string, glyph: Glyph, name: string): { colors: GlyphColors; long: boolean } {
  const main = palette.shades[hashString(key) % palette.shades.length] ?? palette.accent;
  if (glyph === 'produce') {
    const p = produceColor(name);
    return { colors: { main: p.fill, dark: palette.ink, light: '#FFFFFF', soft: shade(p.fill, 0.7) }, long: p.long };
  }
  return { colors: { main, dark: palette.ink, light: '#FFFFFF', soft: shade(main, 0.75) }, long: false };
}

function placeGlyph(glyph: Glyph, colors: GlyphColors, long: boolean, x: number, y: number, size: number): string {
  return `<g transform="translate(${x} ${y}) scale(${size / 200})">${drawGlyph(glyph, colors, { long })}</g>`;
}

/** Where a pack's round label sits (glyph coordinates) and how large, for the brand monogram. */
const MONOGRAM_SPOTS: Partial<Record<Glyph, { x: number; y: number; r: number }>> = {
  packet: { x: 100, y: 104, r: 23 },
  box: { x: 100, y: 106, r: 21 },
  jar: { x: 100, y: 126, r: 16 },
  tub: { x: 100, y: 128, r: 14 },
};

function monogram(brand: string): string {
  const words = brand.replace(/[^A-Za-z0-9 ]/g, '').split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

/** Brand initials on the pack's round label, so neighbouring packs on a shelf read differently. */
function monogramSvg(glyph: Glyph, brand: string, color: string, x: number, y: number, size: number): string {
  const spot = MONOGRAM_SPOTS[glyph];
  const text = monogram(brand);
  if (!spot || !text) return '';
  const k = size / 200;
  const cx = x + spot.x * k;
  const cy = y + spot.y * k;
  const r = spot.r * k;
  const fontSize = Math.round(r * (text.length > 1 ? 0.95 : 1.2));
  return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${color}"/>
  <text x="${cx}" y="${cy + fontSize * 0.36}" text-anchor="middle" font-family="${FONT}" font-size="${fontSize}" font-weight="700" fill="#FFFFFF">${esc(text)}</text>`;
}

export function productSvg(p: {
  slug: string;
  name: string;
  brand: string;
  line: string;
  pack: string;
  glyph: Glyph;
  palette: Palette;
}): string {
  const S = PRODUCT_SIZE;
  const { colors, long } = colorsFor(p.palette, p.slug, p.glyph, p.name);
  const title = fitLines(p.line, 330, [26, 23, 20]);
  const pillText = p.pack.length > 18 ? `${p.pack.slice(0, 17)}…` : p.pack;
  const pillW = Math.round(textWidth(pillText, 17) + 30);
  const titleY = title.lines.length === 1 ? 344 : 330;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${S}" height="${S}" viewBox="0 0 ${S} ${S}">
  <rect width="${S}" height="${S}" fill="${p.palette.bg}"/>
  <circle cx="200" cy="150" r="132" fill="#FFFFFF" opacity="0.55"/>
  <circle cx="58" cy="62" r="10" fill="${p.palette.accent}" opacity="0.12"/>
  <circle cx="352" cy="218" r="16" fill="${p.palette.accent}" opacity="0.10"/>
  ${placeGlyph(p.glyph, colors, long, 95, 42, 210)}
  ${monogramSvg(p.glyph, p.brand, colors.main, 95, 42, 210)}
  <rect x="${S - 18 - pillW}" y="18" width="${pillW}" height="34" rx="17" fill="#FFFFFF"/>
  <text x="${S - 18 - pillW / 2}" y="41" text-anchor="middle" font-family="${FONT}" font-size="17" font-weight="700" fill="${p.palette.ink}">${esc(pillText)}</text>
  <rect x="18" y="262" width="${S - 36}" height="120" rx="22" fill="#FFFFFF"/>
  <rect x="38" y="282" width="26" height="5" rx="2.5" fill="${p.palette.accent}"/>
  <text x="72" y="290" font-family="${FONT}" font-size="14" font-weight="700" letter-spacing="1.6" fill="${p.palette.accent}">${esc(p.brand.toUpperCase())}</text>
  ${title.lines
    .map(
      (l, i) =>
        `<text x="38" y="${titleY + i * (title.size + 6)}" font-family="${FONT}" font-size="${title.size}" font-weight="700" fill="#1D2125">${esc(l)}</text>`,
    )
    .join('\n  ')}
</svg>`;
}

/** Produce tiles named after a shelf, not a fruit: pick the fruit whose colour stands for the shelf. */
const TILE_PRODUCE_HINT: Record<string, string> = {
  'fruits-vegetables': 'apple',
  'fresh-vegetables': 'carrot',
  'fresh-fruits': 'orange',
  exotics: 'dragon fruit',
};

/** Square tile for a category or subcategory: the glyph large on the category colour, no text. */
export function tileSvg(t: { key: string; name: string; glyph: Glyph; palette: Palette }): string {
  const S = TILE_SIZE;
  const { colors, long } = colorsFor(t.palette, t.key, t.glyph, TILE_PRODUCE_HINT[t.key] ?? t.name);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${S}" height="${S}" viewBox="0 0 ${S} ${S}">
  <rect width="${S}" height="${S}" fill="${t.palette.bg}"/>
  <circle cx="100" cy="100" r="80" fill="#FFFFFF" opacity="0.6"/>
  <circle cx="30" cy="34" r="7" fill="${t.palette.accent}" opacity="0.14"/>
  <circle cx="172" cy="164" r="10" fill="${t.palette.accent}" opacity="0.12"/>
  ${placeGlyph(t.glyph, colors, long, 22, 20, 156)}
</svg>`;
}

export interface BannerDef {
  id: string;
  title: string;
  subtitle: string;
  cta: string;
  /** Where the banner leads in the shop: a category slug. */
  categorySlug: string | null;
  tone: 'yellow' | 'green';
  glyphs: Array<{ glyph: Glyph; color: string }>;
}

export const bannerDefs: BannerDef[] = [
  {
    id: 'groceries-in-minutes',
    title: 'Groceries in minutes',
    subtitle: 'Fruits, dairy and daily essentials from a store near you',
    cta: 'Order now',
    categorySlug: null,
    tone: 'yellow',
    glyphs: [
      { glyph: 'produce', color: '#E03131' },
      { glyph: 'carton', color: '#2F6DB5' },
      { glyph: 'packet', color: '#E08A00' },
    ],
  },
  {
    id: 'fresh-from-the-farm',
    title: 'Fresh from the farm',
    subtitle: 'Vegetables, fruits and herbs packed every morning',
    cta: 'Shop fresh',
    categorySlug: 'fruits-vegetables',
    tone: 'green',
    glyphs: [
      { glyph: 'leaf', color: '#51A34B' },
      { glyph: 'produce', color: '#F08C00' },
      { glyph: 'bowl', color: '#3E9B4F' },
    ],
  },
  {
    id: 'snack-time-sorted',
    title: 'Snack time, sorted',
    subtitle: 'Chips, namkeen, cold drinks and chocolates for every plan',
    cta: 'Explore snacks',
    categorySlug: 'snacks-munchies',
    tone: 'yellow',
    glyphs: [
      { glyph: 'packet', color: '#D9480F' },
      { glyph: 'can', color: '#0E7C91' },
      { glyph: 'bar', color: '#7A3B2E' },
    ],
  },
  {
    id: 'home-essentials',
    title: 'Home essentials, delivered',
    subtitle: 'Detergents, cleaners and everyday care at your door',
    cta: 'Stock up',
    categorySlug: 'cleaning-essentials',
    tone: 'green',
    glyphs: [
      { glyph: 'bottle', color: '#0F8A6A' },
      { glyph: 'spray', color: '#7048E8' },
      { glyph: 'pump', color: '#1C7ED6' },
    ],
  },
];

export function bannerSvg(b: BannerDef): string {
  const W = BANNER_WIDTH;
  const H = BANNER_HEIGHT;
  const yellow = b.tone === 'yellow';
  const bg = yellow ? BRAND_YELLOW : BRAND_GREEN;
  const ink = yellow ? '#0B3D22' : '#FFFFFF';
  const sub = yellow ? '#3D4A2E' : '#DDF3E6';
  const ctaBg = yellow ? BRAND_GREEN : BRAND_YELLOW;
  const ctaInk = yellow ? '#FFFFFF' : '#0B3D22';
  const title = fitLines(b.title, 560, [64, 56]);
  const subtitle = fitLines(b.subtitle, 540, [26, 23]);
  const spots = [
    { x: 690, y: 36, r: 112 },
    { x: 906, y: 150, r: 112 },
    { x: 712, y: 272, r: 90 },
  ];
  const glyphs = b.glyphs
    .map((g, i) => {
      const s = spots[i];
      if (!s) return '';
      const colors: GlyphColors = { main: g.color, dark: shade(g.color, -0.45), light: '#FFFFFF', soft: shade(g.color, 0.7) };
      const size = s.r * 1.5;
      return `<circle cx="${s.x + s.r}" cy="${s.y + s.r}" r="${s.r}" fill="#FFFFFF" opacity="${yellow ? 0.6 : 0.92}"/>
    ${placeGlyph(g.glyph, colors, false, s.x + s.r - size / 2, s.y + s.r - size / 2, size)}`;
    })
    .join('\n    ');
  const ctaW = Math.round(textWidth(b.cta, 24) + 56);
  let y = 150;
  const titleText = title.lines
    .map((l) => {
      const t = `<text x="72" y="${y}" font-family="${FONT}" font-size="${title.size}" font-weight="700" fill="${ink}">${esc(l)}</text>`;
      y += title.size + 8;
      return t;
    })
    .join('\n  ');
  y += 4;
  const subText = subtitle.lines
    .map((l) => {
      const t = `<text x="72" y="${y}" font-family="${FONT}" font-size="${subtitle.size}" fill="${sub}">${esc(l)}</text>`;
      y += subtitle.size + 10;
      return t;
    })
    .join('\n  ');
  const ctaY = Math.max(y + 18, 330);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
  <rect width="${W}" height="${H}" fill="${bg}"/>
  <circle cx="1080" cy="-40" r="220" fill="#FFFFFF" opacity="0.12"/>
  <circle cx="640" cy="520" r="160" fill="#FFFFFF" opacity="0.10"/>
  <rect x="72" y="56" width="132" height="34" rx="17" fill="${ink}" opacity="0.12"/>
  <text x="138" y="79" text-anchor="middle" font-family="${FONT}" font-size="16" font-weight="700" letter-spacing="2" fill="${ink}">FATAFAT</text>
  ${titleText}
  ${subText}
  <rect x="72" y="${ctaY}" width="${ctaW}" height="60" rx="30" fill="${ctaBg}"/>
  <text x="${72 + ctaW / 2}" y="${ctaY + 38}" text-anchor="middle" font-family="${FONT}" font-size="24" font-weight="700" fill="${ctaInk}">${esc(b.cta)}</text>
    ${glyphs}
</svg>`;
}

export interface DemoBanner {
  id: string;
  title: string;
  subtitle: string;
  cta: string;
  categorySlug: string | null;
  url: string;
  width: number;
  height: number;
}

/** Home-page banners the seed renders, for whoever serves them (the files exist after `npm run seed`). */
export const demoBanners: DemoBanner[] = bannerDefs.map((b) => ({
  id: b.id,
  title: b.title,
  subtitle: b.subtitle,
  cta: b.cta,
  categorySlug: b.categorySlug,
  url: `/uploads/seed/banners/${b.id}-${BANNER_WIDTH}x${BANNER_HEIGHT}.webp`,
  width: BANNER_WIDTH,
  height: BANNER_HEIGHT,
}));

/**
 * Renders the jobs whose file is missing (or all of them with force), a few at a time: sharp already uses
 * worker threads, and more parallel SVG rasterising only adds memory on a 2-core machine.
 */
export async function renderImages(
  uploadsDir: string,
  jobs: ImageJob[],
  opts: { concurrency?: number; force?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ rendered: number; skipped: number }> {
  const todo = opts.force ? jobs : jobs.filter((j) => !existsSync(path.join(uploadsDir, j.file)));
  const dirs = new Set(todo.map((j) => path.dirname(path.join(uploadsDir, j.file))));
  for (const d of dirs) await mkdir(d, { recursive: true });
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < todo.length) {
      const job = todo[next];
      next += 1;
      if (!job) break;
      const target = path.join(uploadsDir, job.file);
      // Write beside and rename so a half-written file is never served.
      const tmp = `${target}.${process.pid}.tmp`;
      // effort 1 encodes ~2.5× faster than the default for ~2 KiB more per flat-colour image.
      await sharp(Buffer.from(job.svg())).webp({ quality: 82, effort: 1 }).toFile(tmp);
      await rename(tmp, target);
      done += 1;
      opts.onProgress?.(done, todo.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  return { rendered: todo.length, skipped: jobs.length - todo.length };
}
