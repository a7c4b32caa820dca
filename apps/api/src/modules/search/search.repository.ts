import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../../db/client';

export interface VocabularySource {
  texts: string[];
  names: Array<{ id: string; name: string; slug: string; kind: 'category' | 'subcategory'; categorySlug: string }>;
}

export async function loadVocabularySource(db: DbOrTx): Promise<VocabularySource> {
  const products = rowsOf<{ t: string }>(
    await db.execute(sql`select name || ' ' || brand as t from products where is_active and archived_at is null`),
  );
  const names = rowsOf<{ id: string; name: string; slug: string; kind: 'category' | 'subcategory'; category_slug: string }>(
    await db.execute(sql`
      select id, name, slug, 'category' as kind, slug as category_slug, sort_order, 0 as rank from categories
      union all
      select s.id, s.name, s.slug, 'subcategory', c.slug, s.sort_order, 1 from subcategories s
        join categories c on c.id = s.category_id
      order by rank, sort_order, name`),
  );
  return {
    texts: products.map((r) => r.t),
    names: names.map((r) => ({ id: r.id, name: r.name, slug: r.slug, kind: r.kind, categorySlug: r.category_slug })),
  };
}

/**
 * The tsquery for corrected tokens: every token must match, each as a prefix, under both the English
 * stemmer (names, categories) and the simple configuration (brands are indexed unstemmed).
 */
export function tsQuery(tokens: string[]): SQL {
  const parts = tokens.map((t) => {
    const term = `${t}:*`;
    return sql`(to_tsquery('english', ${term}) || to_tsquery('simple', ${term}))`;
  });
  return sql`(${sql.join(parts, sql` && `)})`;
}

/**
 * Minimum word_similarity for the trigram fallback. Short queries share few trigrams with anything, so
 * they need a closer match ("coke" must not pull in every cookie), longer ones may be looser
 * ("amulmilk" still finds Amul milk).
 */
export const trgmThreshold = (text: string): number => (text.length <= 5 ? 0.6 : 0.4);

export interface SuggestProductRow {
  id: string;
  name: string;
  slug: string;
  brand: string;
  image_url: string | null;
  min_price: number;
}

export async function suggestProducts(
  db: DbOrTx,
  mode: 'fts' | 'trgm',
  tokens: string[],
  text: string,
  limit: number,
): Promise<SuggestProductRow[]> {
  const match =
    mode === 'fts'
      ? sql`p.search_vector @@ ${tsQuery(tokens)}`
      : sql`word_similarity(${text}, p.search_text) >= ${trgmThreshold(text)}`;
  const rank =
    mode === 'fts' ? sql`ts_rank(p.search_vector, ${tsQuery(tokens)})` : sql`word_similarity(${text}, p.search_text)`;
  return rowsOf<SuggestProductRow>(
    await db.execute(sql`
      select p.id, p.name, p.slug, p.brand, p.images->0->>'url' as image_url, p.min_price
      from products p
      where p.is_active and p.archived_at is null and ${match}
      order by ${rank} desc, p.id
      limit ${limit}`),
  );
}
