import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DRIFT_METHODS } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

// Docs, code and tests must not drift apart: every method, flag and report field is documented.
const docs = readFileSync(join(ROOT, 'docs/drift-detector.md'), 'utf8');

describe('docs/drift-detector.md covers the tool', () => {
  it.each(Object.values(DRIFT_METHODS).map((method) => [method.name, method] as const))(
    'method %s: a section and its default threshold in the table',
    (name, method) => {
      expect(docs).toContain(`### \`${name}\``);
      const row = docs.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `table row for ${name}`).toBeDefined();
      expect(row!.trim().endsWith(`| ${method.defaultThreshold} |`)).toBe(true);
      expect(row).toContain(method.scoreKind === 'p_value' ? 'p-value' : 'distance');
    },
  );

  it('every flag of --help', async () => {
    const help = (await runInProcess('drift-detector', ['--help'])).stdout;
    // Long flags and short ones (-f, -o): each written as code somewhere in the page.
    const flags = [...help.matchAll(/^\s+(?:(-\w), )?(--[a-z-]+)/gm)].flatMap((match) =>
      match[1] === undefined ? [match[2]!] : [match[1], match[2]!],
    );
    expect(flags.length).toBeGreaterThan(10);
    expect(flags).toContain('-f');
    for (const flag of flags) expect(docs, flag).toContain(`\`${flag}`);
  });

  it('every field of the JSON report on the quick-start fixtures, with every method', async () => {
    const keys = new Set<string>();
    for (const method of [...Object.keys(DRIFT_METHODS), 'auto']) {
      const args = ['--reference', 'fixtures/drift/reference.csv', '--current', 'fixtures/drift/current.csv'];
      // A method for one kind of column gets a column of that kind.
      const kinds: readonly string[] =
        method === 'auto'
          ? ['numeric', 'categorical']
          : DRIFT_METHODS[method as keyof typeof DRIFT_METHODS].featureKinds;
      const columns = kinds.includes('categorical') ? [] : ['--columns', 'monthly_spend'];
      const picked = kinds.includes('numeric') ? [] : ['--columns', 'plan', '--categorical', 'plan'];
      const result = await runInProcess('drift-detector', [
        ...args,
        '--json',
        '--method',
        method,
        ...columns,
        ...picked,
      ]);
      if (method === 'fisher_exact') {
        expect(result.code).toBe(2); // plan has 4 categories
        continue;
      }
      const report = JSON.parse(result.stdout);
      for (const key of Object.keys(report)) keys.add(key);
      for (const feature of report.features) for (const key of Object.keys(feature)) keys.add(key);
    }
    for (const key of [...keys, 'p_value_adjusted', 'reason', 'missing_categories'])
      expect(docs, key).toMatch(new RegExp(`\\| \`${key}\`|, \`${key}\``));
  });
});

describe('the worked example in the docs is real output', () => {
  const quickStart = [
    '--reference',
    'fixtures/drift/reference.csv',
    '--current',
    'fixtures/drift/current.csv',
  ];
  const block = (opening: string, after: string) => {
    const start = docs.indexOf(opening, docs.indexOf(after));
    return docs.slice(docs.indexOf('\n', start) + 1, docs.indexOf('\n```', start));
  };

  it('text', async () => {
    const console = block('```console', '## Worked example');
    const printed = console.split('\n').slice(1, console.split('\n').indexOf('$ echo $?')).join('\n');
    const result = await runInProcess('drift-detector', quickStart);
    expect(result.stdout.trimEnd()).toBe(printed);
    expect(result.code).toBe(1);
  });

  it('json (first two features)', async () => {
    const shown = JSON.parse(block('```json', 'The same with `--json`'));
    const report = JSON.parse((await runInProcess('drift-detector', [...quickStart, '--json'])).stdout);
    expect({ ...report, features: report.features.slice(0, 2) }).toEqual(shown);
  });

  it('markdown', async () => {
    const shown = block('```markdown', 'Benjamini–Hochberg');
    const result = await runInProcess('drift-detector', [
      ...quickStart,
      '--method',
      'auto',
      '--correction',
      'fdr',
      '--format',
      'markdown',
    ]);
    expect(result.stdout.trimEnd()).toBe(shown);
  });

  it('junit', async () => {
    const shown = block('```xml', 'On the quick-start pair (`--format junit`)');
    const result = await runInProcess('drift-detector', [...quickStart, '--format', 'junit']);
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd()).toBe(shown);
  });
});
