import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DRIFT_METHOD_CHOICES, DRIFT_METHOD_NAMES, DRIFT_METHODS } from '@mlops/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, makeTempDir } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

/** The methods the messages list for categorical columns: from the registry, as the program makes them. */
const CATEGORICAL_METHODS = [
  ...DRIFT_METHOD_NAMES.filter((name) =>
    (DRIFT_METHODS[name].featureKinds as readonly string[]).includes('categorical'),
  ),
  'auto',
].join(', ');

// Every bad input of issue 5: exit 2, nothing on stdout, exactly one line on stderr naming the file,
// the line and the column where they apply.
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-drift-errors-'));
  const files: Record<string, string | Buffer> = {
    'ok.csv': 'a,b\n1,x\n2,y\n3,x\n',
    'header-only.csv': 'a,b\n',
    'empty.csv': '',
    'ragged.csv': 'a,b\n1,x\n2,y,extra\n',
    'short.csv': 'a,b\n1,x\n2\n',
    'unterminated.csv': 'a,b\n1,x\n2,"open\n3,y\n',
    'latin1.csv': Buffer.concat([Buffer.from('a,b\n1,caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    'duplicate.csv': 'a,b,a\n1,x,2\n',
    'not-gzip.csv.gz': 'a,b\n1,x\n',
    'bad-json.json': '{\n  "method": "ks",\n  oops\n}\n',
    'bad-method.json': '{ "columns": { "a": { "method": "nope" } } }\n',
    'bad-key.json': '{ "colums": {} }\n',
    'bad-threshold.json': '{ "columns": { "a": { "threshold": -1 } } }\n',
    'unknown-column.json': '{ "columns": { "zz": { "ignore": true } } }\n',
    'three.csv': 'c\nx\ny\nz\n',
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
});
afterAll(() => cleanup());

const cases: [string, string[], string][] = [
  [
    'a missing file',
    ['--reference', 'nope.csv', '--current', 'ok.csv'],
    'nope.csv: file not found (check the path)',
  ],
  [
    'a folder of CSV files',
    ['--reference', '.', '--current', 'ok.csv'],
    '.: a folder or pattern of CSV files is not read as one table (give one CSV file, or the parts as Parquet, Arrow or JSON Lines)',
  ],
  [
    'an empty file',
    ['--reference', 'ok.csv', '--current', 'empty.csv'],
    'empty.csv:1: is empty: expected a header row and data rows',
  ],
  [
    'a header with no rows',
    ['--reference', 'header-only.csv', '--current', 'ok.csv'],
    'header-only.csv:2: has a header but no data rows (check the file is complete)',
  ],
  [
    'a row with too many fields',
    ['--reference', 'ok.csv', '--current', 'ragged.csv'],
    'ragged.csv:3:5: row has 3 fields but the header has 2 (every row needs one field per header name; quote fields that contain the delimiter)',
  ],
  [
    'a row with too few fields',
    ['--reference', 'short.csv', '--current', 'ok.csv'],
    'short.csv:3:2: row has 1 field but the header has 2 (every row needs one field per header name; quote fields that contain the delimiter)',
  ],
  [
    'an unterminated quote',
    ['--reference', 'ok.csv', '--current', 'unterminated.csv'],
    'unterminated.csv:3:3: unterminated quoted field: this quote is never closed (close the quote, or double a quote inside a quoted field (""))',
  ],
  [
    'invalid UTF-8',
    ['--reference', 'latin1.csv', '--current', 'ok.csv'],
    'latin1.csv:2:6: invalid UTF-8 byte 0xe9 (save the file as UTF-8)',
  ],
  [
    'duplicate header names',
    ['--reference', 'duplicate.csv', '--current', 'ok.csv'],
    'duplicate.csv:1:5: duplicate column name "a" in the header (give every column a distinct name)',
  ],
  [
    'a .gz that is not gzip',
    ['--reference', 'not-gzip.csv.gz', '--current', 'ok.csv'],
    'not-gzip.csv.gz: is not a valid gzip file (incorrect header check) (name it without .gz if it is plain text)',
  ],
  [
    'a --columns name absent from the reference',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--columns', 'a', 'zz'],
    '--columns: no column "zz" in ok.csv (its columns are "a", "b")',
  ],
  [
    'a comma-separated --columns list, with the names apart',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--columns', 'a,b'],
    `--columns: no column "a,b" in ok.csv (its columns are "a", "b"; give the names apart, space-separated: --columns a b)`,
  ],
  [
    'a space-separated --categorical list, with the names comma-separated',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--categorical', 'a', 'b'],
    `unexpected argument 'b' (--categorical takes its names comma-separated: --categorical a,b; see 'drift-detector --help')`,
  ],
  [
    'a --columns name given twice',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--columns', 'a', 'b', 'a'],
    '--columns: "a" is given twice',
  ],
  [
    'an unknown method',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--method', 'bogus'],
    `option '--method <name>' argument 'bogus' is invalid. Allowed choices are ${DRIFT_METHOD_CHOICES.join(', ')}. (see 'drift-detector --help')`,
  ],
  [
    'a mistyped method, with the method meant',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--method', 'kss'],
    `option '--method <name>' argument 'kss' is invalid. Allowed choices are ${DRIFT_METHOD_CHOICES.join(', ')}. (Did you mean ks?) (see 'drift-detector --help')`,
  ],
  [
    'a method for the wrong kind of column',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--method', 'wasserstein'],
    `method wasserstein does not apply to categorical column "b" (methods for categorical columns: ${CATEGORICAL_METHODS})`,
  ],
  [
    'fisher_exact on more than two categories',
    ['--reference', 'three.csv', '--current', 'three.csv', '--method', 'fisher_exact'],
    `fisher_exact needs at most 2 categories, and "c" has 3 (methods for categorical columns: ${CATEGORICAL_METHODS})`,
  ],
  [
    'a correction without p-value methods',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--correction', 'fdr'],
    `--correction: fdr needs p-value methods, and no column uses one (choose a p-value method: ${DRIFT_METHOD_NAMES.filter((name) => DRIFT_METHODS[name].scoreKind === 'p_value').join(', ')} or auto)`,
  ],
  ['a missing --current', ['--reference', 'ok.csv'], '--current: required: the current CSV file'],
  [
    'a bad threshold',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--threshold', 'abc'],
    '--threshold: expected a decimal number ≥ 0, got "abc"',
  ],
  [
    'a bad drift share',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--drift-share', '1.5'],
    '--drift-share: expected a decimal number between 0 and 1, got "1.5"',
  ],
  [
    'a bad delimiter',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--delimiter', ';;'],
    '--delimiter: expected one character (or \\t / tab), not a quote or a line end',
  ],
  [
    '--json with another --format',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--json', '--format', 'markdown'],
    '--json and --format markdown both write to stdout (write one of them to a file: -o FILE right after its --format)',
  ],
  [
    'a missing config file',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--config', 'nope.json'],
    'nope.json: config file not found (check the path)',
  ],
  [
    'a config that is not JSON',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--config', 'bad-json.json'],
    "bad-json.json:3:3: invalid JSON: unexpected 'o': expected a member name in double quotes",
  ],
  [
    'a config with an unknown method',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--config', 'bad-method.json'],
    `bad-method.json:1:23: columns.a.method: Invalid option: expected one of ${DRIFT_METHOD_CHOICES.map((name) => `"${name}"`).join('|')} (see docs/drift-detector.md, "Config file")`,
  ],
  [
    'a config with an unknown key',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--config', 'bad-key.json'],
    'bad-key.json:1:3: colums: unknown key (expected one of method, threshold, tests, combine, correction, drift_share, ignore, columns) (see docs/drift-detector.md, "Config file")',
  ],
  [
    'a config with a negative threshold',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--config', 'bad-threshold.json'],
    'bad-threshold.json:1:23: columns.a.threshold: Too small: expected number to be >=0 (see docs/drift-detector.md, "Config file")',
  ],
  [
    'a config naming a column that does not exist',
    ['--reference', 'ok.csv', '--current', 'ok.csv', '--config', 'unknown-column.json'],
    'config columns: no column "zz" in ok.csv (its columns are "a", "b")',
  ],
];

describe('drift-detector: bad input exits 2 with one located line', () => {
  it.each(cases)('%s', async (_name, args, message) => {
    const result = await runInProcess('drift-detector', args, { cwd: dir });
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: ${message}\n`);
    expect(result.code).toBe(2);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('reads a real gzip file by its name (the contrast to the case above)', async () => {
    writeFileSync(join(dir, 'real.csv.gz'), gzipSync('a,b\n1,x\n2,y\n3,x\n'));
    const result = await runInProcess(
      'drift-detector',
      ['--reference', 'ok.csv', '--current', 'real.csv.gz', '--json'],
      {
        cwd: dir,
      },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).drifted_features).toBe(0);
  });
});
