/**
 * Columns derived from several tables, kept in step on every catalogue write (and by the seed):
 * the weighted search document, the trigram text, the lowest price and the best discount.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

export async function refreshProductDerived(db: DbOrTx, productIds?: string[]): Promise<void> {
  const only = productIds ? sql`and p.id in (${sql.join(productIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  if (productIds && productIds.length === 0) return;
  await db.execute(sql`
    with src as (
      select
        p.id,
        c.name as category_name,
        coalesce((
          select string_agg(sc.name, ' ')
          from product_subcategories ps join subcategories sc on sc.id = ps.subcategory_id
          where ps.product_id = p.id
        ), '') as sub_names,
        (select min(v.price) from variants v where v.product_id = p.id and v.is_active) as min_price,
        (select max(((v.mrp - v.price)::bigint * 100) / v.mrp)::int from variants v where v.product_id = p.id and v.is_active)
          as max_discount
      from products p join categories c on c.id = p.category_id
      where true ${only}
    )
    update products p set
      search_vector =
        setweight(to_tsvector('english', p.name), 'A') ||
        setweight(to_tsvector('simple', p.brand), 'B') ||
        setweight(to_tsvector('english', src.category_name || ' ' || src.sub_names), 'C') ||
        setweight(to_tsvector('english', p.description), 'D'),
      search_text = lower(p.brand || ' ' || p.name || ' ' || src.category_name || ' ' || src.sub_names),
      min_price = coalesce(src.min_price, 0),
      max_discount = coalesce(src.max_discount, 0)
    from src
    where src.id = p.id
  `);
}
