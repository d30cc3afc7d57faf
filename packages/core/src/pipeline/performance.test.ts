/**
 * Size and shape limits: a 10,000-stage pipeline, a 50 MB file and deeply nested values each get a
 * result, in linear time. The bounds are generous on purpose (these are not benchmarks: the measured
 * times are printed, and the issue's report quotes them); they only catch a quadratic regression.
 */
import { describe, expect, it } from 'vitest';
import { validatePipelineText } from './validate.js';

/** A chain of `count` stages (data, transform…, train, evaluate, deploy, monitor), each with a dependency. */
function longPipeline(count: number, padding = ''): string {
  const stages = [];
  for (let index = 0; index < count; index++) {
    const type =
      index === 0
        ? 'data'
        : index === count - 4
          ? 'train'
          : index === count - 3
            ? 'evaluate'
            : index === count - 2
              ? 'deploy'
              : index === count - 1
                ? 'monitor'
                : 'transform';
    stages.push({
      name: `stage_${index}`,
      type,
      inputs: index === 0 ? ['raw'] : [`artifact_${index - 1}`],
      outputs: [`artifact_${index}`],
      ...(index > 0 ? { depends_on: [`stage_${index - 1}`] } : {}),
      ...(type === 'evaluate' ? { gate: { metric: 'f1', threshold: 0.9 } } : {}),
      ...(type === 'deploy' ? { rollback: true } : {}),
      timeout_minutes: 5,
      ...(padding ? { parameters: { note: padding } } : {}),
    });
  }
  return JSON.stringify(
    { name: 'long', schedule: '@daily', notifications: { on_failure: 'x@example.com' }, stages },
    null,
    2,
  );
}

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

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

  it('validates a 50 MB file', () => {
    const text = longPipeline(100_000, 'x'.repeat(250));
    expect(text.length).toBeGreaterThan(50_000_000);
    const { result, ms } = timed(() => validatePipelineText(text));
    console.log(`50 MB file (${(text.length / 1e6).toFixed(1)} MB, 100,000 stages): ${ms.toFixed(0)} ms`);
    expect(result.total_stages).toBe(100_000);
    expect(result.valid).toBe(true);
    expect(ms).toBeLessThan(60_000);
  });

  it('handles 100,000 levels of nesting inside a stage', () => {
    const doc = JSON.parse(longPipeline(6));
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = JSON.stringify(doc).replace(
      '"timeout_minutes":5}',
      `"timeout_minutes":5,"parameters":{"deep":${deep}}}`,
    );
    const report = validatePipelineText(text);
    expect(report.valid).toBe(true);
  });
});
