import { describe, expect, it } from 'vitest';
import { inputFormatForName, isGlobPattern } from './format.js';

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

describe('isGlobPattern', () => {
  it.each([
    ['day=1/*.parquet', true],
    ['part-?.parquet', true],
    ['part-[01].parquet', true],
    ['{a,b}.parquet', true],
    ['plain/path.parquet', false],
    ['day=2026-11-30/x.parquet', false],
  ])('%s → %s', (path, expected) => {
    expect(isGlobPattern(path)).toBe(expected);
  });
});
