/**
 * The demo catalogue expanded from the compact definitions into rows-to-be: categories, subcategories,
 * products with variants. Pure and deterministic, so the same code always yields the same slugs, SKUs and
 * prices (reruns of the seed upsert instead of duplicating).
 */
import type { ProductDetail } from '../schema/catalog';
import {
  breakfastCategory,
  dairyCategory,
  drinksCategory,
  freshCategory,
  masalaCategory,
  snacksCategory,
  stapleCategory,
  sweetsCategory,
  teaCategory,
} from './catalogue.food';
import { babyCategory, cleaningCategory, homeCategory, personalCareCategory, petCategory } from './catalogue.home';
import type { CategoryDef, Glyph, Palette } from './catalogue.types';
import { prng, slugify } from './prng';

export const categoryDefs: CategoryDef[] = [
  freshCategory,
  dairyCategory,
  stapleCategory,
  masalaCategory,
  snacksCategory,
  drinksCategory,
  breakfastCategory,
  sweetsCategory,
  teaCategory,
  personalCareCategory,
  cleaningCategory,
  babyCategory,
  petCategory,
  homeCategory,
];

export interface SeedVariant {
  label: string;
  sku: string;
  /** Paise. */
  price: number;
  /** Paise. */
  mrp: number;
  maxPerOrder: number;
  sortOrder: number;
}

export interface SeedProduct {
  slug: string;
  name: string;
  brand: string;
  /** The product line without the brand, drawn large on the image. */
  line: string;
  categorySlug: string;
  subcategorySlugs: string[];
  description: string;
  details: ProductDetail[];
  tags: string[];
  glyph: Glyph;
  palette: Palette;
  variants: SeedVariant[];
}

interface Pack {
  label: string;
  price: number;
  mrp: number | undefined;
}

function parsePacks(spec: string): Pack[] {
  return spec.split(/,\s*(?=[^,]+:)/).map((part) => {
    const at = part.lastIndexOf(':');
    const label = part.slice(0, at).trim();
    const [price, mrp] = part
      .slice(at + 1)
      .split('/')
      .map((n) => Number(n.trim()));
    if (!label || !price || !Number.isFinite(price)) throw new Error(`bad pack "${part}"`);
    return { label, price, mrp };
  });
}

/** MRP a little above the price (0–25%, sometimes equal), fixed per SKU. */
function mrpFor(sku: string, priceRupees: number): number {
  const steps = [0, 0, 0.04, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25];
  const d = steps[Math.floor(prng(`mrp:${sku}`)() * steps.length)] ?? 0;
  return Math.max(priceRupees, Math.floor(priceRupees * (1 + d)));
}

function skuOf(slug: string, label: string): string {
  return `${slug}-${slugify(label)}`.toUpperCase();
}

function buildCatalogue() {
  const categories = categoryDefs.map((c, i) => ({
    slug: c.slug,
    name: c.name,
    glyph: c.glyph,
    palette: c.palette,
    sortOrder: i + 1,
  }));
  const subcategories = categoryDefs.flatMap((c) =>
    c.subcategories.map((s, i) => ({
      slug: s.slug,
      name: s.name,
      categorySlug: c.slug,
      glyph: s.glyph,
      palette: c.palette,
      sortOrder: i + 1,
    })),
  );
  const products: SeedProduct[] = [];
  const slugs = new Set<string>();
  const skus = new Set<string>();
  for (const cat of categoryDefs) {
    for (const sub of cat.subcategories) {
      for (const group of sub.groups) {
        const packs = parsePacks(group.packs);
        for (const rawLine of group.lines) {
          const [lineName = rawLine, override] = rawLine.split('=');
          const line = lineName.trim();
          const scale = override ? Number(override) / (packs[0]?.price ?? 1) : 1;
          const name = group.opts.bare ? line : `${group.brand} ${line}`;
          // Without the variants flag each pack becomes a product of its own.
          const sets = group.opts.variants || packs.length === 1 ? [packs] : packs.map((p) => [p]);
          for (const set of sets) {
            let slug = slugify(sets.length > 1 ? `${name} ${set[0]?.label ?? ''}` : name);
            if (slugs.has(slug)) slug = slugify(`${slug} ${sub.slug}`);
            if (slugs.has(slug)) throw new Error(`duplicate product slug ${slug}`);
            slugs.add(slug);
            const variants = set.map((p, i): SeedVariant => {
              const sku = skuOf(slug, p.label);
              if (skus.has(sku)) throw new Error(`duplicate sku ${sku}`);
              skus.add(sku);
              const price = Math.max(1, Math.round(p.price * scale));
              const mrp = p.mrp && scale === 1 ? Math.max(p.mrp, price) : mrpFor(sku, price);
              return {
                label: p.label,
                sku,
                price: price * 100,
                mrp: mrp * 100,
                maxPerOrder: group.opts.maxPerOrder ?? (price >= 500 ? 5 : 10),
                sortOrder: i,
              };
            });
            const packText = set.map((p) => p.label).join(' / ');
            // "Amul Malai Paneer by Amul" reads badly: drop the "by/from brand" when the name carries it.
            const fill = (t: string) =>
              t
                .replace(/ (by|from) \{brand\}/, name.startsWith(group.brand) ? '' : ' $1 {brand}')
                .replaceAll('{name}', name).replaceAll('{brand}', group.brand).replaceAll('{pack}', packText);
            const details: ProductDetail[] = [
              { label: 'Brand', value: group.brand },
              { label: 'Pack size', value: packText },
              { label: 'Shelf life', value: sub.shelfLife },
              { label: 'Country of origin', value: group.opts.origin ?? 'India' },
              { label: 'Storage', value: sub.storage },
            ];
            if (group.opts.ingredients) details.push({ label: 'Ingredients', value: group.opts.ingredients });
            const tags = [...new Set([...sub.tags, ...(group.opts.tags ?? []), slugify(group.brand)])];
            products.push({
              slug,
              name,
              brand: group.brand,
              line,
              categorySlug: cat.slug,
              subcategorySlugs: group.opts.also ? [sub.slug, group.opts.also] : [sub.slug],
              description: fill(sub.desc),
              details,
              tags,
              glyph: group.opts.glyph ?? sub.glyph,
              palette: cat.palette,
              variants,
            });
          }
        }
      }
    }
  }
  return { categories, subcategories, products };
}

export type SeedCatalogue = ReturnType<typeof buildCatalogue>;

let cached: SeedCatalogue | undefined;
export function demoCatalogue(): SeedCatalogue {
  cached ??= buildCatalogue();
  return cached;
}
