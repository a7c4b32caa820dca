import { lazy, Suspense, useDeferredValue, useEffect } from 'react';
import { ErrorState } from '@/components/ui/ErrorState';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useGetCategoriesQuery } from '@/features/catalog/api/catalog.api';
import { CategoryGrid } from '@/features/catalog/components/CategoryGrid';
import { HomeBanners } from '@/features/catalog/components/HomeBanners';

// Below the banners and the category grid, so none of it is needed for the first paint.
const loadRails = () => import('@/features/catalog/components/HomeRails');
const HomeRails = lazy(loadRails);

export function HomeRoute() {
  useDocumentTitle(undefined);
  const { data, isError, refetch } = useGetCategoriesQuery();
  // The store hands data over in one synchronous render; deferring it lets React draw the grid, banners
  // and rails in small slices, so a phone stays responsive while the first screen fills in.
  const categories = useDeferredValue(data);
  const isLoading = !categories;
  // Start fetching the rails' code with the categories request instead of after it.
  useEffect(() => void loadRails(), []);

  if (isError) return <ErrorState onRetry={refetch} />;

  return (
    <div className="mx-auto max-w-[1280px] px-4 pb-8">
      <HomeBanners categories={categories} />
      <CategoryGrid categories={categories} isLoading={isLoading} />
      {categories && (
        // Two rails' worth of room while the code arrives, so the footer does not jump up and back.
        <Suspense fallback={<div style={{ minHeight: 2 * 330 }} aria-hidden="true" />}>
          <HomeRails categories={categories} />
        </Suspense>
      )}
    </div>
  );
}
