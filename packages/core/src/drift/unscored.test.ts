import { describe, expect, it } from 'vitest';
import { type CsvTableReader, csvSourceFromText, parseCsvColumns } from '../csv/index.js';
import { type DriftRequest, detectDrift } from './detect.js';

/** A reader over texts in memory, by path. */
function textReader(files: Record<string, string>): CsvTableReader {
  return {
    read: async (path, request) =>
      parseCsvColumns(csvSourceFromText(request.file ?? path, files[path]!), request),
    close: async () => {},
  };
}

async function check(reference: string, current: string, request: Partial<DriftRequest> = {}) {
  return detectDrift(
    { referencePath: 'ref.csv', currentPath: 'cur.csv', ...request },
    { reader: textReader({ 'ref.csv': reference, 'cur.csv': current }) },
  );
}

const feature = (report: Awaited<ReturnType<typeof check>>, name: string) =>
  report.features.find((entry) => entry.feature === name)!;

describe('columns that cannot be scored count as drifted, with the reason', () => {
  it.each([
    [
      'every current value missing',
      'a,b\n1,x\n2,y\n3,x\n',
      'a,b\n1,\n2, \n3,nan\n',
      'all values missing in current',
    ],
    [
      'every reference value missing',
      'a,b\n1,\n2,\n3,\n',
      'a,b\n1,x\n2,y\n3,x\n',
      'all values missing in reference',
    ],
    [
      'every value missing in both',
      'a,b\n1,\n2,\n',
      'a,b\n1,\n2,NaN\n',
      'all values missing in reference and current',
    ],
    [
      'only text in a numeric current column',
      'a,b\n1,5\n2,6\n3,7\n',
      'a,b\n1,n/a\n2,?\n3,\n',
      'no numeric values in current',
    ],
    ['a column absent from the current file', 'a,b\n1,x\n2,y\n', 'a\n1\n2\n', 'column missing in current'],
  ])('%s', async (_name, reference, current, reason) => {
    const report = await check(reference, current);
    expect(feature(report, 'b')).toMatchObject({
      drift_score: null,
      is_drifted: true,
      scored: false,
      reason,
    });
    expect(feature(report, 'a').scored).toBe(true);
    expect(report.features[0]!.feature).toBe('b');
    expect(report).toMatchObject({ drifted_features: 1, unscored_features: 1, alert: true });
  });

  it('with many columns, one column not scored still fires the alert', async () => {
    const names = Array.from({ length: 10 }, (_, index) => `c${index}`);
    const rows = (empty: boolean) =>
      `${names.join(',')}\n${[1, 2, 3].map((v) => names.map((_, i) => (empty && i === 9 ? '' : v)).join(',')).join('\n')}\n`;
    const report = await check(rows(false), rows(true));
    expect(report).toMatchObject({ total_features: 10, drifted_features: 1, alert: true });
    expect(report.alert_message).toMatch(/^1\/10 features drifted \(>0\.1 threshold\), 1 of them not scored/);
  });

  it('a column ignored in the config is not compared, so it does not count', async () => {
    const report = await check('a,b\n1,x\n2,y\n', 'a,b\n1,\n2,\n', {
      config: { ignore: ['b'] },
    });
    expect(report.features.map((entry) => entry.feature)).toEqual(['a']);
    expect(report).toMatchObject({ alert: false, unscored_features: 0 });
  });

  it('an empty reference column with a numeric-only method is reported, not refused', async () => {
    const report = await check('a,b\n1,\n2,\n', 'a,b\n1,3\n2,4\n', { method: 'ks' });
    expect(feature(report, 'b')).toMatchObject({
      method: 'ks',
      scored: false,
      reason: 'all values missing in reference',
    });
  });

  it('--correction leaves a column not scored drifted, and adjusts the others only', async () => {
    const report = await check('a,b\n1,x\n2,y\n3,z\n', 'a,b\n1,\n2,\n3,\n', {
      method: 'ks',
      categorical: [],
      numeric: [],
      columns: ['a', 'b'],
      correction: 'bonferroni',
      config: { columns: new Map([['b', { method: 'chisquare' }]]) },
    });
    expect(feature(report, 'a').p_value_adjusted).toBe(1);
    expect(feature(report, 'b')).toMatchObject({ scored: false, is_drifted: true });
    expect(feature(report, 'b').p_value_adjusted).toBeUndefined();
  });
});
