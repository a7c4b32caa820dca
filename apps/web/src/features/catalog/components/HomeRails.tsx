import { LazyMount } from '@/components/ui/LazyMount';
import { ProductRail } from './ProductRail';
import type { Category } from '../types';

/**
 * A rail of best sellers per category. Its own chunk (product cards, ADD buttons, steppers): on a phone
 * the rails start below the fold, so the home page paints its banners and categories without this code.
 */
export default function HomeRails({ categories }: { categories: Category[] }) {
  return categories.map((category, index) =>
    index < 2 ? (
      <ProductRail key={category.id} category={category} />
    ) : (
      <LazyMount key={category.id} minHeight={330}>
        <ProductRail category={category} />
      </LazyMount>
    ),
  );
}
