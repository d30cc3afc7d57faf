/**
 * UNRESOLVED_INPUT when the dependency paths are too many to follow: the input is reported, and the
 * message says that depends_on was not followed (never a silent pass). The step limit is set to 0
 * here; a real pipeline needs hundreds of thousands of tangled stages to reach the default.
 */
import { describe, expect, it, vi } from 'vitest';
import { validatePipelineText } from '../validate.js';

vi.mock('../graph.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../graph.js')>();
  return {
    ...original,
    pipelineReachedFrom: (...args: Parameters<typeof original.pipelineReachedFrom>) =>
      original.pipelineReachedFrom(args[0], args[1], 0),
  };
});

describe('UNRESOLVED_INPUT past the step limit', () => {
  it('reports an input a later stage would resolve, saying depends_on was not followed', () => {
    const text = JSON.stringify({
      name: 'p',
      stages: [
        { name: 'load', type: 'data', outputs: ['rows'] },
        { name: 'fit', type: 'train', inputs: ['rows', 'lookup'], outputs: ['model'], depends_on: ['late'] },
        { name: 'late', type: 'data', outputs: ['lookup'] },
      ],
    });
    const issues = validatePipelineText(text).issues.filter((issue) => issue.rule === 'UNRESOLVED_INPUT');
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: '/stages/1/inputs/1',
        message:
          "Stage 'fit' requires input 'lookup' which is not produced by any earlier stage. (Its depends_on were not followed: the pipeline has too many dependency paths to trace them all.)",
      }),
    ]);
  });

  it('keeps the legacy message for an input that nothing produces (no path to follow)', () => {
    const text = JSON.stringify({
      name: 'p',
      stages: [
        { name: 'load', type: 'data', outputs: ['rows'] },
        { name: 'fit', type: 'train', inputs: ['labels'], outputs: ['model'], depends_on: ['load'] },
      ],
    });
    const issues = validatePipelineText(text).issues.filter((issue) => issue.rule === 'UNRESOLVED_INPUT');
    expect(issues.map((issue) => issue.message)).toEqual([
      "Stage 'fit' requires input 'labels' which is not produced by any earlier stage.",
    ]);
  });
});
