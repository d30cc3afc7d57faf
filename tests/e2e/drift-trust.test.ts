import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, makeTempDir, runBin } from '../helpers/bins.js';

// A gate that never says green by mistake and is safe on hostile input: columns that cannot be
// scored, delimiters, keys that are data, memory and cell limits, errors that do not wait.
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

function drift(args: string[], env: Record<string, string> = {}) {
  return runBin('drift-detector', args, { cwd: dir, env });
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
  it('every value missing in the current file: drifted, exit 1, even with 1 column of 10', () => {
    const { reference, current } = tenColumns((_, rows) => {
      for (const row of rows) row[3] = '';
    });
    file('ref.csv', reference);
    file('cur.csv', current);
    const result = drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json']);
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

  it('every value missing in the reference', () => {
    file('ref.csv', 'a,b\n1,\n2,NaN\n3, \n');
    file('cur.csv', 'a,b\n1,x\n2,y\n3,x\n');
    const result = drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json']);
    expect(result.code).toBe(1);
    expect(features(result.stdout)[0]).toMatchObject({
      feature: 'b',
      scored: false,
      reason: 'all values missing in reference',
    });
  });

  it('a reference column absent from the current file: reported, not skipped, in every format', () => {
    const { reference, current } = tenColumns((header, rows) => {
      header.splice(7, 1);
      for (const row of rows) row.splice(7, 1);
    });
    file('ref.csv', reference);
    file('cur.csv', current);
    const args = ['--reference', 'ref.csv', '--current', 'cur.csv'];
    const json = drift([...args, '--json']);
    expect(json.code).toBe(1);
    expect(features(json.stdout)[0]).toMatchObject({
      feature: 'c7',
      cur_count: 0,
      drift_score: null,
      is_drifted: true,
      scored: false,
      reason: 'column missing in current',
    });

    const text = drift(args);
    expect(text.code).toBe(1);
    expect(text.stderr).toBe('');
    expect(text.stdout).toMatch(/^c7 +numeric +legacy +- +0\.1 +NOT SCORED +column missing in current$/m);
    expect(text.stdout).toContain(
      '\nNot scored (each counts as drifted):\n  c7: column missing in current\n',
    );

    const markdown = drift([...args, '--format', 'markdown']);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain(
      '| c7 | numeric | legacy | - | 0.1 | **not scored** | column missing in current |',
    );
    expect(markdown.stdout).toContain(
      '**Not scored** (each counts as drifted):\n\n- c7: column missing in current\n',
    );

    const html = drift([...args, '--json', '--html', 'report.html']);
    expect(html.code).toBe(1);
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(page).toContain(
      '<dt>Not scored</dt><dd>c7: column missing in current (each counts as drifted)</dd>',
    );
    expect(page).toContain('<span class="badge na">NOT SCORED</span>');
  });

  it('a column the config ignores is not compared and does not count: exit 0', () => {
    const { reference, current } = tenColumns((_, rows) => {
      for (const row of rows) row[3] = '';
    });
    file('ref.csv', reference);
    file('cur.csv', current);
    file('ignore.json', '{ "ignore": ["c3"] }');
    const result = drift([
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

  it('names of columns not scored are escaped in the text and Markdown lists', () => {
    file('ref.csv', 'a,"evil\u001b]0;x\u0007"\n1,2\n2,3\n');
    file('cur.csv', 'a\n1\n2\n');
    const result = drift(['--reference', 'ref.csv', '--current', 'cur.csv']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  evil\\x1b]0;x\\x07: column missing in current\n');
    expect(hasStackTrace(result.stderr)).toBe(false);
    const markdown = drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--format', 'markdown']);
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
  ])('semicolons, read in %s: three columns, and --debug says which delimiter', (_name, env, place) => {
    file('ref.csv', semicolons(0));
    file('cur.csv', semicolons(30));
    const result = drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json', '--debug'], env);
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

  it('tabs in a .csv and pipes in a .csv.gz: the same report as with the delimiter given', () => {
    const tabs = semicolons(0).replaceAll(';', '\t');
    file('ref-tab.csv', tabs);
    file('cur-tab.csv', tabs);
    const found = drift(['--reference', 'ref-tab.csv', '--current', 'cur-tab.csv', '--json']);
    const given = drift([
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
    const piped = drift(['--reference', 'ref-pipe.csv.gz', '--current', 'cur-pipe.csv', '--json', '--debug']);
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout)).toMatchObject({ total_features: 3, unscored_features: 0 });
    expect(piped.stderr).toContain(
      "debug: ref-pipe.csv.gz: fields separated by '|' (found in the header, which has no ',')\n",
    );
    const debugComma = drift([
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

  it('files that disagree stop with exit 2', () => {
    file('ref.csv', semicolons(0));
    file('cur.csv', semicolons(0).replaceAll(';', ','));
    const result = drift(['--reference', 'ref.csv', '--current', 'cur.csv', '--json']);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "error: cur.csv:1: the fields are separated by ',', but ref.csv's by ';' (save both files with the same delimiter, then name it if needed: --delimiter ';')\n",
    );
    expect(result.code).toBe(2);
  });

  it.each([
    ['this thread', {}],
    ['a worker', { MLOPS_DRIFT_THREADS: 'on' }],
  ])('a header that holds two candidates stops with exit 2 and the choices (%s)', (_name, env) => {
    file('ref.csv', semicolons(0));
    file('cur.csv', 'id;plan|spend\n1;x|2\n');
    const result = drift(['--reference', 'ref.csv', '--current', 'cur.csv'], env);
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

  it('a config can ignore, set the method and threshold of, __proto__ and constructor', () => {
    file('ref.csv', rows(0));
    file('cur.csv', rows(100, true)); // __proto__ all missing: not scored, unless ignored
    file(
      'proto.json',
      '{ "columns": { "__proto__": { "ignore": true }, "constructor": { "method": "chisquare", "threshold": 0.01 } } }',
    );
    const ignored = drift([
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
    const configured = drift([
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
  ])('categories called __proto__, constructor, toString are counted like any other (%s)', (_name, env) => {
    file('ref.csv', rows(0));
    file(
      'cur.csv',
      `__proto__,constructor,toString,plain\n${'1,__proto__,valueOf,1\n'.repeat(6)}${'1,x,valueOf,1\n'.repeat(6)}`,
    );
    const result = drift(
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
  });

  it('a config nested ten million deep is refused before parsing; a device is read up to 16 MB', () => {
    file('ref.csv', rows(0));
    file('deep.json', '['.repeat(10_000_000));
    const deep = drift(['--reference', 'ref.csv', '--current', 'ref.csv', '--config', 'deep.json']);
    expect(deep.stdout).toBe('');
    expect(deep.stderr).toBe(
      'error: deep.json:1:1001: nested deeper than 1000 levels (see docs/drift-detector.md, "Config file")\n',
    );
    expect(deep.code).toBe(2);
    const zero = drift(['--reference', 'ref.csv', '--current', 'ref.csv', '--config', '/dev/zero']);
    expect(zero.stderr).toBe('error: /dev/zero: config file is larger than the 16 MB this tool reads\n');
    expect(zero.code).toBe(2);
  });
});

describe('--max-memory: every read stops before it passes the budget, whatever the input', () => {
  const row = '1.25,7,abc\n';
  beforeAll(() => {
    file('small.csv', 'x,y,z\n1,2,a\n3,4,b\n');
    // A gzip bomb, made in a blink: one gzip member of 10 MB of rows of zeros, repeated 150 times (a
    // file of members is one gzip stream): 1.5 MB that gunzips to 1.5 GB.
    const zeros = `${'0'.repeat(99_999)}\n`.repeat(100);
    const member = gzipSync(Buffer.from(zeros), { level: 9 });
    file('bomb.csv.gz', Buffer.concat([gzipSync('x\n'), ...Array<Buffer>(150).fill(member)]));
    file('small-x.csv', 'x\n1\n2\n');
    file('big.csv', `x,y,z\n${row.repeat(1_000_000)}`); // 11 MB of rows: 20 MB of columns
  });

  const stopped = (result: ReturnType<typeof drift>, file: string, pattern: RegExp) => {
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^error: ${file}: ${pattern.source}`));
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('(raise it with --max-memory, e.g. --max-memory ');
    expect(result.stderr).toContain('; or compare fewer columns with --columns)\n');
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(result.code).toBe(2);
  };

  it('a 1.5 MB gzip bomb of 1.5 GB stops at its share of the budget, in this thread or a worker', () => {
    expect(readFileSync(join(dir, 'bomb.csv.gz')).length).toBeLessThan(1.6e6);
    const here = drift(['--reference', 'bomb.csv.gz', '--current', 'small-x.csv', '--max-memory', '200MB']);
    stopped(
      here,
      'bomb\\.csv\\.gz',
      /reading stopped after 4\d MB of gunzipped data: holding more would pass its share \(100 MB\) of the memory budget of 200 MB /,
    );
    expect(here.stderr).toContain('--max-memory 400MB');
    const worker = drift(
      ['--reference', 'small-x.csv', '--current', 'bomb.csv.gz', '--max-memory', '200MB', '--json'],
      { MLOPS_DRIFT_THREADS: 'on' },
    );
    stopped(worker, 'bomb\\.csv\\.gz', /reading stopped after 4\d MB of gunzipped data/);
  });

  it('a regular file: the byte-level reader stops at its first chunk; csv-parse before reading it whole', () => {
    stopped(
      drift(['--reference', 'big.csv', '--current', 'small.csv', '--max-memory', '20MB']),
      'big\\.csv',
      /reading stopped after \d\.\d MB of data( \([\d,]+ rows\))?: holding more would pass its share \(10 MB\) of the memory budget of 20 MB /,
    );
    stopped(
      drift(['--reference', 'big.csv', '--current', 'small.csv', '--max-memory', '20MB'], {
        MLOPS_CSV_PARSER: 'csv-parse',
      }),
      'big\\.csv',
      /the file is 11 MB, and reading it whole would pass its share \(10 MB\) of the memory budget of 20 MB /,
    );
    // With room enough, the same report as without a budget.
    const roomy = drift([
      '--reference',
      'big.csv',
      '--current',
      'small.csv',
      '--max-memory',
      '200MB',
      '--json',
    ]);
    expect(roomy.code).toBe(1);
    expect(roomy.stdout).toBe(drift(['--reference', 'big.csv', '--current', 'small.csv', '--json']).stdout);
  });

  it('a device and a pipe that never end stop too', () => {
    stopped(
      drift(['--reference', '/dev/zero', '--current', 'small.csv', '--max-memory', '50MB']),
      '/dev/zero',
      /reading stopped after 2\d MB of data: holding more would pass its share \(25 MB\) of the memory budget of 50 MB /,
    );
    const fifo = join(dir, 'endless.csv');
    const make = spawn('mkfifo', [fifo]);
    return new Promise<void>((resolve, reject) => {
      make.on('exit', () => {
        const writer = spawn('sh', ['-c', `(echo x,y,z; yes 1,2,c) > '${fifo}'`], { stdio: 'ignore' });
        try {
          stopped(
            drift(['--reference', 'endless.csv', '--current', 'small.csv', '--max-memory', '50MB']),
            'endless\\.csv',
            /reading stopped after 2\d MB of data: holding more would pass its share \(25 MB\)/,
          );
          resolve();
        } catch (error) {
          reject(error);
        } finally {
          writer.kill();
        }
      });
    });
  });

  it.each([
    [
      '2GiB',
      'expected a size such as 2GB, 512MB or 1000000 (bytes; decimal units, 1 GB = 1000000000 bytes), got "2GiB"',
    ],
    [
      'lots',
      'expected a size such as 2GB, 512MB or 1000000 (bytes; decimal units, 1 GB = 1000000000 bytes), got "lots"',
    ],
    ['5MB', 'expected at least 10MB, got "5MB"'],
  ])('--max-memory %s is a usage error', (value, message) => {
    const result = drift(['--reference', 'small.csv', '--current', 'small.csv', '--max-memory', value]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: --max-memory: ${message}\n`);
    expect(result.code).toBe(2);
  });

  it('--max-memory above what the process can hold is a usage error naming the limit', () => {
    const result = drift(['--reference', 'small.csv', '--current', 'small.csv', '--max-memory', '900TB']);
    expect(result.stderr).toMatch(
      /^error: --max-memory: 900TB is more than this process can hold \([\d.]+GB, Node\.js's heap limit; raise that with NODE_OPTIONS=--max-old-space-size=<megabytes>\)\n$/,
    );
    expect(result.code).toBe(2);
  });
});

describe('a cell longer than 64 MiB stops the read with its line and column', () => {
  const message =
    'cell longer than 64 MiB, the most a cell may hold (check the delimiter and the quotes; this is not a table of values)';

  // The .gz is gunzipped whole (twice held while joined: 1.2 GB of its file's half of the budget):
  // a machine whose default budget is smaller stops it at the budget instead, as it should.
  const budget = Math.min(totalmem() / 2, getHeapStatistics().heap_size_limit);
  it.skipIf(budget < 2.6e9)(
    'a 585 KB .csv.gz holding a 600 MB cell: exit 2, not "unexpected failure"',
    () => {
      // Gzip members of 10 MB of x, joined: one stream, made in a blink.
      const member = gzipSync(Buffer.alloc(10e6, 'x'), { level: 9 });
      file(
        'cell.csv.gz',
        Buffer.concat([gzipSync('a,b\n1,2\n3,'), ...Array<Buffer>(60).fill(member), gzipSync('\n5,6\n')]),
      );
      file('ab.csv', 'a,b\n1,2\n');
      expect(readFileSync(join(dir, 'cell.csv.gz')).length).toBeLessThan(1e6);
      const result = drift(['--reference', 'ab.csv', '--current', 'cell.csv.gz', '--json']);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`error: cell.csv.gz:3:3: ${message}\n`);
      expect(result.code).toBe(2);
    },
  );

  it('a 70 MB cell in a plain file, read by the byte-level reader in a worker', () => {
    file('cell70.csv', `a,b\n1,2\nè,${'é'.repeat(35_000_000)}\n`);
    file('ab.csv', 'a,b\n1,2\n');
    const result = drift(['--reference', 'ab.csv', '--current', 'cell70.csv', '--debug'], {
      MLOPS_DRIFT_THREADS: 'on',
    });
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'debug: reading cell70.csv in a worker thread started before the program loaded\n',
    );
    expect(result.stderr).toContain(`error: cell70.csv:3:3: ${message}\n`);
    expect(result.code).toBe(2);
  });
});

describe('an error in the reference is reported at once, whatever the current file is waiting for', () => {
  const ragged =
    'error: bad.csv:3:2: row has 1 field but the header has 2 (every row needs one field per header name; quote fields that contain the delimiter)\n';
  let pipes = 0;
  const fifo = () => {
    const name = `current-${pipes++}.fifo`;
    return new Promise<string>((resolve) =>
      spawn('mkfifo', [join(dir, name)]).on('exit', () => resolve(name)),
    );
  };

  it.each([
    ['this thread (small files)', {}],
    ['threads on', { MLOPS_DRIFT_THREADS: 'on' }],
    ['threads off', { MLOPS_DRIFT_THREADS: 'off' }],
  ])('a named pipe with no writer as --current, %s: exit 2 with the reference error', async (_name, env) => {
    file('bad.csv', 'a,b\n1,2\n3\n');
    const current = await fifo();
    // No writer ever opens the pipe: before, the check waited for one forever. The timeout only
    // keeps a regression from hanging the suite (a killed process has no exit code).
    const result = runBin('drift-detector', ['--reference', 'bad.csv', '--current', current, '--json'], {
      cwd: dir,
      env,
      timeoutMs: 15_000,
    });
    expect(result.stderr).toBe(ragged);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });

  it('a large reference (threads by size), through mlops drift too', async () => {
    file('bad-big.csv', `a,b\n1,2\n3\n${'1,2\n'.repeat(2_500_000)}`); // 10 MB: worker threads
    const current = await fifo();
    for (const [bin, prefix] of [
      ['drift-detector', []],
      ['mlops', ['drift']],
    ] as const) {
      const result = runBin(bin, [...prefix, '--reference', 'bad-big.csv', '--current', current, '--debug'], {
        cwd: dir,
        timeoutMs: 15_000,
      });
      expect(result.stderr).toContain('debug: reading bad-big.csv in this thread\n');
      expect(result.stderr).toContain(`debug: reading ${current} in this thread\n`);
      expect(result.stderr).toContain(ragged.replaceAll('bad.csv', 'bad-big.csv'));
      expect(result.code).toBe(2);
    }
  });

  it('a named pipe whose writer comes later is read as any file', async () => {
    file('good.csv', 'a,b\n1,x\n2,y\n3,x\n');
    const current = await fifo();
    const writer = spawn('sh', ['-c', `sleep 0.3; cat good.csv > '${current}'`], {
      cwd: dir,
      stdio: 'ignore',
    });
    const result = runBin('drift-detector', ['--reference', 'good.csv', '--current', current, '--json'], {
      cwd: dir,
      env: { MLOPS_DRIFT_THREADS: 'on' },
      timeoutMs: 15_000,
    });
    writer.kill();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ total_features: 2, drifted_features: 0 });
  });
});
