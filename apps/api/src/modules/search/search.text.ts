/**
 * Pure text helpers for search: tokenising and Damerau-Levenshtein distance. pg_trgm alone scores short
 * transpositions badly (word_similarity('mlik', 'amul milk') is 0.2), so typos are corrected against the
 * catalogue's own vocabulary before full-text search runs.
 */
const STOPWORDS = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'with', 'in', 'on', 'to', 'by', 'or']);

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0 && t.length <= 40 && !STOPWORDS.has(t));
}

/** Optimal-string-alignment distance (adjacent transpositions count as one edit), capped at max + 1. */
export function damerauLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[m]!, max + 1);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

export interface NamedEntry {
  id: string;
  name: string;
  slug: string;
  kind: 'category' | 'subcategory';
  categorySlug: string;
  words: string[];
}

/** Words of the catalogue with their frequency, plus category names for suggestions. */
export class Vocabulary {
  private readonly sorted: string[];

  constructor(
    readonly words: Map<string, number>,
    readonly names: NamedEntry[],
  ) {
    this.sorted = [...words.keys()].sort();
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /** Whether some catalogue word starts with prefix. */
  hasPrefix(prefix: string): boolean {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.sorted.length && this.sorted[lo]!.startsWith(prefix);
  }

  /**
   * The token as the catalogue spells it: unchanged when known, a prefix of a known word, or a known
   * word plus a short ending (plurals); otherwise the closest word within 1 edit (4–5 letters) or 2 edits
   * (longer), ties going to the more frequent word. Short tokens are never corrected.
   */
  correct(token: string): string {
    if (this.words.has(token) || /^\d+$/.test(token) || this.hasPrefix(token)) return token;
    for (let cut = 1; cut <= 2 && token.length - cut >= 3; cut++) {
      if (this.words.has(token.slice(0, -cut))) return token;
    }
    if (token.length < 4) return token;
    const max = token.length <= 5 ? 1 : 2;
    let best: string | undefined;
    let bestDistance = max + 1;
    let bestPrefix = 0;
    let bestFreq = 0;
    for (const [word, freq] of this.words) {
      if (Math.abs(word.length - token.length) > max) continue;
      const d = damerauLevenshtein(token, word, max);
      if (d > max || d > bestDistance) continue;
      // Typos mostly happen late in a word: among equally close words prefer the longest shared start
      // ("paner" → paneer, not paper; "bred" → bread, not red), then the more common word.
      const prefix = commonPrefix(token, word);
      if (d < bestDistance || prefix > bestPrefix || (prefix === bestPrefix && freq > bestFreq)) {
        best = word;
        bestDistance = d;
        bestPrefix = prefix;
        bestFreq = freq;
      }
    }
    return best && bestDistance <= max ? best : token;
  }
}

export interface SearchPlan {
  /** The raw query, lower-cased, for trigram fallback. */
  text: string;
  /** Tokens after correction, each matched as a prefix. */
  tokens: string[];
  /** Set when a token was corrected: the query as the catalogue spells it. */
  didYouMean?: string;
}

export function planSearch(q: string, vocabulary: Vocabulary): SearchPlan {
  const raw = tokenize(q);
  const tokens = raw.map((t) => vocabulary.correct(t));
  const changed = tokens.some((t, i) => t !== raw[i]);
  return {
    text: raw.join(' '),
    tokens,
    ...(changed ? { didYouMean: tokens.join(' ') } : {}),
  };
}
