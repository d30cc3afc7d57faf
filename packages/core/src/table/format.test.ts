import { describe, expect, it } from 'vitest';
import { inputFormatForName } from './format.js';

describe('inputFormatForName', () => {
  it.each([
    ['a.parquet', 'parquet'],
    ['A.PARQUET', 'parquet'],
    ['x/part-0.pq', 'parquet'],
    ['a.parq', 'parquet'],
    ['a.arrow', 'arrow'],
    ['a.feather', 'arrow'],
    ['a.ipc', 'arrow'],
    ['stream.arrows', 'arrow'],
    ['a.jsonl', 'jsonl'],
    ['a.ndjson', 'jsonl'],
    ['a.jsonl.gz', 'jsonl'],
    ['a.NDJSON.GZ', 'jsonl'],
    ['a.csv', 'csv'],
    ['a.tsv.gz', 'csv'],
    ['a.json', 'csv'],
    ['/dev/fd/3', 'csv'],
    ['parquet', 'csv'],
  ])('%s is %s', (name, format) => {
    expect(inputFormatForName(name)).toBe(format);
  });
});
