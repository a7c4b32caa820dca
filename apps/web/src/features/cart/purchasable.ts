/** What can be put in the cart, and the snapshot the cart keeps of it (shared by the ADD button and the pack-size chooser). */
import type { CartProductSnapshot } from './types';

export interface PurchasableVariant {
  id: string;
  label: string;
  price: number;
  mrp: number;
  available: boolean;
  maxPerOrder: number;
}

export interface PurchasableProduct {
  id: string;
  slug: string;
  name: string;
  imageUrl: string | null;
  variants: PurchasableVariant[];
}

export function snapshotOf(product: PurchasableProduct, variant: PurchasableVariant): CartProductSnapshot {
  return {
    variantId: variant.id,
    productId: product.id,
    slug: product.slug,
    name: product.name,
    label: variant.label,
    imageUrl: product.imageUrl,
    price: variant.price,
    mrp: variant.mrp,
    maxPerOrder: variant.maxPerOrder,
    available: variant.available,
  };
}
