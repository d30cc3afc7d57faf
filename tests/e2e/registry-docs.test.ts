import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC_QUALIFIER_WORDS, METRIC_QUANTITY_WORDS, METRIC_UNIT_WORDS } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

// Docs, code and tests must not drift apart: the name rule's words and every flag are documented.
const docs = readFileSync(join(ROOT, 'docs/model-registry.md'), 'utf8');

/** The text of a section, from its heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = docs.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const level = heading.split(' ')[0]!;
  const rest = docs.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`^#{1,${level.length}} `, 'm'));
  return end === -1 ? rest : rest.slice(0, end);
}

describe('docs/model-registry.md covers the tool', () => {
  it('lists every word of the metric name rule', () => {
    const rule = section('### Metric directions');
    const words = [
      ...METRIC_QUANTITY_WORDS.lower,
      ...METRIC_QUANTITY_WORDS.higher,
      ...METRIC_UNIT_WORDS,
      ...METRIC_QUALIFIER_WORDS,
    ];
    for (const word of words) expect(rule, word).toContain(`\`${word}\``);
  });

  it.each(['register', 'promote', 'rollback', 'list', 'show', 'get', 'compare', 'history', 'alias'])(
    'every flag of %s --help',
    async (command) => {
      const help = (await runInProcess('model-registry', [command, '--help'])).stdout;
      // Long flags and short ones (-f, -o).
      const flags = [...help.matchAll(/^\s+(?:(-\w), )?(--[a-z-]+)/gm)].flatMap((match) =>
        match[1] === undefined ? [match[2]!] : [match[1], match[2]!],
      );
      expect(flags.length).toBeGreaterThan(2);
      expect(flags).toEqual(expect.arrayContaining(['-f', '--format', '-o', '--output', '--json']));
      // In the command's own section (its synopsis or text), or in the first cell of a table row
      // (`| \`-o\`, \`--output <file>\` |`).
      const own = section(`## ${command}`);
      const rows = docs.split('\n').flatMap((line) => (line.startsWith('| ') ? [line.split(' | ')[0]!] : []));
      for (const flag of flags.filter((each) => each !== '--help' && each !== '-h'))
        expect(
          own.includes(flag) ||
            rows.some((cell) => cell.includes(`\`${flag}\``) || cell.includes(`\`${flag} `)),
          `${command} ${flag}`,
        ).toBe(true);
    },
  );
});
