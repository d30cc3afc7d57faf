import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, makeTempDir, ROOT } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';
import { seededRandom } from '../helpers/random.js';

// The page drift-detector --html writes (where it goes: drift-html-output.test.ts), the program run
// in this process: what it prints and writes is the bin's (tests/e2e/in-process.test.ts).
const REFERENCE = 'fixtures/drift/reference.csv';
const CURRENT = 'fixtures/drift/current.csv';
const EXAMPLE = ['--reference', REFERENCE, '--current', CURRENT];

let temp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  temp = makeTempDir('mlops-drift-html-');
});
afterAll(() => temp.cleanup());

describe('drift-detector --html', () => {
  it('writes the report in addition to the normal output and exit code', async () => {
    const file = join(temp.dir, 'report.html');
    const plain = await runInProcess('drift-detector', EXAMPLE);
    const withHtml = await runInProcess('drift-detector', [...EXAMPLE, '--html', file]);
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

  it('works with --json and through mlops drift; SOURCE_DATE_EPOCH makes it reproducible', async () => {
    const first = join(temp.dir, 'a.html');
    const second = join(temp.dir, 'b.html');
    const env = { SOURCE_DATE_EPOCH: '1767225600' };
    const json = await runInProcess('drift-detector', [...EXAMPLE, '--json', '--html', first], { env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).drifted_features).toBe(2);
    const mlops = await runInProcess('mlops', ['drift', ...EXAMPLE, '--json', '--html', second], { env });
    expect(mlops).toEqual(json);
    expect(readFileSync(first, 'utf8')).toBe(readFileSync(second, 'utf8'));
    expect(readFileSync(first, 'utf8')).toContain('2026-01-01 00:00:00 UTC by drift-detector');
  });

  it('an unwritable path is exit 2 with one line, no output and no file', async () => {
    const file = join(temp.dir, 'no-such-folder', 'report.html');
    const result = await runInProcess('drift-detector', [...EXAMPLE, '--html', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: ${file}: cannot write the HTML report: no such folder (give --html a file path in a folder that exists and is writable)\n`,
    );
    expect(hasStackTrace(result.stderr)).toBe(false);
    expect(existsSync(join(temp.dir, 'no-such-folder'))).toBe(false);
  });

  it('an input error writes no report', async () => {
    const file = join(temp.dir, 'never.html');
    const result = await runInProcess('drift-detector', [
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

  it('escapes hostile column names, categories and file names', async () => {
    const reference = join(temp.dir, '<svg onload=alert(3)>.csv');
    copyFileSync(join(ROOT, 'tests/fixtures/hostile/reference.csv'), reference);
    const file = join(temp.dir, 'hostile.html');
    const result = await runInProcess(
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
  it('stays under 1 MB for 200,000 rows x 10 columns', { timeout: 180_000 }, async () => {
    const reference = join(temp.dir, 'big-reference.csv');
    const current = join(temp.dir, 'big-current.csv');
    writeGenerated(reference, 200_000, 1, 0);
    writeGenerated(current, 200_000, 2, 1);
    const file = join(temp.dir, 'big.html');
    const result = await runInProcess('drift-detector', [
      '--reference',
      reference,
      '--current',
      current,
      '--html',
      file,
    ]);
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

describe('docs/drift-detector.md, section HTML report', () => {
  const docs = readFileSync(join(ROOT, 'docs/drift-detector.md'), 'utf8');
  const section = docs.slice(docs.indexOf('\n## HTML report'));

  it('shows the real error line for an unwritable path', async () => {
    const shown = section.match(/^\$ npx drift-detector (.*--html no-such-folder\/report\.html)\n(.*)$/m)!;
    const result = await runInProcess('drift-detector', shown[1]!.split(' '));
    expect(result.stderr).toBe(`${shown[2]}\n`);
    expect(result.code).toBe(2);
  });

  it('shows the real error line for an output that is an input', async () => {
    const shown = section.match(/^\$ npx drift-detector (.*--html fixtures\/drift\/reference\.csv)\n(.*)$/m)!;
    const result = await runInProcess('drift-detector', shown[1]!.split(' '));
    expect(result.stderr).toBe(`${shown[2]}\n`);
    expect(result.code).toBe(2);
  });

  it('links the screenshot the browser test saves', () => {
    expect(section).toContain('](img/drift-report.png)');
  });
});
