import { csvSourceFromText, parseCsvColumns } from '../../../csv/index.js';
import { DriftFeature } from '../../feature.js';

/**
 * Test-only: a numeric column "x" with these reference and current values, read from CSV text as the
 * drift detector reads a file (String(x) reads back as the same double).
 */
export function numericFeature(reference: readonly number[], current: readonly number[]): DriftFeature {
  const read = (values: readonly number[]) =>
    parseCsvColumns(csvSourceFromText('x.csv', `x\n${values.map(String).join('\n')}\n`), {
      keepText: new Set(['x']),
    }).columns[0]!;
  return new DriftFeature('x', 'numeric', read(reference), read(current));
}
