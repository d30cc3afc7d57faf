/** docs/pipeline-validator.md cannot drift from the rules and the options. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PIPELINE_RULE_IDS, pipelineRules } from '@mlops/core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/bins.js';
import { runInProcess } from '../helpers/in-process.js';

const docs = readFileSync(join(ROOT, 'docs/pipeline-validator.md'), 'utf8');
const ruleSections = new Map<string, string>();
{
  const parts = docs.split(/^### /m).slice(1);
  for (const part of parts) {
    const [title, ...body] = part.split('\n');
    if (/^[A-Z_]+$/.test(title!.trim())) ruleSections.set(title!.trim(), body.join('\n'));
  }
}

describe('docs/pipeline-validator.md', () => {
  it('has a section for every rule, and none for a rule that does not exist', () => {
    expect([...ruleSections.keys()].sort()).toEqual([...PIPELINE_RULE_IDS]);
  });

  it.each(pipelineRules.map((rule) => [rule.meta.id, rule] as const))(
    '%s: the section states its severity, strict behaviour and origin',
    (id, rule) => {
      const section = ruleSections.get(id)!;
      const firstLine = section.trim().split('\n')[0]!;
      expect(firstLine.startsWith(rule.meta.severity)).toBe(true);
      if (rule.meta.strictSeverity)
        expect(firstLine).toContain(`${rule.meta.strictSeverity} under \`--strict\``);
      if (rule.meta.strictOnly) expect(firstLine).toContain('`--strict` only');
      expect(firstLine).toContain(rule.meta.legacy ? 'legacy' : 'new');
    },
  );

  it('documents every option of the help', async () => {
    const help = (await runInProcess('pipeline-validator', ['--help'])).stdout;
    // Long flags and short ones (-f, -o): each written as code somewhere in the page.
    const flags = [...help.matchAll(/^ {2}(?:(-\w), )?(--[a-z-]+)/gm)].flatMap((match) =>
      match[1] === undefined ? [match[2]!] : [match[1], match[2]!],
    );
    expect(flags.length).toBeGreaterThan(6);
    expect(flags).toContain('-f');
    for (const flag of flags) expect(docs, flag).toContain(`\`${flag}`);
    for (const format of ['text', 'json', 'sarif', 'github', 'markdown', 'codeclimate', 'junit'])
      expect(docs).toContain(`### ${format}`);
  });

  it('the junit example is real output', async () => {
    const start = docs.indexOf('```xml', docs.indexOf('### junit'));
    const shown = docs.slice(docs.indexOf('\n', start) + 1, docs.indexOf('\n```', start));
    const result = await runInProcess('pipeline-validator', [
      'fixtures/pipeline/invalid.json',
      'fixtures/pipeline/valid.json',
      '--format',
      'junit',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout.trimEnd()).toBe(shown);
  });

  it('documents every field of the JSON report', async () => {
    const report = JSON.parse(
      (await runInProcess('pipeline-validator', [join(ROOT, 'fixtures/pipeline/invalid.json'), '--json']))
        .stdout,
    );
    for (const key of Object.keys(report)) expect(docs, key).toContain(`\`${key}\``);
    for (const key of Object.keys(report.issues[0])) expect(docs, key).toContain(`\`issues[].${key}\``);
  });
});
