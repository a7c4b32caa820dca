import { Link } from 'react-router';
import { FiArrowRight } from 'react-icons/fi';
import type { Category } from '../types';

function findCategory(categories: Category[], pattern: RegExp): Category | undefined {
  return categories.find((category) => pattern.test(category.slug) || pattern.test(category.name));
}

interface Offer {
  title: string;
  subtitle: string;
  pattern: RegExp;
  background: string;
  accent: string;
  art: 'leaf' | 'bottle' | 'chip';
}

const offers: Offer[] = [
  {
    title: 'Farm-fresh daily',
    subtitle: 'Fruits & vegetables picked this morning',
    pattern: /fruit|veg/i,
    background: '#E6F4EA',
    accent: '#0A8A4A',
    art: 'leaf',
  },
  {
    title: 'Chill, instantly',
    subtitle: 'Cold drinks & juices, ice-cold',
    pattern: /drink|juice|beverage/i,
    background: '#E7F0FE',
    accent: '#256FEF',
    art: 'bottle',
  },
  {
    title: 'Snack attack?',
    subtitle: 'Chips, namkeen & more from ₹10',
    pattern: /snack|munch/i,
    background: '#FFF1E3',
    accent: '#D9701F',
    art: 'chip',
  },
];

function OfferArt({ art, accent }: { art: Offer['art']; accent: string }) {
  if (art === 'leaf') {
    return (
      <svg viewBox="0 0 80 80" className="size-20" aria-hidden="true">
        <circle cx="40" cy="46" r="24" fill={accent} opacity=".15" />
        <path d="M26 54c0-18 14-30 32-30 0 18-12 32-32 30Z" fill={accent} />
        <path d="M26 54c8-9 16-15 26-22" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" fill="none" />
      </svg>
    );
  }
  if (art === 'bottle') {
    return (
      <svg viewBox="0 0 80 80" className="size-20" aria-hidden="true">
        <circle cx="40" cy="46" r="24" fill={accent} opacity=".15" />
        <rect x="33" y="14" width="14" height="8" rx="2" fill={accent} />
        <path d="M31 26h18l3 8v32a4 4 0 0 1-4 4H32a4 4 0 0 1-4-4V34l3-8Z" fill={accent} />
        <rect x="28" y="40" width="24" height="12" fill="#fff" opacity=".85" />
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 80 80" className="size-20" aria-hidden="true">
      <circle cx="40" cy="46" r="24" fill={accent} opacity=".15" />
      <path d="M24 22h32l-3 46H27l-3-46Z" fill={accent} />
      <path d="M24 22c5 3 10 3 16 0s11-3 16 0" stroke="#fff" strokeWidth="2.5" fill="none" />
      <circle cx="40" cy="44" r="8" fill="#F9C22E" />
    </svg>
  );
}

/**
 * The wide promo banner and three offer cards; each links to a real category from the API. They render
 * before the categories arrive (links fill in after), so nothing below them shifts when data lands.
 */
export function HomeBanners({ categories = [] }: { categories?: Category[] }) {
  const essentials = findCategory(categories, /dairy|bread|egg/i) ?? categories[0];
  return (
    <section aria-label="Offers" className="pt-4">
      <Link
        to={essentials ? `/c/${essentials.slug}` : '/'}
        className="relative flex min-h-[150px] items-center overflow-hidden rounded-2xl bg-brand px-5 py-6 md:min-h-[220px] md:px-10"
      >
        <div className="relative z-10 max-w-[62%] md:max-w-md">
          <p className="text-[11px] font-bold tracking-[0.14em] text-ink/70 uppercase md:text-xs">
            Fatafat daily
          </p>
          <h1 className="mt-1 text-[22px] leading-[1.1] font-extrabold tracking-tight md:text-[40px]">
            Groceries at your door in minutes
          </h1>
          <p className="mt-2 hidden text-sm font-medium text-ink/80 md:block md:text-base">
            Milk, bread, eggs and 600+ everyday essentials, delivered fresh from a store near you.
          </p>
          <span className="mt-4 inline-flex h-9 items-center gap-1.5 rounded-lg bg-ink px-4 text-sm font-bold text-white md:h-11 md:px-5">
            Shop now <FiArrowRight aria-hidden="true" />
          </span>
        </div>
        <svg
          viewBox="0 0 260 200"
          aria-hidden="true"
          className="absolute right-[-30px] bottom-[-10px] h-[150px] md:right-8 md:h-[230px]"
        >
          <circle cx="150" cy="100" r="95" fill="#fff" opacity=".35" />
          <path d="M70 80h150l-14 100a10 10 0 0 1-10 8H94a10 10 0 0 1-10-8L70 80Z" fill="#0A8A4A" />
          <path
            d="M105 82V58a40 40 0 0 1 80 0v24"
            fill="none"
            stroke="#1C1C1C"
            strokeWidth="8"
            strokeLinecap="round"
          />
          <path d="M152 100 128 136h18l-7 30 26-40h-18l5-26Z" fill="#F9C22E" />
          <rect x="78" y="30" width="30" height="54" rx="6" fill="#fff" />
          <rect x="78" y="30" width="30" height="14" rx="6" fill="#256FEF" />
          <ellipse cx="205" cy="64" rx="22" ry="14" fill="#E8A33B" />
          <path d="M190 60c8-4 22-4 30 0" stroke="#fff" strokeWidth="3" fill="none" opacity=".6" />
        </svg>
      </Link>
      <ul className="scrollbar-none -mx-4 mt-3 flex snap-x gap-3 overflow-x-auto px-4 md:mx-0 md:grid md:grid-cols-3 md:px-0">
        {offers.map((offer) => {
          const category = findCategory(categories, offer.pattern);
          return (
            <li key={offer.title} className="w-[78%] shrink-0 snap-start md:w-auto">
              <Link
                to={category ? `/c/${category.slug}` : '/'}
                className="flex h-full items-center justify-between gap-2 overflow-hidden rounded-2xl p-4 transition-transform duration-150 hover:-translate-y-0.5"
                style={{ backgroundColor: offer.background }}
              >
                <div>
                  <h2 className="text-[17px] font-extrabold tracking-tight">{offer.title}</h2>
                  <p className="mt-0.5 text-[13px] text-ink/75">{offer.subtitle}</p>
                  <span className="mt-3 inline-flex h-8 items-center rounded-lg bg-ink px-3 text-[12px] font-bold text-white">
                    Order now
                  </span>
                </div>
                <OfferArt art={offer.art} accent={offer.accent} />
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
