/**
 * The demo catalogue's GST classification, per subcategory: the HSN heading and the rate shelf prices
 * include. Realistic for packaged retail goods, simplified to one heading per subcategory (fresh produce,
 * milk, eggs and bread are exempt; packaged staples 5 %; butter, ghee and juices 12 %; processed foods and
 * personal care 18 %; aerated and energy drinks 28 %, without the compensation cess the demo leaves out).
 */
import type { GstRate } from '@fatafat/contracts/invoices';

export interface SeedTax {
  hsn: string;
  rate: GstRate;
}

const TAX: Readonly<Record<string, SeedTax>> = {
  'fresh-vegetables': { hsn: '0709', rate: 0 },
  'fresh-fruits': { hsn: '0810', rate: 0 },
  exotics: { hsn: '0810', rate: 0 },
  'herbs-leafy': { hsn: '0709', rate: 0 },
  'cuts-sprouts': { hsn: '0709', rate: 0 },
  milk: { hsn: '0401', rate: 0 },
  'curd-yogurt': { hsn: '0403', rate: 5 },
  'paneer-tofu': { hsn: '0406', rate: 5 },
  'butter-cheese': { hsn: '0405', rate: 12 },
  'bread-pav': { hsn: '1905', rate: 0 },
  eggs: { hsn: '0407', rate: 0 },
  atta: { hsn: '1101', rate: 5 },
  rice: { hsn: '1006', rate: 5 },
  'dals-pulses': { hsn: '0713', rate: 5 },
  'besan-sooji': { hsn: '1106', rate: 5 },
  poha: { hsn: '1904', rate: 5 },
  'whole-spices': { hsn: '0909', rate: 5 },
  'powdered-masala': { hsn: '0910', rate: 5 },
  'cooking-oil': { hsn: '1512', rate: 5 },
  ghee: { hsn: '0405', rate: 12 },
  'salt-sugar': { hsn: '1701', rate: 5 },
  'chips-crisps': { hsn: '2005', rate: 12 },
  'namkeen-bhujia': { hsn: '2106', rate: 12 },
  'biscuits-cookies': { hsn: '1905', rate: 18 },
  popcorn: { hsn: '1904', rate: 18 },
  nachos: { hsn: '1905', rate: 18 },
  'soft-drinks': { hsn: '2202', rate: 28 },
  'fruit-juices': { hsn: '2009', rate: 12 },
  'energy-drinks': { hsn: '2202', rate: 28 },
  'water-soda': { hsn: '2201', rate: 18 },
  'cold-coffee': { hsn: '2202', rate: 12 },
  'cereals-muesli': { hsn: '1904', rate: 18 },
  oats: { hsn: '1104', rate: 5 },
  'noodles-pasta': { hsn: '1902', rate: 18 },
  'ready-to-cook': { hsn: '2106', rate: 18 },
  'spreads-jams': { hsn: '2007', rate: 12 },
  chocolates: { hsn: '1806', rate: 18 },
  'indian-sweets': { hsn: '2106', rate: 5 },
  'ice-creams': { hsn: '2105', rate: 18 },
  candies: { hsn: '1704', rate: 18 },
  tea: { hsn: '0902', rate: 5 },
  coffee: { hsn: '2101', rate: 18 },
  'health-drinks': { hsn: '1901', rate: 18 },
  'green-tea': { hsn: '0902', rate: 5 },
  'bath-body': { hsn: '3401', rate: 18 },
  'hair-care': { hsn: '3305', rate: 18 },
  'oral-care': { hsn: '3306', rate: 18 },
  'skin-care': { hsn: '3304', rate: 18 },
  'mens-grooming': { hsn: '3307', rate: 18 },
  'feminine-care': { hsn: '9619', rate: 0 },
  detergents: { hsn: '3402', rate: 18 },
  dishwash: { hsn: '3402', rate: 18 },
  'floor-surface': { hsn: '3402', rate: 18 },
  'toilet-cleaners': { hsn: '3402', rate: 18 },
  fresheners: { hsn: '3307', rate: 18 },
  'pooja-needs': { hsn: '3307', rate: 5 },
  diapers: { hsn: '9619', rate: 12 },
  wipes: { hsn: '3401', rate: 18 },
  'baby-food': { hsn: '1901', rate: 18 },
  'baby-bath': { hsn: '3401', rate: 18 },
  'dog-food': { hsn: '2309', rate: 18 },
  'cat-food': { hsn: '2309', rate: 18 },
  treats: { hsn: '2309', rate: 18 },
  'pet-hygiene': { hsn: '3307', rate: 18 },
  storage: { hsn: '3924', rate: 18 },
  disposables: { hsn: '4823', rate: 18 },
  'batteries-bulbs': { hsn: '8506', rate: 18 },
  stationery: { hsn: '4820', rate: 12 },
};

/** A subcategory the table does not know: the standard rate, as the schema's default. */
const STANDARD: SeedTax = { hsn: '2106', rate: 18 };

/** A product's classification: that of its first (main) subcategory. */
export function demoTax(subcategorySlugs: readonly string[]): SeedTax {
  return TAX[subcategorySlugs[0] ?? ''] ?? STANDARD;
}

/** Every subcategory the table classifies (the seed test checks none is missing). */
export const classifiedSubcategories = (): string[] => Object.keys(TAX);
