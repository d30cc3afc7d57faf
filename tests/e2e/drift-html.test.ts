import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINS, cleanEnv, hasStackTrace, makeTempDir, ROOT, runBin } from '../helpers/bins.js';
import { seededRandom } from '../helpers/random.js';

const REFERENCE = 'fixtures/drift/reference.csv';
const CURRENT = 'fixtures/drift/current.csv';
const EXAMPLE = ['--reference', REFERENCE, '--current', CURRENT];

let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('mlops-drift-html-');
});
afterAll(() => temp.cleanup());

describe('drift-detector --html', () => {
  it('writes the report in addition to the normal output and exit code', () => {
    const file = join(temp.dir, 'report.html');
    const plain = runBin('drift-detector', EXAMPLE);
    const withHtml = runBin('drift-detector', [...EXAMPLE, '--html', file]);
    expect(withHtml).toEqual(plain);
    expect(withHtml.code).toBe(1);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(
      '<strong>Drift alert</strong><span>2 of 6 columns drifted (33.3%), more than the 30% allowed</span>',
    );
    expect(html).toContain('<dd>fixtures/drift/reference.csv — 400 rows, 6 columns</dd>');
    expect(html).toContain('<dd>fixtures/drift/current.csv — 350 rows, 6 columns</dd>');
    expect(html.match(/<figure class="chart/g)).toHaveLength(6);
    expect(html.match(/<tr data-i="\d+" class="drifted">/g)).toHaveLength(2);
    // no temporary file left behind
    expect(readdirSync(temp.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('works with --json and through mlops drift; SOURCE_DATE_EPOCH makes it reproducible', () => {
    const first = join(temp.dir, 'a.html');
    const second = join(temp.dir, 'b.html');
    const env = { SOURCE_DATE_EPOCH: '1767225600' };
    const json = runBin('drift-detector', [...EXAMPLE, '--json', '--html', first], { env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).drifted_features).toBe(2);
    const mlops = runBin('mlops', ['drift', ...EXAMPLE, '--json', '--html', second], { env });
    expect(mlops).toEqual(json);
    expect(readFileSync(first, 'utf8')).toBe(readFileSync(second, 'utf8'));
    expect(readFileSync(first, 'utf8')).toContain('2026-01-01 00:00:00 UTC by drift-detector');
  });

  it('an unwritable path is exit 2 with one line, no output and no file', () => {
    const file = join(temp.dir, 'no-such-folder', 'report.html');
    const result = runBin('drift-detector', [...EXAMPLE, '--html', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: ${file}: cannot write the HTML report: no such folder (give --html a file path in a folder that exists and is writable)\n`,
    );
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(existsSync(join(temp.dir, 'no-such-folder'))).toBe(false);
  });

  it('an input error writes no report', () => {
    const file = join(temp.dir, 'never.html');
    const result = runBin('drift-detector', [
      '--reference',
      'missing.csv',
      '--current',
      CURRENT,
      '--html',
      file,
    ]);
    expect(result.code).toBe(2);
    expect(existsSync(file)).toBe(false);
  });

  it('escapes hostile column names, categories and file names', () => {
    const reference = join(temp.dir, '<svg onload=alert(3)>.csv');
    copyFileSync(join(ROOT, 'tests/fixtures/hostile/reference.csv'), reference);
    const file = join(temp.dir, 'hostile.html');
    const result = runBin(
      'drift-detector',
      ['--reference', reference, '--current', 'tests/fixtures/hostile/current.csv', '--html', file],
      { cwd: ROOT },
    );
    expect(result.code).toBe(1);
    const html = readFileSync(file, 'utf8');
    for (const hostile of [
      '<img src=x onerror=alert(1)>',
      '</script><script>window.__pwned=1</script>',
      '<svg onload=alert(3)>',
      '<img src=x onerror="window.__pwned=3">',
      '<style>body{display:none}</style>',
      '"><svg onload=alert(2)>',
    ])
      expect(html).not.toContain(hostile);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;style&gt;body{display:none}&lt;/style&gt;'); // a new category, listed
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html.match(/<figure class="chart/g)).toHaveLength(4);
  });
});

/** 10 columns: 7 numeric (normal, shifted, heavy-tailed with outliers, counts, uniform, sparse, constant), 3 categorical (20 countries, 60k ids, plans with a new one). */
function writeGenerated(path: string, rows: number, seed: number, shift: number): void {
  const next = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const countries = Array.from({ length: 20 }, (_, index) => `country_${index}`);
  const plans = shift > 0 ? ['basic', 'pro', 'enterprise', 'trial'] : ['basic', 'pro', 'enterprise'];
  const lines = ['age,spend,latency_ms,sessions,score,bonus,version,country,user_id,plan'];
  for (let row = 0; row < rows; row++) {
    const latency = next() < 0.001 ? 1e7 * next() : Math.exp(3 + 0.5 * normal());
    lines.push(
      [
        (40 + 12 * normal()).toFixed(1),
        (50 + shift * 10 + 15 * normal()).toFixed(2),
        latency.toFixed(3),
        Math.floor(-Math.log(1 - next()) * 4),
        next().toFixed(4),
        next() < 0.7 ? '' : (100 * next()).toFixed(1),
        '3',
        countries[Math.floor(next() ** (1 + shift) * countries.length)],
        `u${Math.floor(next() * 60_000)}`,
        plans[Math.floor(next() * plans.length)],
      ].join(','),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('drift-detector --html on generated data', () => {
  it('stays under 1 MB for 200,000 rows x 10 columns', { timeout: 180_000 }, () => {
    const reference = join(temp.dir, 'big-reference.csv');
    const current = join(temp.dir, 'big-current.csv');
    writeGenerated(reference, 200_000, 1, 0);
    writeGenerated(current, 200_000, 2, 1);
    const file = join(temp.dir, 'big.html');
    const result = runBin(
      'drift-detector',
      ['--reference', reference, '--current', current, '--html', file],
      {
        timeoutMs: 170_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const size = statSync(file).size;
    console.log(`HTML report for 200,000 rows x 10 columns: ${size} bytes`);
    expect(size).toBeLessThan(1_000_000);
    const html = readFileSync(file, 'utf8');
    expect(html.match(/<figure class="chart/g)).toHaveLength(10);
    expect(html).toContain('200,000 rows, 10 columns');
    expect(html).toMatch(/>other \([\d,]+\)<\/text>/); // the 60k ids beyond the top 30
    expect(html).toContain('not drawn (far outliers)'); // latency's rare huge values
  });
});

describe('drift-detector --html: where the page goes (one rule for every output file)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = makeTempDir('mlops-drift-output-'));
  });
  afterAll(() => cleanup());
  const plain = () => runBin('drift-detector', [...EXAMPLE, '--json']);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('/dev/null is written to, not replaced: it stays a character device', () => {
    const result = runBin('drift-detector', [...EXAMPLE, '--json', '--html', '/dev/null']);
    expect(result).toEqual(plain());
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('- and /dev/stdout print the page on stdout, before the report', () => {
    for (const target of ['-', '/dev/stdout']) {
      const result = runBin('drift-detector', [...EXAMPLE, '--json', '--html', target]);
      expect(result.code, target).toBe(1);
      expect(result.stderr, target).toBe('');
      const end = result.stdout.indexOf('</html>\n') + '</html>\n'.length;
      expect(result.stdout.startsWith('<!DOCTYPE html>'), target).toBe(true);
      expect(JSON.parse(result.stdout.slice(end))).toEqual(JSON.parse(plain().stdout));
    }
  });

  it('/dev/stdout redirected to a file appends to that file (same inode), never replaces it', () => {
    const file = join(dir, 'redirected.txt');
    writeFileSync(file, 'before\n');
    const inode = statSync(file).ino;
    const fd = openSync(file, 'a');
    try {
      const result = spawnSync(
        process.execPath,
        [BINS['drift-detector'], ...EXAMPLE, '--json', '--html', '/dev/stdout'],
        {
          cwd: ROOT,
          env: cleanEnv(),
          stdio: ['ignore', fd, 'pipe'],
          encoding: 'utf8',
        },
      );
      expect(result.status).toBe(1);
    } finally {
      closeSync(fd);
    }
    const text = readFileSync(file, 'utf8');
    expect(statSync(file).ino).toBe(inode);
    expect(text.startsWith('before\n<!DOCTYPE html>')).toBe(true);
    expect(text.trimEnd().endsWith('}')).toBe(true); // the JSON report after the page
  });

  it('a FIFO is written to for its reader, and stays a FIFO', async () => {
    const fifo = join(dir, 'page.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      received += chunk;
    });
    const read = new Promise((resolve) => reader.on('close', resolve));
    const drift = spawn(process.execPath, [BINS['drift-detector'], ...EXAMPLE, '--html', fifo], {
      cwd: ROOT,
      env: cleanEnv(),
      stdio: 'ignore',
    });
    const code = await new Promise((resolve) => drift.on('close', resolve));
    await read;
    expect(code).toBe(1);
    expect(received.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(received.endsWith('</html>\n')).toBe(true);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a symbolic link is followed: its target is replaced (or created, when the link dangles); the link stays', () => {
    mkdirSync(join(dir, 'pages'));
    writeFileSync(join(dir, 'pages', 'old.html'), 'old');
    symlinkSync('pages/old.html', join(dir, 'existing.html'));
    symlinkSync('pages/new.html', join(dir, 'dangling.html'));
    for (const link of ['existing.html', 'dangling.html']) {
      const result = runBin('drift-detector', [...EXAMPLE, '--html', join(dir, link)]);
      expect(result.code, link).toBe(1);
      expect(lstatSync(join(dir, link)).isSymbolicLink(), link).toBe(true);
      expect(readFileSync(join(dir, link), 'utf8').startsWith('<!DOCTYPE html>'), link).toBe(true);
    }
    expect(readlinkSync(join(dir, 'dangling.html'))).toBe('pages/new.html');
    expect(readdirSync(join(dir, 'pages')).sort()).toEqual(['new.html', 'old.html']); // no temporary file
  });

  it('--html naming an input is exit 2 before anything is read, the input untouched', async () => {
    const reference = join(dir, 'ref.csv');
    copyFileSync(join(ROOT, REFERENCE), reference);
    const before = statSync(reference);
    const bytes = readFileSync(reference);
    linkSync(reference, join(dir, 'hard-link.csv'));
    symlinkSync('ref.csv', join(dir, 'soft-link.csv'));
    // The current file is a FIFO nobody writes to yet: a run that opened it would wait for a writer,
    // and the writer below, waiting for a reader, would be released.
    const fifo = join(dir, 'current.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const writer = spawn('sh', ['-c', `printf 'a\\n1\\n' > '${fifo}'`]);
    let writerEnded = false;
    writer.on('close', () => {
      writerEnded = true;
    });
    const cases = [
      ['ref.csv', '--reference ref.csv'],
      ['./ref.csv', '--reference ref.csv'],
      ['hard-link.csv', '--reference ref.csv'],
      ['soft-link.csv', '--reference ref.csv'],
      ['current.fifo', '--current current.fifo'],
    ];
    for (const [html, input] of cases) {
      for (const bin of ['drift-detector', 'mlops'] as const) {
        const args = ['--reference', 'ref.csv', '--current', 'current.fifo', '--html', html!];
        // MLOPS_DRIFT_THREADS=on: the bin would start reading the current file from its first lines.
        const result = runBin(bin, bin === 'mlops' ? ['drift', ...args] : args, {
          cwd: dir,
          env: { MLOPS_DRIFT_THREADS: 'on' },
          timeoutMs: 10_000,
        });
        expect(result, `${bin} --html ${html}`).toEqual({
          code: 2,
          stdout: '',
          stderr: `error: --html: ${html} is the same file as ${input}: writing the HTML report would overwrite an input (name another file for the output)\n`,
        });
      }
    }
    await sleep(300);
    expect(writerEnded).toBe(false); // nobody opened the FIFO to read it
    writer.kill();
    expect(readFileSync(reference).equals(bytes)).toBe(true);
    const after = statSync(reference);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe('docs/drift-detector.md, section HTML report', () => {
  const docs = readFileSync(join(ROOT, 'docs/drift-detector.md'), 'utf8');
  const section = docs.slice(docs.indexOf('\n## HTML report'));

  it('shows the real error line for an unwritable path', () => {
    const shown = section.match(/^\$ npx drift-detector (.*--html no-such-folder\/report\.html)\n(.*)$/m)!;
    const result = runBin('drift-detector', shown[1]!.split(' '));
    expect(result.stderr).toBe(`${shown[2]}\n`);
    expect(result.code).toBe(2);
  });

  it('shows the real error line for an output that is an input', () => {
    const shown = section.match(/^\$ npx drift-detector (.*--html fixtures\/drift\/reference\.csv)\n(.*)$/m)!;
    const result = runBin('drift-detector', shown[1]!.split(' '));
    expect(result.stderr).toBe(`${shown[2]}\n`);
    expect(result.code).toBe(2);
  });

  it('links the screenshot the browser test saves', () => {
    expect(section).toContain('](img/drift-report.png)');
  });
});
