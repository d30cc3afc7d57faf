import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../tests/helpers/runs.js';
import { checkPipelineSchema, isPipelineFileShape, pipelineFileSchema } from './schema.js';

/** Values of the right and of the wrong type for every field the schema knows. */
const anyValue = fc.oneof(
  fc.string(),
  fc.integer({ min: -3, max: 3 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer())),
  fc.array(fc.string()),
  fc.dictionary(fc.string(), fc.string()),
);
const gate = fc.record(
  {
    metric: anyValue,
    threshold: fc.oneof(fc.double(), anyValue),
    direction: fc.oneof(anyValue, fc.constantFrom('min', 'max')),
  },
  { requiredKeys: [] },
);
const stage = fc.oneof(
  fc.record(
    {
      name: anyValue,
      type: anyValue,
      inputs: anyValue,
      outputs: anyValue,
      depends_on: anyValue,
      gate: fc.oneof(gate, anyValue),
      rollback: anyValue,
      timeout_minutes: anyValue,
      validation: anyValue,
      parameters: anyValue,
      other: anyValue,
    },
    { requiredKeys: [] },
  ),
  anyValue,
);
const document = fc.oneof(
  fc.record(
    {
      $schema: anyValue,
      name: anyValue,
      stages: fc.oneof(fc.array(stage, { maxLength: 4 }), anyValue),
      schedule: anyValue,
      notifications: anyValue,
      extra: anyValue,
    },
    { requiredKeys: [] },
  ),
  anyValue,
);

describe('isPipelineFileShape', () => {
  it('never accepts what the zod schema rejects (property)', () => {
    fc.assert(
      fc.property(document, (value) => {
        if (isPipelineFileShape(value)) expect(pipelineFileSchema.safeParse(value).success).toBe(true);
      }),
      { numRuns: propertyRuns(3000), seed: 20_261_201 },
    );
  });

  it('accepts a well-typed pipeline, so that zod is not run on it', () => {
    const value = {
      name: 'p',
      schedule: '@daily',
      notifications: { on_failure: 'x' },
      stages: [
        { name: 'load', type: 'data', outputs: ['rows'], timeout_minutes: 5, rollback: 'blue-green' },
        {
          name: 'eval',
          type: 'evaluate',
          inputs: ['rows'],
          gate: { metric: 'f1', threshold: 0.9, direction: 'max' },
        },
      ],
    };
    expect(isPipelineFileShape(value)).toBe(true);
    expect(checkPipelineSchema(value)).toEqual([]);
  });

  it('leaves a wrong type to zod, which explains it', () => {
    expect(isPipelineFileShape({ stages: [{ timeout_minutes: 0 }] })).toBe(false);
    expect(checkPipelineSchema({ stages: [{ timeout_minutes: 0 }] })).toEqual([
      { path: '/stages/0/timeout_minutes', message: 'expected a number greater than 0, got a number (0)' },
    ]);
  });
});
