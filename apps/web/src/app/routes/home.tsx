import { LazyMount } from '@/components/ui/LazyMount';
import { ErrorState } from '@/components/ui/ErrorState';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useGetCategoriesQuery } from '@/features/catalog/api/catalog.api';
import { CategoryGrid } from '@/features/catalog/components/CategoryGrid';
import { HomeBanners } from '@/features/catalog/components/HomeBanners';
import { ProductRail } from '@/features/catalog/components/ProductRail';

export function HomeRoute() {
  useDocumentTitle(undefined);
  const { data: categories, isLoading, isError, refetch } = useGetCategoriesQuery();

  if (isError) return <ErrorState onRetry={refetch} />;

  return (
    <div className="mx-auto max-w-[1280px] px-4 pb-8">
      <HomeBanners categories={categories} />
      <CategoryGrid categories={categories} isLoading={isLoading} />
      {categories?.map((category, index) =>
        index < 2 ? (
          <ProductRail key={category.id} category={category} />
        ) : (
          <LazyMount key={category.id} minHeight={330}>
            <ProductRail category={category} />
          </LazyMount>
        ),
      )}
    </div>
  );
}
