/** Test data for the floor: lines placed on bins in temperature zones with barcodes, and orders waiting to be picked. */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ean13CheckDigit, type Temperature, type WhenShort } from '@fatafat/contracts/floor-rules';
import type { Db } from '../../db/client';
import { categories, productSubcategories, products, stock, subcategories, variants } from '../../db/schema/index';
import { createUser, clientAs } from '../../test/factories';
import type { TestApp } from '../../test/harness';
import { createTestOrder, createTestStore, type TestVariant } from '../orders/order.factories';

const suffix = () => randomBytes(4).toString('hex');
let serial = 0;

/** A fresh EAN-13 in the restricted-circulation range (2…), never one of the demo's 890… codes. */
export function testBarcode(): string {
  const first12 = `2${randomBytes(4).readUInt32BE(0).toString().padStart(10, '0').slice(0, 8)}${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first12}${ean13CheckDigit(first12)}`;
}

export interface FloorLine extends TestVariant {
  barcode: string | null;
  bin: string | null;
  temperature: Temperature;
  subcategoryId: string;
}

/** A product in a subcategory kept at `temperature`, its one variant stocked at the store on `bin`. */
export async function createFloorLine(
  db: Db,
  storeId: string,
  o: { bin?: string | null; temperature?: Temperature; barcode?: string | null; onHand?: number; price?: number; mrp?: number; subcategoryId?: string; name?: string } = {},
): Promise<FloorLine> {
  const s = suffix();
  const temperature = o.temperature ?? 'ambient';
  let subcategoryId = o.subcategoryId;
  let categoryId: string;
  if (subcategoryId) {
    const [sub] = await db.select({ categoryId: subcategories.categoryId }).from(subcategories).where(eq(subcategories.id, subcategoryId));
    categoryId = sub!.categoryId;
  } else {
    const [cat] = await db.insert(categories).values({ name: `Cat ${s}`, slug: `cat-${s}` }).returning({ id: categories.id });
    categoryId = cat!.id;
    const [sub] = await db
      .insert(subcategories)
      .values({ categoryId, name: `Sub ${s}`, slug: `sub-${s}`, temperature })
      .returning({ id: subcategories.id });
    subcategoryId = sub!.id;
  }
  const name = o.name ?? `Product ${s}`;
  const [product] = await db.insert(products).values({ categoryId, name, slug: `product-${s}` }).returning({ id: products.id });
  await db.insert(productSubcategories).values({ productId: product!.id, subcategoryId });
  const price = o.price ?? 5000;
  const mrp = o.mrp ?? Math.max(price, 6000);
  const barcode = o.barcode === undefined ? testBarcode() : o.barcode;
  const [variant] = await db
    .insert(variants)
    .values({ productId: product!.id, label: '500 g', sku: `SKU-${s}`, barcode, price, mrp })
    .returning({ id: variants.id });
  const bin = o.bin === undefined ? 'A-01-A-1' : o.bin;
  await db.insert(stock).values({ storeId, variantId: variant!.id, onHand: o.onHand ?? 10, bin });
  return { id: variant!.id, productId: product!.id, name, label: '500 g', price, mrp, barcode, bin, temperature, subcategoryId };
}

/** A store with a picker, a second picker and a manager, each with a signed-in client. */
export async function createFloor(t: TestApp) {
  const store = await createTestStore(t.deps.db);
  const picker = await createUser(t, { role: 'picker', storeId: store.id, name: 'Ravi Kumar' });
  const picker2 = await createUser(t, { role: 'picker', storeId: store.id, name: 'Pooja Singh' });
  const manager = await createUser(t, { role: 'staff', storeId: store.id, name: 'Meera Kapoor' });
  const customer = await createUser(t);
  return {
    store,
    picker,
    picker2,
    manager,
    customer,
    as: {
      picker: clientAs(t, picker),
      picker2: clientAs(t, picker2),
      manager: clientAs(t, manager),
      customer: clientAs(t, customer),
    },
  };
}

/** A confirmed (cash) order at the store for the lines, units reserved as checkout would. */
export async function createWaitingOrder(
  t: TestApp,
  floor: { store: { id: string }; customer: { id: string } },
  lines: Array<{ variant: TestVariant; quantity: number; whenShort?: WhenShort }>,
  o: { createdAt?: Date; paymentMethod?: 'cod' | 'card' } = {},
) {
  return createTestOrder(t.deps.db, { userId: floor.customer.id, storeId: floor.store.id, lines, status: 'confirmed', ...o });
}
