import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, makeTempDir, spawnBin } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

// A gate that never says green by mistake and is safe on hostile input: columns that cannot be
// scored, delimiters, keys that are data (the memory budget: drift-trust-memory.test.ts; the cell
// limit: drift-trust-cells.test.ts; errors that do not wait: drift-trust-limits.test.ts).
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('mlops-drift-trust-'));
});
afterAll(() => cleanup());

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

/**
 * The program in this process; with MLOPS_DRIFT_THREADS=on the built bin, whose worker thread starts
 * before the program loads (the program alone reads in this thread).
 */
function drift(args: string[], env: Record<string, string> = {}) {
  return env.MLOPS_DRIFT_THREADS === 'on'
    ? spawnBin('drift-detector', args, { cwd: dir, env })
    : runInProcess('drift-detector', args, { cwd: dir, env });
}

type Json = Record<string, unknown>;
const features = (stdout: string) => (JSON.parse(stdout) as { features: Json[] }).features;

/** Ten numeric columns, the same in both files but for what `edit` does to the current one. */
function tenColumns(edit: (header: string[], rows: string[][]) => void = () => {}) {
  const header = Array.from({ length: 10 }, (_, index) => `c${index}`);
  const rows = Array.from({ length: 20 }, (_, row) => header.map((_, column) => String(row * (column + 1))));
  const text = (h: string[], r: string[][]) =>
    `${[h.join(','), ...r.map((row) => row.join(','))].join('\n')}\n`;
  const reference = text(header, rows);
  const currentHeader = [...header];
  const currentRows = rows.map((row) => [...row]);
  edit(currentHeader, currentRows);
  return { reference, current: text(currentHeader, currentRows) };
}

describe('a column that cannot be scored fails the check, with its reason', () => {
  it('every value missing in the current file: drifted, exit 1, even with 1 column of 10', async () => {
    const { reference, current } = tenColumns((_, rows) => {
      for (const row of rows) row[3] = '';
    });
    file('ref.csv', reference);
    file('cur.csv', current);
    const result = await drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Json;
    expect(report).toMatchObject({
      total_features: 10,
      drifted_features: 1,
      drift_rate: 10,
      alert: true,
      unscored_features: 1,
      alert_message:
        "1/10 features drifted (>0.1 threshold), 1 of them not scored (see each feature's reason). Check the input data; consider model retraining.",
    });
    expect(features(result.stdout)[0]).toEqual({
      feature: 'c3',
      data_type: 'numeric',
      ref_count: 20,
      cur_count: 0,
      drift_score: null,
      is_drifted: true,
      method: 'legacy',
      score_kind: 'distance',
      threshold: 0.1,
      ref_missing: 0,
      cur_missing: 20,
      scored: false,
      reason: 'all values missing in current',
    });
    expect(
      features(result.stdout)
        .slice(1)
        .every((feature) => feature.scored === true),
    ).toBe(true);
  });

  it('every value missing in the reference', async () => {
    file('ref.csv', 'a,b\n1,\n2,NaN\n3, \n');
    file('cur.csv', 'a,b\n1,x\n2,y\n3,x\n');
    const result = await drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json']);
    expect(result.code).toBe(1);
    expect(features(result.stdout)[0]).toMatchObject({
      feature: 'b',
      scored: false,
      reason: 'all values missing in reference',
    });
  });

  it('a reference column absent from the current file: reported, not skipped, in every format', async () => {
    const { reference, current } = tenColumns((header, rows) => {
      header.splice(7, 1);
      for (const row of rows) row.splice(7, 1);
    });
    file('ref.csv', reference);
    file('cur.csv', current);
    const args = ['--reference', 'ref.csv', '--current', 'cur.csv'];
    const json = await drift([...args, '--json']);
    expect(json.code).toBe(1);
    expect(features(json.stdout)[0]).toMatchObject({
      feature: 'c7',
      cur_count: 0,
      drift_score: null,
      is_drifted: true,
      scored: false,
      reason: 'column missing in current',
    });

    const text = await drift(args);
    expect(text.code).toBe(1);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/^c7 +numeric +legacy +- +0\.1 +NOT SCORED +column missing in current$/m);
    expect(text.stdout).toContain(
      '\nNot scored (each counts as drifted):\n  c7: column missing in current\n',
    );

    const markdown = await drift([...args, '--format', 'markdown']);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain(
      '| c7 | numeric | legacy | - | 0.1 | **not scored** | column missing in current |',
    );
    expect(markdown.stdout).toContain(
      '**Not scored** (each counts as drifted):\n\n- c7: column missing in current\n',
    );

    const html = await drift([...args, '--json', '--html', 'report.html']);
    expect(html.code).toBe(1);
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(page).toContain(
      '<dt>Not scored</dt><dd>c7: column missing in current (each counts as drifted)</dd>',
    );
    expect(page).toContain('<span class="badge na">NOT SCORED</span>');
  });

  it('a column the config ignores is not compared and does not count: exit 0', async () => {
    const { reference, current } = tenColumns((_, rows) => {
      for (const row of rows) row[3] = '';
    });
    file('ref.csv', reference);
    file('cur.csv', current);
    file('ignore.json', '{ "ignore": ["c3"] }');
    const result = await drift([
      '--reference',
      'ref.csv',
      '--current',
      'cur.csv',
      '--json',
      '--config',
      'ignore.json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      total_features: 9,
      unscored_features: 0,
      alert: false,
    });
  });

  it('names of columns not scored are escaped in the text and Markdown lists', async () => {
    file('ref.csv', 'a,"evil\u001b]0;x\u0007"\n1,2\n2,3\n');
    file('cur.csv', 'a\n1\n2\n');
    const result = await drift(['--reference', 'ref.csv', '--current', 'cur.csv']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  evil\\x1b]0;x\\x07: column missing in current\n');
    expect(hasStackTrace(result.stderr)).toBe(false);
    const markdown = await drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--format', 'markdown']);
    // escapeMarkdown doubles the backslash of the escape and escapes the bracket, so it renders as written.
    expect(markdown.stdout).toContain('- evil\\\\x1b\\]0;x\\\\x07: column missing in current\n');
  });
});

