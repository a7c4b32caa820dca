/**
 * The demo floor: which subcategories are kept cold, the barcode printed on every pack, and where each
 * line sits in each store. Pure and deterministic (same catalogue → same codes and bins), so reruns of the
 * seed agree with themselves. Rules (bin format, EAN-13) are the contracts' floor-rules.
 */
import { ean13CheckDigit, type Temperature } from '@fatafat/contracts/floor-rules';
import type { SeedProduct } from './catalogue';
import { hashString, prng } from './prng';

const CHILLED = new Set(['milk', 'curd-yogurt', 'paneer-tofu', 'butter-cheese', 'cuts-sprouts', 'cold-coffee']);
const FROZEN = new Set(['ice-creams']);

export function demoTemperature(subcategorySlug: string): Temperature {
  if (FROZEN.has(subcategorySlug)) return 'frozen';
  return CHILLED.has(subcategorySlug) ? 'chilled' : 'ambient';
}

/**
 * EAN-13 codes in the GS1 India range (890…), nine digits drawn from the SKU and the check digit. SKUs are
 * taken in sorted order and a clash steps to the next free number, so every SKU keeps its code across reruns.
 */
export function demoBarcodes(skus: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const sku of [...skus].sort()) {
    let n = hashString(`barcode:${sku}`) % 1_000_000_000;
    for (;;) {
      const first12 = `890${String(n).padStart(9, '0')}`;
      const code = `${first12}${ean13CheckDigit(first12)}`;
      if (!used.has(code)) {
        used.add(code);
        out.set(sku, code);
        break;
      }
      n = (n + 1) % 1_000_000_000;
    }
  }
  return out;
}

/** Ambient zone letters; chilled lines live in the cold room (R), frozen ones in the freezers (F). */
const AMBIENT_ZONES = ['A', 'B', 'D', 'E', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'S', 'T'];
const SHELVES = 5;
const RACKS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * A bin for every SKU at one store: each store lays its categories out in its own order (a shuffle fixed
 * per store), a subcategory takes an aisle, products fill racks shelf by shelf; all pack sizes of a
 * product share its bin. Cold subcategories share the cold room's and the freezers' aisles.
 */
export function demoBins(storeSlug: string, products: readonly SeedProduct[]): Map<string, string> {
  const r = prng(`layout:${storeSlug}`);
  const categories = [...new Set(products.map((p) => p.categorySlug))];
  const order = categories
    .map((c) => ({ c, k: r() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c);
  const zoneOf = new Map(order.map((c, i) => [c, AMBIENT_ZONES[i % AMBIENT_ZONES.length]!]));
  const aisles = new Map<string, string>(); // subcategory → "zone-aisle"
  const perZone = new Map<string, number>();
  const slotsInAisle = new Map<string, number>();
  const out = new Map<string, string>();
  for (const p of products) {
    const sub = p.subcategorySlugs[0] ?? p.categorySlug;
    const temperature = demoTemperature(sub);
    const zone = temperature === 'frozen' ? 'F' : temperature === 'chilled' ? 'R' : zoneOf.get(p.categorySlug)!;
    let aisle = aisles.get(sub);
    if (!aisle) {
      const n = (perZone.get(zone) ?? 0) + 1;
      perZone.set(zone, n);
      aisle = `${zone}-${String(Math.min(n, 99)).padStart(2, '0')}`;
      aisles.set(sub, aisle);
    }
    const slot = slotsInAisle.get(aisle) ?? 0;
    slotsInAisle.set(aisle, slot + 1);
    const rack = RACKS[Math.floor(slot / SHELVES) % RACKS.length]!;
    const bin = `${aisle}-${rack}-${(slot % SHELVES) + 1}`;
    for (const v of p.variants) out.set(v.sku, bin);
  }
  return out;
}
