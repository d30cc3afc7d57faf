import { type CsvColumn, csvPresentCount } from '../csv/index.js';
import {
  binCounts,
  distinctValueCount,
  EVIDENTLY_DISTINCT_VALUES_LIMIT,
  evidentlyBinnedShares,
  evidentlyFillEmptyShares,
  extremes,
  type KsGaps,
  ksLargestGaps,
  ksLargestGapsUnsorted,
  legacyPsi,
  legacyPsiUnsorted,
  quantileBinEdges,
  sortAscending,
  sturgesBinEdgesRefusal,
} from '../stats/index.js';

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
  /** How many numbers the reference holds (in a categorical column, its cells that read as numbers). */
  readonly referenceNumberCount: number;
  readonly currentNumberCount: number;
  private readonly referenceColumn: CsvColumn;
  private readonly currentColumn: CsvColumn;
  private sortedReferenceCache?: Float64Array;
  private sortedCurrentCache?: Float64Array;
  private categoryCache?: CategoryCounts;
  private binCache?: BinShares;
  private distinctNumbersCache?: number;
  private filledBinCache?: BinShares;
  private decileBinCache?: BinShares;
  private integerDataCache?: boolean;
  private ksGapsCache?: KsGaps;
  private rangeCache?: readonly [number, number];
  private legacyPsiCache?: number;

  constructor(name: string, kind: FeatureKind, reference: CsvColumn, current: CsvColumn) {
    this.name = name;
    this.kind = kind;
    this.referenceColumn = reference;
    this.currentColumn = current;
    this.referenceCount = csvPresentCount(reference);
    this.currentCount = csvPresentCount(current);
    this.referenceMissing = reference.missingCount;
    this.currentMissing = current.missingCount;
    this.referenceNumberCount = reference.numbers.length;
    this.currentNumberCount = current.numbers.length;
  }

  /**
   * The reference's numeric values in the reader's order: sorted when the reader sorted them, else as
   * in the file (never a sorted view computed since, so that what is summed in this order does not
   * depend on which methods ran first). See {@link sortedReference}.
   */
  referenceNumbers(): Float64Array {
    return this.referenceColumn.numbers;
  }

  /** The current's numeric values in the reader's order (see {@link referenceNumbers}). */
  currentNumbers(): Float64Array {
    return this.currentColumn.numbers;
  }

  /** Whether both samples' sorted views exist already (the reader's, or computed for a method). */
  private hasSortedNumbers(): boolean {
    return (
      (this.sortedReferenceCache !== undefined || this.referenceColumn.numbersSorted === true) &&
      (this.sortedCurrentCache !== undefined || this.currentColumn.numbersSorted === true)
    );
  }

  /**
   * The KS gaps of the numeric values (computed once): one merge when both samples are sorted
   * already, else from the values in file order without sorting them (ksLargestGapsUnsorted). The
   * same numbers either way.
   */
  ksGaps(): KsGaps {
    this.ksGapsCache ??= this.hasSortedNumbers()
      ? ksLargestGaps(this.sortedReference(), this.sortedCurrent())
      : ksLargestGapsUnsorted(this.referenceColumn.numbers, this.currentColumn.numbers, this.range());
    return this.ksGapsCache;
  }

  /** The legacy PSI of the numeric values (computed once; sorted or not, the same number). */
  legacyPsi(): number {
    this.legacyPsiCache ??= this.hasSortedNumbers()
      ? legacyPsi(this.sortedReference(), this.sortedCurrent())
      : legacyPsiUnsorted(this.referenceColumn.numbers, this.currentColumn.numbers, this.range());
    return this.legacyPsiCache;
  }

  /** The smallest and largest number of both samples together (computed once, in one pass each). */
  private range(): readonly [number, number] {
    this.rangeCache ??= extremes(this.currentColumn.numbers, ...extremes(this.referenceColumn.numbers));
    return this.rangeCache;
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
   * Shares per bin as Evidently 0.7.21 bins for `psi`, `kl_div` and `jensenshannon` (`get_binned_data`),
   * empty bins still empty: a numeric column whose reference has more than 20 distinct values gets
   * equal-width Sturges bins over both samples together (`evidentlyBinnedShares`), any other numeric
   * column one bin per distinct value of either sample (ascending), a categorical column one bin per
   * category. Computed once.
   *
   * @throws Error when numpy would refuse the edges: ask {@link binningRefusal} first.
   */
  binShares(): BinShares {
    if (this.binCache === undefined) {
      if (this.kind === 'numeric') {
        const { reference, current } = evidentlyBinnedShares(
          this.sortedReference(),
          this.sortedCurrent(),
          this.evidentlyIntegerData(),
        );
        this.binCache = { reference, current };
      } else {
        const counts = this.categoryCounts();
        this.binCache = { reference: toShares(counts.reference), current: toShares(counts.current) };
      }
    }
    return this.binCache;
  }

  /** {@link binShares} with empty bins filled as Evidently fills them for `psi` and `kl_div` (`evidentlyFillEmptyShares`). */
  filledBinShares(): BinShares {
    if (this.filledBinCache === undefined) {
      const { reference, current } = this.binShares();
      this.filledBinCache = {
        reference: evidentlyFillEmptyShares(reference),
        current: evidentlyFillEmptyShares(current),
      };
    }
    return this.filledBinCache;
  }

  /**
   * The number of distinct numbers of both samples together (computed once: the Hellinger refusal and
   * score both need it, a merge over every value).
   */
  distinctNumberCount(): number {
    this.distinctNumbersCache ??= distinctValueCount(this.sortedReference(), this.sortedCurrent());
    return this.distinctNumbersCache;
  }

  /**
   * Why numpy (and so Evidently) cannot bin this column by range, or `undefined`: a numeric column
   * with more than 20 distinct reference values whose values span more than the largest double, or
   * lie too close together for distinct edges. With `distinctValues`, for the edges over the distinct
   * values of both samples (Evidently's numeric Hellinger) instead of over every value.
   */
  binningRefusal(over: 'values' | 'distinctValues' = 'values'): string | undefined {
    if (this.kind !== 'numeric') return undefined;
    const reference = this.sortedReference();
    const current = this.sortedCurrent();
    if (reference.length === 0 || current.length === 0) return undefined;
    let size: number;
    if (over === 'distinctValues') {
      size = this.distinctNumberCount();
    } else {
      let distinct = 0;
      for (let index = 0; index < reference.length && distinct <= EVIDENTLY_DISTINCT_VALUES_LIMIT; index++) {
        if (index === 0 || reference[index] !== reference[index - 1]) distinct += 1;
      }
      if (distinct <= EVIDENTLY_DISTINCT_VALUES_LIMIT) return undefined;
      size = reference.length + current.length;
    }
    return sturgesBinEdgesRefusal(
      Math.min(reference[0]!, current[0]!),
      Math.max(reference[reference.length - 1]!, current[current.length - 1]!),
      size,
      this.evidentlyIntegerData(),
    );
  }

  /**
   * Whether Evidently would get this column as integers (pandas int64): both samples hold only
   * integer values (below 2^63 in size) and neither has a missing or text cell (pandas reads a column
   * with a blank as float64). numpy then widens Sturges bins narrower than 1 to 1.
   */
  evidentlyIntegerData(): boolean {
    if (this.integerDataCache === undefined) {
      const reference = this.sortedReference();
      const current = this.sortedCurrent();
      this.integerDataCache =
        this.kind === 'numeric' &&
        this.referenceMissing === 0 &&
        this.currentMissing === 0 &&
        reference.length === this.referenceCount &&
        current.length === this.currentCount &&
        [reference, current].every(
          (values) =>
            values.length === 0 ||
            (allIntegers(values) && values[0]! >= -(2 ** 63) && values[values.length - 1]! < 2 ** 63),
        );
    }
    return this.integerDataCache;
  }

  /**
   * The project's former bins, kept for `psi_deciles`: numeric columns use the reference's deciles as
   * edges (outer bins open; value v in bin = number of edges < v), categorical columns one bin per
   * category. Computed once.
   */
  decileBinShares(): BinShares {
    if (this.decileBinCache === undefined) {
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
      this.decileBinCache = { reference: toShares(reference), current: toShares(current) };
    }
    return this.decileBinCache;
  }

  private textCategoryCounts(): CategoryCounts {
    const index = new Map<string, number>();
    const categories: string[] = [];
    const referenceCodes = codeMap(this.referenceColumn, index, categories);
    const currentCodes = codeMap(this.currentColumn, index, categories);
    const reference = new Float64Array(categories.length);
    const current = new Float64Array(categories.length);
    countCodes(this.referenceColumn.codes, referenceCodes, reference);
    countCodes(this.currentColumn.codes, currentCodes, current);
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

/** Adds each code's row to the count of its shared category (`mapping` from codeMap). */
function countCodes(codes: Int32Array, mapping: Int32Array, counts: Float64Array): void {
  for (let index = 0; index < codes.length; index++) counts[mapping[codes[index]!]!]! += 1;
}

function allIntegers(values: Float64Array): boolean {
  for (const value of values) if (!Number.isInteger(value)) return false;
  return true;
}

function toShares(counts: Float64Array): Float64Array {
  let total = 0;
  for (const count of counts) total += count;
  return counts.map((count) => count / total);
}