describe('a file separated by ; tab or | is read with its own delimiter, or refused', () => {
  const semicolons = (shift: number) =>
    `id;plan;spend\n${Array.from({ length: 30 }, (_, i) => `${i};${i % 3 === 0 ? 'pro' : 'free'};${(i * 1.5 + shift).toFixed(2)}`).join('\n')}\n`;

  it.each([
    ['this thread', {}, 'reading the files in this thread'],
    [
      'a worker started early',
      { MLOPS_DRIFT_THREADS: 'on' },
      'reading cur.csv in a worker thread started before the program loaded',
    ],
    ['csv-parse', { MLOPS_CSV_PARSER: 'csv-parse' }, 'reading the files in this thread'],
  ])('semicolons, read in %s: three columns, and --debug says which delimiter', async (_name, env, place) => {
    file('ref.csv', semicolons(0));
    file('cur.csv', semicolons(30));
    const result = await drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json', '--debug'], env);
    expect(result.code).toBe(1);
    expect(
      features(result.stdout)
        .map((feature) => feature.feature)
        .sort(),
    ).toEqual(['id', 'plan', 'spend']);
    expect(features(result.stdout).find((feature) => feature.feature === 'spend')).toMatchObject({
      data_type: 'numeric',
      is_drifted: true,
    });
    expect(result.stderr).toContain(`debug: ${place}\n`);
    expect(result.stderr).toContain(
      "debug: ref.csv: fields separated by ';' (found in the header, which has no ',')\n",
    );
    expect(result.stderr).toContain(
      "debug: cur.csv: fields separated by ';' (found in the header, which has no ',')\n",
    );
  });

  it('tabs in a .csv and pipes in a .csv.gz: the same report as with the delimiter given', async () => {
    const tabs = semicolons(0).replaceAll(';', '\t');
    file('ref-tab.csv', tabs);
    file('cur-tab.csv', tabs);
    const found = await drift(['--reference', 'ref-tab.csv', '--current', 'cur-tab.csv', '--json']);
    const given = await drift([
      '--reference',
      'ref-tab.csv',
      '--current',
      'cur-tab.csv',
      '--json',
      '--delimiter',
      'tab',
    ]);
    expect(found.code).toBe(0);
    expect(found.stdout).toBe(given.stdout);
    file('ref-pipe.csv.gz', gzipSync(semicolons(0).replaceAll(';', '|')));
    file('cur-pipe.csv', semicolons(0).replaceAll(';', '|'));
    const piped = await drift([
      '--reference',
      'ref-pipe.csv.gz',
      '--current',
      'cur-pipe.csv',
      '--json',
      '--debug',
    ]);
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ total_features: 3, unscored_features: 0 });
    expect(piped.stderr).toContain(
      "debug: ref-pipe.csv.gz: fields separated by '|' (found in the header, which has no ',')\n",
    );
    const debugComma = await drift([
      '--reference',
      'ref.csv',
      '--current',
      'ref.csv',
      '--debug',
      '--json',
      '--delimiter',
      ';',
    ]);
    expect(debugComma.stderr).toContain("debug: ref.csv: fields separated by ';' (given with --delimiter)\n");
  });

  it('files that disagree stop with exit 2', async () => {
    file('ref.csv', semicolons(0));
    file('cur.csv', semicolons(0).replaceAll(';', ','));
    const result = await drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "error: cur.csv:1: the fields are separated by ',', but ref.csv's by ';' (save both files with the same delimiter, then name it if needed: --delimiter ';')\n",
    );
    expect(result.code).toBe(2);
  });

  it.each([
    ['this thread', {}],
    ['a worker', { MLOPS_DRIFT_THREADS: 'on' }],
  ])('a header that holds two candidates stops with exit 2 and the choices (%s)', async (_name, env) => {
    file('ref.csv', semicolons(0));
    file('cur.csv', 'id;plan|spend\n1;x|2\n');
    const result = await drift(['--reference', 'ref.csv', '--current', 'cur.csv'], env);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "error: cur.csv:1: the header has no ',' but holds ';' and '|': cannot tell which one separates the fields (give it with --delimiter ';' or --delimiter '|')\n",
    );
    expect(result.code).toBe(2);
  });
});

