/**
 * Size and shape limits: a 10,000-stage pipeline, a 100,000-stage chain whose inputs need the
 * dependency graph, and deeply nested values each get a result, in linear time (a 50 MB file and a
 * 100,000-stage fan: performance-large.test.ts, so that the two files run side by side). The
 * bounds are generous on purpose: they only catch a quadratic regression (the 100,000-stage chain took
 * over 120 s before the input check was made linear). The figures are measured by
 * `npm run bench -- pipeline` and quoted in docs/pipeline-validator.md.
 */
import { describe, expect, it } from 'vitest';
import { longPipeline, timed } from './testing/long-pipeline.js';
import { validatePipelineText } from './validate.js';

describe('pipeline validation at scale', () => {
  it('validates 10,000 stages, strict, in well under the 5 s bound', () => {
    const text = longPipeline(10_000);
    validatePipelineText(longPipeline(50), { strict: true }); // warm up the code paths
    const { result, ms } = timed(() => validatePipelineText(text, { strict: true }));
    console.log(`10,000 stages (${(text.length / 1e6).toFixed(1)} MB): ${ms.toFixed(0)} ms`);
    expect(result.total_stages).toBe(10_000);
    expect(result.issues).toEqual([]);
    expect(ms).toBeLessThan(5_000);
  });

  it('finds a cycle closing over 10,000 stages without recursion', () => {
    const doc = JSON.parse(longPipeline(10_000));
    doc.stages[0].depends_on = ['stage_9999'];
    const report = validatePipelineText(JSON.stringify(doc));
    const cycles = report.issues.filter((issue) => issue.rule === 'DEPENDENCY_CYCLE');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toMatch(
      /^Stages depend on each other in a cycle: stage_0 -> stage_1 -> .* -> stage_9999 -> stage_0\.$/,
    );
  });

  it('a 100,000-stage depends_on chain whose every stage reads an input only a later stage makes', () => {
    const count = 100_000;
    const stages = Array.from({ length: count }, (_, index) => ({
      name: `s${index}`,
      type: 'transform',
      inputs: index === 0 ? [] : [`a${index - 1}`, 'lookup', 'raw'],
      outputs: index === count - 1 ? [`a${index}`, 'lookup'] : [`a${index}`],
      ...(index > 0 ? { depends_on: [`s${index - 1}`] } : {}),
    }));
    const { result, ms } = timed(() => validatePipelineText(JSON.stringify({ name: 'chain', stages })));
    console.log(`100,000-stage chain, 200,000 unresolved inputs: ${ms.toFixed(0)} ms`);
    const unresolved = result.issues.filter((issue) => issue.rule === 'UNRESOLVED_INPUT');
    expect(unresolved).toHaveLength(2 * (count - 1));
    expect(unresolved[0]!.message).toBe(
      "Stage 's1' requires input 'lookup' which is not produced by any earlier stage.",
    );
    expect(ms).toBeLessThan(20_000);
  });

  it('accepts 1,000 levels of nesting inside a stage, and refuses 1,001 at the bracket that goes too deep', () => {
    const doc = JSON.parse(longPipeline(6));
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const withParameters = (depth: number) =>
      JSON.stringify(doc).replace(
        '"timeout_minutes":5}',
        `"timeout_minutes":5,"parameters":{"deep":${nested(depth)}}}`,
      );
    // The root, stages, the stage and parameters take 4 levels.
    expect(validatePipelineText(withParameters(996)).valid).toBe(true);
    const text = withParameters(997);
    const report = validatePipelineText(text);
    expect(report.issues).toEqual([
      {
        severity: 'error',
        rule: 'INVALID_JSON',
        message:
          'The file is not valid JSON: more than 1000 levels of nested arrays and objects (the most this tool reads).',
        path: '',
        line: 1,
        column: text.indexOf('[['.repeat(498)) + 997,
      },
    ]);
  });

  it('refuses 10 MB of [ quickly, without building anything', () => {
    const text = '['.repeat(10_000_000);
    const { result, ms } = timed(() => validatePipelineText(text));
    expect(result.issues.map((issue) => [issue.rule, issue.line, issue.column])).toEqual([
      ['INVALID_JSON', 1, 1001],
    ]);
    expect(ms).toBeLessThan(5_000);
  });
});
