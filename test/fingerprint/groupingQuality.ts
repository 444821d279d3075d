/** One grouped sample: the bug it truly belongs to and the id the fingerprint gave it. */
export interface GroupedSample {
  bug: string;
  id: string;
}

/** Pairwise grouping quality over every unordered pair of samples. */
export interface GroupingQuality {
  /** Pairs that share an id and a bug, over pairs that share an id (1 when no pair shares an id). */
  precision: number;
  /** Pairs that share an id and a bug, over pairs that share a bug (1 when no pair shares a bug). */
  recall: number;
  /** Pairs in all: n(n-1)/2. */
  pairs: number;
  /** Pairs of one bug given two ids (split). */
  splitPairs: number;
  /** Pairs of two bugs given one id (merged). */
  mergedPairs: number;
}

const pairsOf = (count: number): number => (count * (count - 1)) / 2;

function pairsWithin(
  samples: readonly GroupedSample[],
  key: (sample: GroupedSample) => string,
): number {
  const sizes = new Map<string, number>();
  for (const sample of samples) sizes.set(key(sample), (sizes.get(key(sample)) ?? 0) + 1);
  let pairs = 0;
  for (const size of sizes.values()) pairs += pairsOf(size);
  return pairs;
}

/** Pairwise precision and recall of a grouping, counted in O(n) from the sizes of the groups. */
export function groupingQuality(samples: readonly GroupedSample[]): GroupingQuality {
  const sameBug = pairsWithin(samples, sample => sample.bug);
  const sameId = pairsWithin(samples, sample => sample.id);
  const both = pairsWithin(samples, sample => JSON.stringify([sample.bug, sample.id]));
  return {
    precision: sameId === 0 ? 1 : both / sameId,
    recall: sameBug === 0 ? 1 : both / sameBug,
    pairs: pairsOf(samples.length),
    splitPairs: sameBug - both,
    mergedPairs: sameId - both,
  };
}
