/**
 * Size limits, the large half (the rest: performance.test.ts): a 50 MB file and a 100,000-stage fan
 * whose inputs need the dependency graph each get a result, in linear time. The bounds are generous on
 * purpose: they only catch a quadratic regression. The figures are measured by
 * `npm run bench -- pipeline` and quoted in docs/pipeline-validator.md.
 */
import { describe, expect, it } from 'vitest';
import { longPipeline, timed } from './testing/long-pipeline.js';
import { validatePipelineText } from './validate.js';

describe('pipeline validation at scale', () => {
  it('validates a 50 MB file', () => {
    const text = longPipeline(100_000, 'x'.repeat(250));
    expect(text.length).toBeGreaterThan(50_000_000);
    const { result, ms } = timed(() => validatePipelineText(text));
    console.log(`50 MB file (${(text.length / 1e6).toFixed(1)} MB, 100,000 stages): ${ms.toFixed(0)} ms`);
    expect(result.total_stages).toBe(100_000);
    expect(result.valid).toBe(true);
    expect(ms).toBeLessThan(60_000);
  });

  it('a 100,000-stage fan: every stage depends on the last one, which makes what they read', () => {
    const count = 100_000;
    const stages = Array.from({ length: count }, (_, index) => ({
      name: `s${index}`,
      type: 'transform',
      inputs: index === 0 ? [] : ['rows'],
      outputs: [index === count - 1 ? 'rows' : `out${index}`],
      ...(index > 0 && index < count - 1 ? { depends_on: [`s${count - 1}`] } : {}),
    }));
    const { result, ms } = timed(() => validatePipelineText(JSON.stringify({ name: 'fan', stages })));
    console.log(`100,000-stage fan, inputs resolved through depends_on: ${ms.toFixed(0)} ms`);
    // Only the last stage reads 'rows' without depending on its maker (itself).
    expect(result.issues.filter((issue) => issue.rule === 'UNRESOLVED_INPUT')).toHaveLength(1);
    expect(ms).toBeLessThan(20_000);
  });
});
