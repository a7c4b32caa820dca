import { Link } from 'react-router';
import { Logo } from '@/components/ui/Logo';
import { useGetCategoriesQuery } from '@/features/catalog/api/catalog.api';

export function Footer() {
  const { data: categories } = useGetCategoriesQuery();
  return (
    <footer className="no-print mt-12 border-t border-line bg-surface pb-24 md:pb-0">
      <div className="mx-auto grid max-w-[1280px] gap-8 px-4 py-10 md:grid-cols-[280px_1fr]">
        <div>
          <Logo className="h-8 w-auto text-ink" />
          <p className="mt-3 text-sm leading-relaxed text-muted">
            Groceries, fresh produce and daily essentials from a dark store near you — at your door in
            minutes.
          </p>
        </div>
        {categories && categories.length > 0 && (
          <nav aria-label="Categories">
            <h2 className="mb-3 text-sm font-bold">Categories</h2>
            <ul className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm text-muted sm:grid-cols-3 lg:grid-cols-4">
              {categories.map((category) => (
                <li key={category.id}>
                  <Link to={`/c/${category.slug}`} className="hover:text-ink">
                    {category.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
      <div className="border-t border-line">
        <p className="mx-auto max-w-[1280px] px-4 py-4 text-xs text-muted">
          © {new Date().getFullYear()} Fatafat. Prices include taxes. Images are illustrations.
        </p>
      </div>
    </footer>
  );
}
