/**
 * Shapes of the demo catalogue written as code. Product groups are compact (one brand, several lines, the
 * same pack sizes) and are expanded into products and variants by expand.ts.
 */

/** Which drawing the image generator uses for a subcategory or product. */
export type Glyph =
  | 'produce'
  | 'leaf'
  | 'bowl'
  | 'carton'
  | 'pouch'
  | 'tub'
  | 'block'
  | 'loaf'
  | 'eggs'
  | 'sack'
  | 'packet'
  | 'jar'
  | 'box'
  | 'bottle'
  | 'pump'
  | 'can'
  | 'bar'
  | 'candy'
  | 'tube'
  | 'spray'
  | 'cup'
  | 'cone'
  | 'battery'
  | 'bulb'
  | 'notebook'
  | 'bone'
  | 'diya'
  | 'teabag';

export interface Palette {
  /** Soft background of every tile in the category. */
  bg: string;
  /** Main drawing colour. */
  accent: string;
  /** Darker shade for outlines and type. */
  ink: string;
  /** Alternative package colours so products in one shelf do not all look alike. */
  shades: string[];
}

export interface GroupOptions {
  /** Product name is the line alone ("Tomato"), not "Brand Tomato". */
  bare?: boolean;
  /** One product per line with every pack as a variant (otherwise only the first pack is sold). */
  variants?: boolean;
  /** A second subcategory (slug, same category) the products also appear in. */
  also?: string;
  ingredients?: string;
  origin?: string;
  tags?: string[];
  glyph?: Glyph;
  /** Max units per order for these lines (defaults to 10). */
  maxPerOrder?: number;
}

export interface ProductGroup {
  brand: string;
  /** "Line name" or "Line name=price in rupees" to override the first pack's price (others scale). */
  lines: string[];
  /** "500 ml:27" or "500 ml:27/29" (price/mrp in rupees), comma separated. */
  packs: string;
  opts: GroupOptions;
}

export interface SubcategoryDef {
  slug: string;
  name: string;
  glyph: Glyph;
  /** Description template: {name}, {brand}, {pack} are replaced. */
  desc: string;
  shelfLife: string;
  storage: string;
  tags: string[];
  groups: ProductGroup[];
}

export interface CategoryDef {
  slug: string;
  name: string;
  palette: Palette;
  glyph: Glyph;
  subcategories: SubcategoryDef[];
}

export const g = (brand: string, lines: string[], packs: string, opts: GroupOptions = {}): ProductGroup => ({
  brand,
  lines,
  packs,
  opts,
});
