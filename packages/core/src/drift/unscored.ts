import type { CsvColumn } from '../csv/columns.js';
import type { DriftFeature } from './feature.js';

/**
 * Why a compared column gets no score. Such a column is not skipped: it counts as drifted and fires
 * the alert (see buildDriftReport), and the report gives the reason, so that a gate never passes on a
 * column it could not look at.
 */

/** The reason for a reference column that the current file's header lacks. */
export const COLUMN_MISSING_IN_CURRENT = 'column missing in current';

/** What decides whether a column can be scored: its kind and how many present and numeric cells each side has. */
export interface PresentCounts {
  readonly kind: 'numeric' | 'categorical';
  readonly referenceCount: number;
  readonly currentCount: number;
  /** Finite numbers among the present cells. */
  readonly referenceNumbers: number;
  readonly currentNumbers: number;
}

/**
 * Why one sample of a column has nothing to compare, or undefined when it has: every cell missing
 * (blank, NaN, ±inf, an extra missing-value marker), or, for a numeric column, no cell that is a number.
 */
function sideReason(present: number, numbers: number, kind: PresentCounts['kind']) {
  if (present === 0) return 'all values missing';
  if (kind === 'numeric' && numbers === 0) return 'no numeric values';
  return undefined;
}

/**
 * Why the column cannot be scored, or undefined when it can: `all values missing in current`,
 * `all values missing in reference`, `no numeric values in current` (a numeric column whose current
 * cells are all text), `all values missing in reference and current`; reasons of both files joined
 * with `; ` when they differ.
 *
 * @example unscoredReason(featureWithEmptyCurrent) // => 'all values missing in current'
 */
export function unscoredReason(feature: DriftFeature): string | undefined {
  return unscoredReasonOfCounts({
    kind: feature.kind,
    referenceCount: feature.referenceCount,
    currentCount: feature.currentCount,
    referenceNumbers: feature.kind === 'numeric' ? feature.referenceNumberCount : 0,
    currentNumbers: feature.kind === 'numeric' ? feature.currentNumberCount : 0,
  });
}

/**
 * {@link unscoredReason} from counts alone (an engine that never holds the samples).
 *
 * @example unscoredReasonOfCounts({ kind: 'numeric', referenceCount: 3, currentCount: 2, referenceNumbers: 3, currentNumbers: 0 }) // => 'no numeric values in current'
 */
export function unscoredReasonOfCounts(counts: PresentCounts): string | undefined {
  const reference = sideReason(counts.referenceCount, counts.referenceNumbers, counts.kind);
  const current = sideReason(counts.currentCount, counts.currentNumbers, counts.kind);
  if (reference !== undefined && reference === current) return `${reference} in reference and current`;
  const reasons = [
    ...(reference === undefined ? [] : [`${reference} in reference`]),
    ...(current === undefined ? [] : [`${current} in current`]),
  ];
  return reasons.length === 0 ? undefined : reasons.join('; ');
}

/**
 * Why a column of a typed format (Parquet, Arrow, JSON Lines) cannot be scored for its types, or
 * undefined when they allow it: a type the toolkit does not compare (a list, a struct, binary), in
 * either file; or a column whose kind of values differs between the files (numbers in the reference,
 * text in the current: a pipeline that changed a column's type). Types of one kind (int32 and double,
 * string and enum) compare; a CSV column has no declared type and is not checked.
 *
 * @example typeReason({ type: 'double', valueClass: 'number' }, { type: 'string', valueClass: 'text' }) // => 'type changed from double in reference to string in current'
 */
export function typeReason(
  reference: Pick<CsvColumn, 'type' | 'valueClass'>,
  current: Pick<CsvColumn, 'type' | 'valueClass'> | undefined,
): string | undefined {
  const unsupported = (column: Pick<CsvColumn, 'type' | 'valueClass'> | undefined) =>
    column?.valueClass === 'unsupported';
  if (unsupported(reference) && unsupported(current) && reference.type === current!.type)
    return `type ${reference.type} is not compared`;
  if (unsupported(reference)) return `type ${reference.type} in reference is not compared`;
  if (unsupported(current)) return `type ${current!.type} in current is not compared`;
  if (
    current?.valueClass !== undefined &&
    reference.valueClass !== undefined &&
    reference.valueClass !== current.valueClass &&
    reference.type !== 'null' &&
    current.type !== 'null'
  )
    return `type changed from ${reference.type} in reference to ${current.type} in current`;
  return undefined;
}