describe('keys are data: columns and categories called __proto__ or constructor', () => {
  const rows = (shift: number, empty = false) =>
    `__proto__,constructor,toString,plain\n${Array.from(
      { length: 12 },
      (_, i) =>
        `${empty ? '' : i + shift},${['__proto__', 'constructor', 'toString'][i % 3]},${i % 2 ? 'hasOwnProperty' : 'valueOf'},${i}`,
    ).join('\n')}\n`;

  it('a config can ignore, set the method and threshold of, __proto__ and constructor', async () => {
    file('ref.csv', rows(0));
    file('cur.csv', rows(100, true)); // __proto__ all missing: not scored, unless ignored
    file(
      'proto.json',
      '{ "columns": { "__proto__": { "ignore": true }, "constructor": { "method": "chisquare", "threshold": 0.01 } } }',
    );
    const ignored = await drift([
      '--reference',
      'ref.csv',
      '--current',
      'cur.csv',
      '--json',
      '--config',
      'proto.json',
    ]);
    expect(ignored.stderr).toBe('');
    expect(ignored.code).toBe(0);
    const report = JSON.parse(ignored.stdout) as Json;
    expect(
      features(ignored.stdout)
        .map((feature) => feature.feature)
        .sort(),
    ).toEqual(['constructor', 'plain', 'toString']);
    expect(features(ignored.stdout).find((feature) => feature.feature === 'constructor')).toMatchObject({
      method: 'chisquare',
      threshold: 0.01,
      scored: true,
      is_drifted: false,
    });
    expect(report).toMatchObject({ unscored_features: 0, alert: false });

    file('proto-method.json', '{ "columns": { "__proto__": { "method": "ks", "threshold": 0.5 } } }');
    file('cur2.csv', rows(100));
    const configured = await drift([
      '--reference',
      'ref.csv',
      '--current',
      'cur2.csv',
      '--json',
      '--config',
      'proto-method.json',
    ]);
    expect(features(configured.stdout).find((feature) => feature.feature === '__proto__')).toMatchObject({
      method: 'ks',
      score_kind: 'p_value',
      threshold: 0.5,
      is_drifted: true,
    });
  });

  it.each([
    ['this thread', {}],
    ['csv-parse', { MLOPS_CSV_PARSER: 'csv-parse' }],
    ['a worker', { MLOPS_DRIFT_THREADS: 'on' }],
  ])(
    'categories called __proto__, constructor, toString are counted like any other (%s)',
    async (_name, env) => {
      file('ref.csv', rows(0));
      file(
        'cur.csv',
        `__proto__,constructor,toString,plain\n${'1,__proto__,valueOf,1\n'.repeat(6)}${'1,x,valueOf,1\n'.repeat(6)}`,
      );
      const result = await drift(
        ['--reference', 'ref.csv', '--current', 'cur.csv', '--json', '--columns', 'constructor', 'toString'],
        env,
      );
      expect(result.code).toBe(1);
      const [constructorColumn, toStringColumn] = ['constructor', 'toString'].map((name) =>
        features(result.stdout).find((feature) => feature.feature === name),
      );
      // reference thirds of __proto__/constructor/toString; current half __proto__, half x (new).
      expect(constructorColumn).toMatchObject({
        ref_count: 12,
        cur_count: 12,
        new_categories: ['x'],
        missing_categories: ['constructor', 'toString'],
        chi_square: 0.75, // (1/2 - 1/3)² / (1/3) + 2 · (0 - 1/3)² / (1/3) = 1/12 + 2/3
      });
      expect(toStringColumn).toMatchObject({ missing_categories: ['hasOwnProperty'], chi_square: 1 });
    },
  );

  it('a config nested ten million deep is refused before parsing; a device is read up to 16 MB', async () => {
    file('ref.csv', rows(0));
    file('deep.json', '['.repeat(10_000_000));
    const deep = await drift(['--reference', 'ref.csv', '--current', 'ref.csv', '--config', 'deep.json']);
    expect(deep.stdout).toBe('');
    expect(deep.stderr).toBe(
      'error: deep.json:1:1001: nested deeper than 1000 levels (see docs/drift-detector.md, "Config file")\n',
    );
    expect(deep.code).toBe(2);
    const zero = await drift(['--reference', 'ref.csv', '--current', 'ref.csv', '--config', '/dev/zero']);
    expect(zero.stderr).toBe('error: /dev/zero: config file is larger than the 16 MB this tool reads\n');
    expect(zero.code).toBe(2);
  });
});
