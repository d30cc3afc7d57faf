import { type CsvColumn, csvPresentCount } from '../csv/index.js';
import { binCounts, quantileBinEdges, sortAscending } from '../stats/index.js';

/** A column's numbers in ascending order: as stored when the reader sorted them, else sorted now. */
function sortedNumbers(column: CsvColumn): Float64Array {
  return column.numbersSorted ? column.numbers : sortAscending(column.numbers);
}

/** How a column is compared: as numbers or as categories. */
export type FeatureKind = 'numeric' | 'categorical';

/** Category counts of both samples over the categories seen in either (reference's first). */
export interface CategoryCounts {
  readonly categories: readonly string[];
  readonly reference: Float64Array;
  readonly current: Float64Array;
}

/** Bin shares of both samples, aligned. */
export interface BinShares {
  readonly reference: Float64Array;
  readonly current: Float64Array;
}

/**
 * One column of both files, ready for the drift methods. Every derived view (sorted values,
 * category counts, bin shares) is computed on first use and then shared by every method that needs
 * it: each numeric column is sorted once.
 */
export class DriftFeature {
  readonly name: string;
  readonly kind: FeatureKind;
  /** Non-missing cells in the reference (numbers and text), as the legacy `ref_count`. */
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly referenceMissing: number;
  readonly currentMissing: number;
  private readonly referenceColumn: CsvColumn;
  private readonly currentColumn: CsvColumn;
  private sortedReferenceCache?: Float64Array;
  private sortedCurrentCache?: Float64Array;
  private categoryCache?: CategoryCounts;
  private binCache?: BinShares;

  constructor(name: string, kind: FeatureKind, reference: CsvColumn, current: CsvColumn) {
    this.name = name;
    this.kind = kind;
    this.referenceColumn = reference;
    this.currentColumn = current;
    this.referenceCount = csvPresentCount(reference);
    this.currentCount = csvPresentCount(current);
    this.referenceMissing = reference.missingCount;
    this.currentMissing = current.missingCount;
  }

  /** The reference's numeric values, sorted ascending (computed once). */
  sortedReference(): Float64Array {
    this.sortedReferenceCache ??= sortedNumbers(this.referenceColumn);
    return this.sortedReferenceCache;
  }

  /** The current's numeric values, sorted ascending (computed once). */
  sortedCurrent(): Float64Array {
    this.sortedCurrentCache ??= sortedNumbers(this.currentColumn);
    return this.sortedCurrentCache;
  }

  /**
   * Counts per category over the categories seen in either sample. For a numeric column the
   * categories are its distinct values (ascending); for a categorical one, the texts in order of
   * first appearance, the reference's first.
   */
  categoryCounts(): CategoryCounts {
    this.categoryCache ??= this.kind === 'numeric' ? this.numericValueCounts() : this.textCategoryCounts();
    return this.categoryCache;
  }

  /** Number of distinct values (numeric) or categories across both samples. */
  distinctCount(): number {
    return this.categoryCounts().categories.length;
  }

  /**
   * The number of distinct values across both samples, counted only up to `limit + 1`: cheap on a
   * million numbers where {@link distinctCount} would build every category.
   */
  distinctCountUpTo(limit: number): number {
    if (this.kind === 'categorical' || this.categoryCache !== undefined)
      return Math.min(this.distinctCount(), limit + 1);
    const seen = new Set<number>();
    for (const values of [this.sortedReference(), this.sortedCurrent()]) {
      for (let index = 0; index < values.length && seen.size <= limit; index += 1) {
        if (index === 0 || values[index] !== values[index - 1]) seen.add(values[index]!);
      }
    }
    return Math.min(seen.size, limit + 1);
  }

  /**
   * Shares per bin for the binned methods (psi, kl_div, jensenshannon, hellinger): numeric columns
   * use the reference's deciles as edges (outer bins open; value v in bin = number of edges < v),
   * categorical columns one bin per category.
   */
  binShares(): BinShares {
    if (this.binCache === undefined) {
      let reference: Float64Array;
      let current: Float64Array;
      if (this.kind === 'numeric') {
        const edges = quantileBinEdges(this.sortedReference());
        reference = binCounts(this.sortedReference(), edges);
        current = binCounts(this.sortedCurrent(), edges);
      } else {
        const counts = this.categoryCounts();
        reference = counts.reference;
        current = counts.current;
      }
      this.binCache = { reference: toShares(reference), current: toShares(current) };
    }
    return this.binCache;
  }

  private textCategoryCounts(): CategoryCounts {
    const index = new Map<string, number>();
    const categories: string[] = [];
    const referenceCodes = codeMap(this.referenceColumn, index, categories);
    const currentCodes = codeMap(this.currentColumn, index, categories);
    const reference = new Float64Array(categories.length);
    const current = new Float64Array(categories.length);
    for (const code of this.referenceColumn.codes) reference[referenceCodes[code]!]! += 1;
    for (const code of this.currentColumn.codes) current[currentCodes[code]!]! += 1;
    // In code-unit order, not first-seen order: sums over categories then do not depend on the order
    // of the rows, down to the last bit (a score on a rounding boundary would otherwise flip).
    const order = categories.map((_, position) => position);
    order.sort((a, b) => (categories[a]! < categories[b]! ? -1 : categories[a]! > categories[b]! ? 1 : 0));
    return {
      categories: order.map((position) => categories[position]!),
      reference: Float64Array.from(order, (position) => reference[position]!),
      current: Float64Array.from(order, (position) => current[position]!),
    };
  }

  private numericValueCounts(): CategoryCounts {
    const reference = this.sortedReference();
    const current = this.sortedCurrent();
    const values: number[] = [];
    const referenceCounts: number[] = [];
    const currentCounts: number[] = [];
    let i = 0;
    let j = 0;
    while (i < reference.length || j < current.length) {
      const value = Math.min(
        reference[i] ?? Number.POSITIVE_INFINITY,
        current[j] ?? Number.POSITIVE_INFINITY,
      );
      let inReference = 0;
      let inCurrent = 0;
      while (i < reference.length && reference[i] === value) {
        inReference += 1;
        i += 1;
      }
      while (j < current.length && current[j] === value) {
        inCurrent += 1;
        j += 1;
      }
      values.push(value);
      referenceCounts.push(inReference);
      currentCounts.push(inCurrent);
    }
    return {
      categories: values.map(String),
      reference: Float64Array.from(referenceCounts),
      current: Float64Array.from(currentCounts),
    };
  }
}

/** Maps a column's own dictionary codes to indexes in a shared category list, adding new ones. */
function codeMap(column: CsvColumn, index: Map<string, number>, categories: string[]): Int32Array {
  const mapping = new Int32Array(column.categories.length);
  column.categories.forEach((category, code) => {
    let shared = index.get(category);
    if (shared === undefined) {
      shared = categories.length;
      categories.push(category);
      index.set(category, shared);
    }
    mapping[code] = shared;
  });
  return mapping;
}

function toShares(counts: Float64Array): Float64Array {
  let total = 0;
  for (const count of counts) total += count;
  return counts.map((count) => count / total);
}
