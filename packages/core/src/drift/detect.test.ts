import { describe, expect, it } from 'vitest';
import { csvSourceFromText, parseCsvColumns } from '../csv/index.js';
import { inferFeatureKind } from './detect.js';

const column = (values: string[]) =>
  parseCsvColumns(csvSourceFromText('f.csv', `v\n${values.map((value) => `"${value}"`).join('\n')}\n`))
    .columns[0]!;

describe('inferFeatureKind: numeric when more than 80% of the non-missing reference cells are numbers', () => {
  it.each([
    [['1', '2', '3', '4', 'x'], 'categorical'], // 80%, not more
    [['1', '2', '3', '4', '5', 'x'], 'numeric'], // 83%
    [['1', '2', '', ' ', 'nan', 'inf'], 'numeric'], // missing cells do not count
    [['', ''], 'categorical'], // nothing to go by
    [['1_000', '.5', '5.', '+1e3', ' 7 '], 'numeric'],
    [['0x10', '1,5', '1', '2'], 'categorical'],
  ])('%j → %s', (values, kind) => {
    expect(inferFeatureKind(column(values))).toBe(kind);
  });
});
