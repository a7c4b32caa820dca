/**
 * Search planning and the typeahead. The vocabulary (words of product names, brands and category names)
 * is rebuilt when the catalogue version changes and at least every minute, so other processes catch up.
 */
import type { SuggestResponse } from '@fatafat/contracts/catalog';
import type { AppDeps } from '../../deps';
import { catalogCache } from '../catalog/catalog.cache';
import { loadVocabularySource, suggestProducts } from './search.repository';
import { planSearch, tokenize, Vocabulary, type NamedEntry, type SearchPlan } from './search.text';

const VOCABULARY_TTL_MS = 60_000;

interface VocabularyState {
  version: string;
  loadedAt: number;
  vocabulary: Vocabulary;
}

const states = new WeakMap<AppDeps, VocabularyState>();
const loading = new WeakMap<AppDeps, Promise<Vocabulary>>();

export function buildVocabulary(texts: string[], names: Array<Omit<NamedEntry, 'words'>>): Vocabulary {
  const words = new Map<string, number>();
  const add = (text: string) => {
    for (const w of tokenize(text)) words.set(w, (words.get(w) ?? 0) + 1);
  };
  texts.forEach(add);
  for (const n of names) add(n.name);
  return new Vocabulary(
    words,
    names.map((n) => ({ ...n, words: tokenize(n.name) })),
  );
}

export async function getVocabulary(deps: AppDeps): Promise<Vocabulary> {
  const version = await catalogCache(deps).version();
  const state = states.get(deps);
  if (state && state.version === version && Date.now() - state.loadedAt < VOCABULARY_TTL_MS) return state.vocabulary;
  const running = loading.get(deps);
  if (running) return state?.vocabulary ?? running;
  const promise = loadVocabularySource(deps.db)
    .then((src) => {
      const vocabulary = buildVocabulary(src.texts, src.names);
      states.set(deps, { version, loadedAt: Date.now(), vocabulary });
      return vocabulary;
    })
    .finally(() => loading.delete(deps));
  loading.set(deps, promise);
  // A slightly stale vocabulary is fine while a fresh one loads, except right after a local write.
  return state && state.version === version ? state.vocabulary : promise;
}

export async function plan(deps: AppDeps, q: string): Promise<SearchPlan> {
  return planSearch(q, await getVocabulary(deps));
}

const SUGGEST_PRODUCTS = 8;
const SUGGEST_CATEGORIES = 4;

export async function suggest(deps: AppDeps, q: string): Promise<SuggestResponse> {
  const vocabulary = await getVocabulary(deps);
  const p = planSearch(q, vocabulary);
  if (p.tokens.length === 0) return { products: [], categories: [] };
  let rows = await suggestProducts(deps.db, 'fts', p.tokens, p.text, SUGGEST_PRODUCTS);
  if (rows.length === 0 && p.text.length >= 3) rows = await suggestProducts(deps.db, 'trgm', p.tokens, p.text, SUGGEST_PRODUCTS);
  const categories = vocabulary.names
    .filter((n) => p.tokens.every((t) => n.words.some((w) => w.startsWith(t) || t.startsWith(w))))
    .slice(0, SUGGEST_CATEGORIES)
    .map(({ id, name, slug, kind, categorySlug }) => ({ id, name, slug, kind, categorySlug }));
  return {
    products: rows.map((r) => ({
      id: r.id,
      name: r.name,
      slug: r.slug,
      brand: r.brand,
      imageUrl: r.image_url,
      price: r.min_price,
    })),
    categories,
    ...(p.didYouMean ? { didYouMean: p.didYouMean } : {}),
  };
}
