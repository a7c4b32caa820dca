import { describe, expect, it } from 'vitest';
import { readFilters } from './SortAndFilters';

describe('readFilters', () => {
  it('when the URL has sort and price filters, then they are read back', () => {
    const filters = readFilters(
      new URLSearchParams('sort=price_asc&minPrice=5000&maxPrice=10000&brand=Amul'),
    );
    expect(filters).toEqual({ sort: 'price_asc', minPrice: 5000, maxPrice: 10000, brand: 'Amul' });
  });

  it('when the sort is unknown or missing, then relevance is used', () => {
    expect(readFilters(new URLSearchParams('sort=cheapest')).sort).toBe('relevance');
    expect(readFilters(new URLSearchParams('')).sort).toBe('relevance');
  });
});
