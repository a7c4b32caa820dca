import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FiClock, FiTag, FiGrid } from 'react-icons/fi';
import { useAppSelector } from '@/app/hooks';
import { EtaPill } from '@/components/ui/EtaPill';
import { ErrorState } from '@/components/ui/ErrorState';
import { Skeleton } from '@/components/ui/Skeleton';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { errorStatus } from '@/lib/api';
import { discountPercent, formatMoney } from '@/lib/format';
import { AddToCart } from '@/features/cart/components/AddToCart';
import { useGetProductQuery } from '@/features/catalog/api/products.api';
import { leadVariant, ProductCard } from '@/features/catalog/components/ProductCard';
import { ProductGallery } from '@/features/catalog/components/ProductGallery';
import { VariantSelector } from '@/features/catalog/components/VariantSelector';
import { selectLocation, selectStoreId } from '@/features/location/location.slice';
import NotFoundView from './not-found-view';

const trustPoints = [
  {
    icon: FiClock,
    title: 'Superfast delivery',
    text: 'Get your order delivered to your doorstep in minutes from a store near you.',
  },
  {
    icon: FiTag,
    title: 'Best prices & offers',
    text: 'Everyday low prices and offers on the brands you love.',
  },
  {
    icon: FiGrid,
    title: 'Wide assortment',
    text: 'Choose from 600+ products across food, personal care, household and more.',
  },
];

export function Component() {
  const { slug = '' } = useParams();
  const store = useAppSelector(selectStoreId);
  const eta = useAppSelector(selectLocation)?.etaMinutes;
  const { data, isLoading, isError, error, refetch } = useGetProductQuery({ slug, store });
  const product = data?.product;
  // The chosen pack size belongs to one product; moving to a similar product starts from its lead size.
  const [choice, setChoice] = useState<{ slug: string; variantId: string } | null>(null);
  const variantId = choice?.slug === slug ? choice.variantId : undefined;
  const setVariantId = (id: string) => setChoice({ slug, variantId: id });
  useDocumentTitle(product?.name);

  if (isError && errorStatus(error) === 404) return <NotFoundView />;
  if (isError) return <ErrorState onRetry={refetch} />;

  if (isLoading || !product) {
    return (
      <div className="mx-auto grid max-w-[1280px] gap-8 px-4 py-6 md:grid-cols-2">
        <Skeleton className="aspect-square w-full rounded-2xl" />
        <div className="flex flex-col gap-3">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-8 w-3/4" />
          <Skeleton className="h-5 w-20" />
          <Skeleton className="mt-4 h-24 w-full" />
        </div>
      </div>
    );
  }

  const variant = product.variants.find((v) => v.id === variantId) ?? leadVariant(product.variants);
  const off = variant ? discountPercent(variant.price, variant.mrp) : 0;
  const productForCart = { ...product, imageUrl: product.imageUrl ?? product.images[0]?.url ?? null };

  return (
    <div className="mx-auto max-w-[1280px] px-4 py-4 md:py-8">
      <div className="grid gap-6 md:grid-cols-2 md:gap-10">
        <div className="md:sticky md:top-[calc(var(--header-h,81px)+24px)] md:self-start">
          <ProductGallery images={product.images} fallback={product.imageUrl} name={product.name} />
        </div>
        <div>
          <nav aria-label="Breadcrumb" className="text-[12px] text-muted">
            <Link to="/" className="hover:text-ink">
              Home
            </Link>{' '}
            /{' '}
            <Link to={`/c/${product.category.slug}`} className="hover:text-ink">
              {product.category.name}
            </Link>
            {product.subcategories[0] && (
              <>
                {' / '}
                <Link
                  to={`/c/${product.category.slug}/${product.subcategories[0].slug}`}
                  className="hover:text-ink"
                >
                  {product.subcategories[0].name}
                </Link>
              </>
            )}
          </nav>
          <h1 className="mt-2 text-[22px] leading-tight font-extrabold tracking-tight md:text-[28px]">
            {product.name}
          </h1>
          {eta !== undefined && <EtaPill minutes={eta} className="mt-2" />}
          {product.brand && (
            <p className="mt-2 text-sm">
              <span className="text-muted">Brand: </span>
              <Link
                to={`/s?q=${encodeURIComponent(product.brand)}`}
                className="font-semibold text-action hover:underline"
              >
                {product.brand}
              </Link>
            </p>
          )}
          <div className="mt-5 border-t border-line pt-5">
            {variant && (
              <div className="mb-5 flex items-end justify-between gap-4">
                <div>
                  <p className="text-[13px] text-muted">{variant.label}</p>
                  <p className="mt-0.5 flex items-baseline gap-2">
                    <span className="text-xl font-extrabold tabular">{formatMoney(variant.price)}</span>
                    {variant.mrp > variant.price && (
                      <span className="text-sm text-muted">
                        MRP <span className="line-through tabular">{formatMoney(variant.mrp)}</span>
                      </span>
                    )}
                    {off > 0 && (
                      <span className="rounded bg-offer px-1.5 py-0.5 text-[11px] font-extrabold text-white">
                        {off}% OFF
                      </span>
                    )}
                  </p>
                  <p className="mt-0.5 text-[11px] text-muted">(Inclusive of all taxes)</p>
                </div>
                <AddToCart product={productForCart} variantId={variant.id} size="md" />
              </div>
            )}
            {product.variants.length > 1 && variant && (
              <VariantSelector variants={product.variants} value={variant.id} onChange={setVariantId} />
            )}
          </div>
          <section aria-labelledby="why-fatafat" className="mt-7">
            <h2 id="why-fatafat" className="text-base font-bold">
              Why shop from Fatafat?
            </h2>
            <ul className="mt-3 flex flex-col gap-3.5">
              {trustPoints.map(({ icon: Icon, title, text }) => (
                <li key={title} className="flex gap-3">
                  <span className="grid size-11 shrink-0 place-items-center rounded-full bg-brand-soft">
                    <Icon className="size-5 text-ink" aria-hidden="true" />
                  </span>
                  <span>
                    <span className="block text-sm font-semibold">{title}</span>
                    <span className="block text-[13px] text-muted">{text}</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>
          {(product.details.length > 0 || product.description) && (
            <section aria-labelledby="product-details" className="mt-7">
              <h2 id="product-details" className="text-base font-bold">
                Product details
              </h2>
              {product.description && (
                <p className="mt-2 text-sm leading-relaxed text-ink/85">{product.description}</p>
              )}
              {product.details.length > 0 && (
                <dl className="mt-3 divide-y divide-line rounded-[var(--radius-card)] border border-line">
                  {product.details.map((detail) => (
                    <div
                      key={detail.label}
                      className="grid grid-cols-[140px_1fr] gap-3 px-3.5 py-2.5 text-sm"
                    >
                      <dt className="font-semibold text-muted">{detail.label}</dt>
                      <dd>{detail.value}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </section>
          )}
        </div>
      </div>
      {data.similar.length > 0 && (
        <section aria-labelledby="similar" className="mt-10">
          <h2 id="similar" className="mb-3 text-lg font-extrabold tracking-tight md:text-xl">
            Similar products
          </h2>
          <ul className="scrollbar-none -mx-4 flex snap-x gap-3 overflow-x-auto px-4 pb-1 md:mx-0 md:px-0">
            {data.similar.map((item) => (
              <li key={item.id} className="w-[152px] shrink-0 snap-start md:w-[180px]">
                <ProductCard product={item} className="h-full" />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
